// An operator with several inputs takes the smallest of their watermarks: event time moves only as
// fast as the slowest input. An input that sends nothing has a watermark that does not move, so it
// holds back every window downstream. withIdleness(t) marks an input idle after t of processing
// time without records; an idle input is left out of the minimum until it sends again.
import { csvSource, Time, TumblingEventTimeWindows, WatermarkStrategy } from 'streamlab';
import type { CsvSourceOptions, StreamExecutionEnvironment } from 'streamlab';
import north from './north.csv';
import south from './south.csv';

export default function pipeline(env: StreamExecutionEnvironment) {
  // Both gateways use the same strategy: a 1 s bound and, after 3 s of silence, idle.
  const strategy = WatermarkStrategy.forBoundedOutOfOrderness<Reading>(Time.seconds(1))
    // Delete this line and run again: the first windows wait for the south gateway until 46.8 s.
    .withIdleness(Time.seconds(3));

  const options: CsvSourceOptions = {
    timestampField: 'ts',
    arrivalField: 'arrival',
    types: { celsius: 'number' },
  };
  const northReadings = env.fromSource(csvSource<Reading>(north, options), strategy, 'north');
  const southReadings = env.fromSource(csvSource<Reading>(south, options), strategy, 'south');

  northReadings
    .union(southReadings)
    .map((reading) => ({ sensor: reading.sensor, readings: 1 }))
    .keyBy((count) => count.sensor)
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    .sum('readings')
    .sinkTo(env.collect('readings per 10 s'));
}

/** One row of north.csv or south.csv. */
interface Reading {
  sensor: string;
  ts: number;
  celsius: number;
  arrival: number;
}
