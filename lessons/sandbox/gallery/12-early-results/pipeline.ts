// A window's trigger decides when it fires. The default for event-time windows fires once, when
// the watermark passes the window's end. ContinuousEventTimeTrigger also fires at every interval of
// event time before that, so a long window gives early, growing results; the window keeps its
// contents between firings, so each result covers the window so far.
import {
  ContinuousEventTimeTrigger,
  ProcessWindowFunction,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from 'streamlab';
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
      // Two sensors, one reading a second each for three minutes.
      env.datasets.sensorReadings({ sensors: 2, durationMs: 180_000 }),
      WatermarkStrategy.forBoundedOutOfOrderness<SensorReading>(
        Time.seconds(1),
      ).withTimestampAssigner((reading) => reading.ts),
      'sensors',
    )
    .keyBy((reading) => reading.sensor)
    .window(TumblingEventTimeWindows.of(Time.minutes(1)))
    // Try CountTrigger.of(20) (imported from 'streamlab'): a result every 20 readings instead.
    .trigger(ContinuousEventTimeTrigger.of(Time.seconds(15)))
    .aggregate(AVERAGE, new WithPane())
    .sinkTo(env.collect('minute averages'));
}

/** The average so far, kept as a sum and a count. */
const AVERAGE: AggregateFunction<SensorReading, { sum: number; count: number }, Average> = {
  createAccumulator: () => ({ sum: 0, count: 0 }),
  add: (reading, acc) => ({ sum: acc.sum + reading.celsius, count: acc.count + 1 }),
  getResult: (acc) => ({
    readings: acc.count,
    celsius: Math.round((acc.sum / acc.count) * 10) / 10,
  }),
  merge: (a, b) => ({ sum: a.sum + b.sum, count: a.count + b.count }),
};

/** Says which minute, and whether this result came early or at the window's end. */
class WithPane extends ProcessWindowFunction<Average, MinuteAverage, string> {
  process(
    sensor: string,
    context: ProcessWindowContext<TimeWindow>,
    averages: readonly Average[],
    out: Collector<MinuteAverage>,
  ) {
    const average = averages[0] ?? { readings: 0, celsius: Number.NaN };
    out.collect({
      sensor,
      minute: context.window().start / 60_000,
      pane: context.pane().timing,
      ...average,
    });
  }
}

interface Average {
  readings: number;
  celsius: number;
}

/** A sensor's average over its readings so far in one minute. */
interface MinuteAverage extends Average {
  sensor: string;
  minute: number;
  pane: string;
}
