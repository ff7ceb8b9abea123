// Records can arrive out of order: readings.csv says when each reading was taken (`ts`, event time)
// and when it reaches the pipeline (`arrival`, processing time). A watermark is the pipeline's
// promise "no reading older than this is still coming"; forBoundedOutOfOrderness(2 s) makes it the
// newest timestamp seen minus 2 s (and 1 ms). A window fires when the watermark passes its end, and
// a reading that arrives after that is late: here it is dropped.
import { csvSource, Time, TumblingEventTimeWindows, WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';
import readings from './readings.csv';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromSource(
      csvSource<Reading>(readings, {
        timestampField: 'ts',
        arrivalField: 'arrival',
        types: { celsius: 'number' },
      }),
      // Try Time.seconds(0): every reading that comes out of order is then late.
      WatermarkStrategy.forBoundedOutOfOrderness<Reading>(Time.seconds(2)),
      'readings',
    )
    .map((reading) => ({ sensor: reading.sensor, readings: 1 }))
    .keyBy((count) => count.sensor)
    .window(TumblingEventTimeWindows.of(Time.seconds(5)))
    .sum('readings')
    .sinkTo(env.collect('readings per 5 s'));
}

/** One row of readings.csv. */
interface Reading {
  sensor: string;
  ts: number;
  celsius: number;
  arrival: number;
}
