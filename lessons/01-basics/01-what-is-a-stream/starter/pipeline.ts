import { WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

// The pipeline function receives the environment and uses it to build a dataflow:
// a source, the operators in between, and a sink. The playground then runs it.
export default function pipeline(env: StreamExecutionEnvironment) {
  env
    // Source: ten temperature readings from three boilers, in the order they arrive,
    // one every 100 ms of virtual time. `timestamp` is when each reading was taken,
    // in ms since the start of the shift.
    .fromElements<Reading>(
      { sensor: 'boiler-1', timestamp: 1000, celsius: 72.5 },
      { sensor: 'boiler-2', timestamp: 2000, celsius: 81.5 },
      { sensor: 'boiler-3', timestamp: 3000, celsius: 79.5 },
      { sensor: 'boiler-1', timestamp: 4000, celsius: 80.0 },
      { sensor: 'boiler-2', timestamp: 6000, celsius: 84.5 },
      { sensor: 'boiler-3', timestamp: 5000, celsius: 80.25 },
      { sensor: 'boiler-1', timestamp: 7000, celsius: 90.5 },
      { sensor: 'boiler-2', timestamp: 8000, celsius: 78.5 },
      { sensor: 'boiler-3', timestamp: 9000, celsius: 82.0 },
      { sensor: 'boiler-1', timestamp: 10000, celsius: 76.5 },
    )
    // Event time: each reading happened at its `timestamp`. This is what puts the readings
    // on the chart's event-time axis. (The name mentions watermarks: `noWatermarks()` says
    // this pipeline does not use them. They come in the programming-model chapter.)
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.noWatermarks<Reading>().withTimestampAssigner((r) => r.timestamp),
    )
    // Your operators go here, between the event time and the sink:
    // .filter(...) keeps only the events for which your function returns true.
    // .map(...) turns each event into a new value.

    // Sink: everything that reaches this point is collected under the name 'alerts'.
    // For now every reading ends up here, not just the alarming ones.
    .sinkTo(env.collect('alerts'));
}

/** One temperature reading: which sensor, when it was taken (ms), and the value. */
interface Reading {
  sensor: string;
  timestamp: number;
  celsius: number;
}
