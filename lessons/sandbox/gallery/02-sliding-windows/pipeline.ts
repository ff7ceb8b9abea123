// Sliding windows have a size and a slide: a window of 30 s starts every 10 s, so windows overlap
// and each reading counts in size / slide = 3 of them. That is a moving average.
import { ProcessWindowFunction, SlidingEventTimeWindows, Time, WatermarkStrategy } from 'streamlab';
import type {
  AggregateFunction,
  Collector,
  ProcessWindowContext,
  SensorReading,
  StreamExecutionEnvironment,
  TimeWindow,
} from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromSource(
      // Two sensors, one reading a second each for two minutes, arriving up to 1 s late.
      env.datasets.sensorReadings({ sensors: 2, durationMs: 120_000 }),
      WatermarkStrategy.forBoundedOutOfOrderness<SensorReading>(
        Time.seconds(1),
      ).withTimestampAssigner((reading) => reading.ts),
      'sensors',
    )
    .keyBy((reading) => reading.sensor)
    // Size 30 s, slide 10 s. Try a slide of 5 s (six windows per reading), or 30 s (tumbling).
    .window(SlidingEventTimeWindows.of(Time.seconds(30), Time.seconds(10)))
    .aggregate(AVERAGE, new WithWindow())
    .sinkTo(env.collect('30 s average'));
}

/**
 * The average, kept as a sum and a count while readings arrive: the window holds two numbers per
 * sensor rather than every reading, which matters when three windows share each reading.
 */
const AVERAGE: AggregateFunction<SensorReading, { sum: number; count: number }, number> = {
  createAccumulator: () => ({ sum: 0, count: 0 }),
  add: (reading, acc) => ({ sum: acc.sum + reading.celsius, count: acc.count + 1 }),
  getResult: (acc) => acc.sum / acc.count,
  merge: (a, b) => ({ sum: a.sum + b.sum, count: a.count + b.count }),
};

/** Puts the sensor and the window's end beside the average, rounded to a tenth of a degree. */
class WithWindow extends ProcessWindowFunction<number, MovingAverage, string> {
  process(
    sensor: string,
    context: ProcessWindowContext<TimeWindow>,
    averages: readonly number[],
    out: Collector<MovingAverage>,
  ) {
    const average = averages[0] ?? Number.NaN;
    out.collect({ sensor, upTo: context.window().end, celsius: Math.round(average * 10) / 10 });
  }
}

/** A sensor's average over the 30 s before `upTo` (ms). */
interface MovingAverage {
  sensor: string;
  upTo: number;
  celsius: number;
}
