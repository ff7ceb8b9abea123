// A record is late when it reaches a window after the watermark has passed the window's end, so
// the window has already fired. Flink gives it one of three fates:
//   - dropped (the default): it is counted nowhere;
//   - allowedLateness(t): the window keeps its contents t longer, and a late record fires it
//     again with the record added (a LATE pane);
//   - sideOutputLateData(tag): a record later than that goes to a side stream instead of nowhere.
// In readings.csv, the reading taken at 7 s arrives at 15 s, and the one taken at 4 s at 27 s.
import {
  csvSource,
  OutputTag,
  ProcessWindowFunction,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from 'streamlab';
import type {
  Collector,
  ProcessWindowContext,
  StreamExecutionEnvironment,
  TimeWindow,
} from 'streamlab';
import readings from './readings.csv';

export default function pipeline(env: StreamExecutionEnvironment) {
  const tooLate = new OutputTag<Reading>('too late');

  const counts = env
    .fromSource(
      // `ts` is when each reading was taken; `arrival` when it reaches the pipeline.
      csvSource<Reading>(readings, {
        timestampField: 'ts',
        arrivalField: 'arrival',
        types: { celsius: 'number' },
      }),
      WatermarkStrategy.forBoundedOutOfOrderness<Reading>(Time.seconds(1)),
      'boiler',
    )
    .keyBy((reading) => reading.sensor)
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    // Windows wait 5 s of event time past their end for stragglers. Try 0, or 15 s.
    .allowedLateness(Time.seconds(5))
    .sideOutputLateData(tooLate)
    .process(new CountReadings());

  counts.sinkTo(env.collect('readings per window'));
  // Without this line, the reading from 4 s would be dropped without a trace in the results.
  counts.getSideOutput(tooLate).sinkTo(env.collect('too late'));
}

/** Counts a window's readings each time it fires, and says which firing it was. */
class CountReadings extends ProcessWindowFunction<Reading, WindowCount, string> {
  process(
    sensor: string,
    context: ProcessWindowContext<TimeWindow>,
    readings: readonly Reading[],
    out: Collector<WindowCount>,
  ) {
    const { start, end } = context.window();
    // ON_TIME when the watermark passed the window's end; LATE for each firing after that.
    out.collect({ sensor, start, end, readings: readings.length, pane: context.pane().timing });
  }
}

/** How many readings a window held when it fired. */
interface WindowCount {
  sensor: string;
  start: number;
  end: number;
  readings: number;
  pane: string;
}

/** One row of readings.csv. */
interface Reading {
  sensor: string;
  ts: number;
  celsius: number;
  arrival: number;
}
