// Mistake: takes the window's last millisecond, maxTimestamp(), as its end.
// The check answers: /says end: 9999, the window.s last millisecond.*use context.window\(\).end, 10000/
import {
  ProcessWindowFunction,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from 'streamlab';
import type {
  AggregateFunction,
  Collector,
  ProcessWindowContext,
  StreamExecutionEnvironment,
  TimeWindow,
} from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    // Source: nineteen readings from three room sensors, one arriving every second of virtual
    // time. `ts` is when the reading was taken, in ms since the start.
    .fromCollection<Reading>(
      [
        { sensor: 'hall', ts: 1000, celsius: 20.0 },
        { sensor: 'kitchen', ts: 1500, celsius: 24.5 },
        { sensor: 'attic', ts: 2000, celsius: 30.0 },
        { sensor: 'hall', ts: 4000, celsius: 21.0 },
        { sensor: 'kitchen', ts: 5000, celsius: 25.5 },
        { sensor: 'kitchen', ts: 6500, celsius: 26.5 },
        { sensor: 'attic', ts: 7000, celsius: 33.0 },
        { sensor: 'hall', ts: 8500, celsius: 23.0 },
        { sensor: 'hall', ts: 10500, celsius: 22.0 },
        { sensor: 'kitchen', ts: 9500, celsius: 27.5 },
        { sensor: 'kitchen', ts: 11000, celsius: 28.0 },
        { sensor: 'attic', ts: 12000, celsius: 34.0 },
        { sensor: 'hall', ts: 13000, celsius: 22.5 },
        { sensor: 'kitchen', ts: 14500, celsius: 27.0 },
        { sensor: 'attic', ts: 15500, celsius: 35.5 },
        { sensor: 'attic', ts: 16500, celsius: 36.0 },
        { sensor: 'hall', ts: 17500, celsius: 24.0 },
        { sensor: 'kitchen', ts: 18000, celsius: 26.0 },
        { sensor: 'attic', ts: 19500, celsius: 35.0 },
      ],
      { arrivalIntervalMs: 1000 },
    )
    // Event time: each reading was taken at its `ts`; readings may arrive up to 2 s out of order.
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forBoundedOutOfOrderness<Reading>(Time.seconds(2)).withTimestampAssigner(
        (reading) => reading.ts,
      ),
    )
    .keyBy((reading) => reading.sensor)
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    // The average, computed incrementally as the readings arrive, then given its window.
    .aggregate(AVERAGE, new WithWindow())
    .sinkTo(env.collect('average per window'));
}

/**
 * The average of the readings. A running average cannot be updated from the previous average
 * alone, so the accumulator keeps a sum and a count; the division happens once, at the end.
 */
const AVERAGE: AggregateFunction<Reading, { sum: number; count: number }, number> = {
  createAccumulator: () => ({ sum: 0, count: 0 }),
  add: (reading, acc) => ({ sum: acc.sum + reading.celsius, count: acc.count + 1 }),
  getResult: (acc) => acc.sum / acc.count,
  merge: (a, b) => ({ sum: a.sum + b.sum, count: a.count + b.count }),
};

/** Puts the sensor and its window's bounds beside the window's average. */
class WithWindow extends ProcessWindowFunction<number, SensorAverage, string> {
  process(
    sensor: string,
    context: ProcessWindowContext<TimeWindow>,
    averages: readonly number[],
    out: Collector<SensorAverage>,
  ) {
    // After aggregate, `averages` holds a single value: the window's average.
    const window = context.window();
    out.collect({
      sensor,
      start: window.start,
      end: window.maxTimestamp(),
      average: averages[0] as number,
    });
  }
}

/** One temperature reading: which sensor, when it was taken (ms), and the value. */
interface Reading {
  sensor: string;
  ts: number;
  celsius: number;
}

/** A sensor's average temperature over the window [start, end). */
interface SensorAverage {
  sensor: string;
  start: number;
  end: number;
  average: number;
}
