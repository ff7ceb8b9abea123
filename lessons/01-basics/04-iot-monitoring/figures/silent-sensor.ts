// Battery-powered temperature sensors, one per rack, each reporting every 5 seconds; the chart
// follows rack 2. Its readings form a session that stays open while they keep coming at most `gap`
// seconds apart; once the sensor has been quiet for longer, the session closes and says when it
// was last heard from. Readings reach the pipeline up to `delay` ms late, and the watermark waits
// that long for them.
import {
  EventTimeSessionWindows,
  MAX_WATERMARK,
  ProcessWindowFunction,
  Time,
  WatermarkStrategy,
} from 'streamlab';
import type {
  Collector,
  ProcessWindowContext,
  SensorReading,
  StreamExecutionEnvironment,
  TimeWindow,
} from 'streamlab';

/** Rack 2's Wi-Fi drops two readings at 20 s, and its battery dies at 60 s. */
function reachesUs(r: SensorReading): boolean {
  if (r.sensor !== 'sensor-2') return true;
  return !((r.ts >= 20_000 && r.ts < 30_000) || r.ts >= 60_000);
}

/** When the sensor was last heard from, once its session has closed. */
class LastHeard extends ProcessWindowFunction<SensorReading, string, string> {
  process(
    _sensor: string,
    context: ProcessWindowContext<TimeWindow>,
    readings: readonly SensorReading[],
    out: Collector<string>,
  ) {
    // At the end of the input every session closes: that is not silence.
    if (context.currentWatermark() === MAX_WATERMARK) {
      out.collect('input ended');
      return;
    }
    const last = Math.max(...readings.map((r) => r.ts));
    out.collect(`quiet after ${(last / 1000).toFixed(1)} s`);
  }
}

export default function pipeline(
  env: StreamExecutionEnvironment,
  params: { gap: number; delay: number },
) {
  env
    .fromSource(
      env.datasets.sensorReadings({
        sensors: 3,
        ratePerSecond: 0.2,
        durationMs: 100_000,
        maxDelayMs: params.delay,
      }),
      WatermarkStrategy.forBoundedOutOfOrderness<SensorReading>(params.delay).withTimestampAssigner(
        (r) => r.ts,
      ),
      'sensors',
    )
    .filter(reachesUs)
    // The chart follows rack 2. The other racks' readings still move the watermark, which is
    // what lets the pipeline see that time has passed without a reading from rack 2.
    .filter((r) => r.sensor === 'sensor-2')
    .keyBy((r) => r.sensor)
    .window(EventTimeSessionWindows.withGap(Time.seconds(params.gap)))
    .process(new LastHeard())
    .sinkTo(env.collect('silences'));
}
