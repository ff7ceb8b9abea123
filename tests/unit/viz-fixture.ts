import {
  OutputTag,
  runPipeline,
  TestStream,
  TimestampedValue,
  Time,
  TumblingEventTimeWindows,
  type JobResult,
  type StreamExecutionEnvironment,
} from 'streamlab';

export type Reading = { key: string; n: number };

/**
 * Keyed tumbling windows of 5 s: a and b fill [0 s, 5 s), the watermark moves to 5 s at 2 s of
 * processing time, which fires both panes, and a reading for a at 2 s arriving at 4 s is late:
 * sent to the side output "late" (or, with `lateness`, accepted and fired again as a LATE pane).
 */
export function lateScript(lateness = 0): JobResult {
  const late = new OutputTag<Reading>('late');
  const program = (env: StreamExecutionEnvironment) => {
    const source = TestStream.create<Reading>()
      .addElements(
        TimestampedValue.of({ key: 'a', n: 1 }, 1000),
        TimestampedValue.of({ key: 'b', n: 2 }, 3000),
      )
      .advanceProcessingTime(2000)
      .addElements(TimestampedValue.of({ key: 'a', n: 3 }, 6000))
      .advanceWatermarkTo(5000)
      .advanceProcessingTime(2000)
      .addElements(TimestampedValue.of({ key: 'a', n: 4 }, 2000))
      .advanceWatermarkToInfinity()
      .build('script');
    const sums = env
      .fromSource(source)
      .keyBy((r) => r.key)
      .window(TumblingEventTimeWindows.of(Time.seconds(5)))
      .allowedLateness(lateness)
      .sideOutputLateData(late)
      .sum('n');
    sums.sinkTo(env.collect('sums'));
    sums.getSideOutput(late).sinkTo(env.collect('late'));
  };
  return runPipeline(program, { trace: { level: 'full' } });
}
