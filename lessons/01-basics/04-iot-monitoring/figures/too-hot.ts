// Temperature readings from a server room. The chart follows the sensor on rack 3: its readings
// are averaged over windows of `window` seconds, and a window whose average is above `threshold`
// raises an alarm (⚠).
import {
  ProcessWindowFunction,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from 'streamlab';
import type {
  Collector,
  ProcessWindowContext,
  SensorReading,
  StreamExecutionEnvironment,
  TimeWindow,
} from 'streamlab';

/**
 * What happens on rack 3, written over the dataset's readings: someone opens the rack's door at
 * 6 s (one reading 7 °C too warm), the fan fails at 10 s (the temperature then climbs 0.5 °C a
 * second), and the sensor stops sending at 24 s.
 */
function onRack3(r: SensorReading): SensorReading[] {
  if (r.sensor !== 'sensor-3') return [r];
  const second = Math.floor(r.ts / 1000);
  if (second >= 24) return [];
  if (second === 6) return [{ ...r, celsius: r.celsius + 7 }];
  if (r.ts > 10_000) {
    return [{ ...r, celsius: Math.round((r.celsius + (r.ts - 10_000) / 2000) * 10) / 10 }];
  }
  return [r];
}

/** The window's average, marked ⚠ when it is above the threshold. */
class Average extends ProcessWindowFunction<SensorReading, string, string> {
  constructor(private readonly threshold: number) {
    super();
  }

  process(
    _sensor: string,
    _context: ProcessWindowContext<TimeWindow>,
    readings: readonly SensorReading[],
    out: Collector<string>,
  ) {
    const average = readings.reduce((sum, r) => sum + r.celsius, 0) / readings.length;
    out.collect(`${average > this.threshold ? '⚠ ' : ''}${average.toFixed(1)}`);
  }
}

export default function pipeline(
  env: StreamExecutionEnvironment,
  params: { threshold: number; window: number },
) {
  env
    .fromSource(
      env.datasets.sensorReadings({ sensors: 3, durationMs: 30_000, maxDelayMs: 500 }),
      WatermarkStrategy.forBoundedOutOfOrderness<SensorReading>(500).withTimestampAssigner(
        (r) => r.ts,
      ),
      'sensors',
    )
    .flatMap(onRack3)
    // The chart follows rack 3. The other racks' readings still move the watermark.
    .filter((r) => r.sensor === 'sensor-3')
    .keyBy((r) => r.sensor)
    .window(TumblingEventTimeWindows.of(Time.seconds(params.window)))
    .process(new Average(params.threshold))
    .sinkTo(env.collect('averages'));
}
