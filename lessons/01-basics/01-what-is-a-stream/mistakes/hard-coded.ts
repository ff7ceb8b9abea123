// Mistake: replaces the source with the five expected alerts, so nothing is computed.
// The check answers: /must read the lesson's ten readings, unchanged and in order.*reading 1, .* was not among what it read/
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromElements(
      { sensor: 'boiler-2', timestamp: 2000, over: 1.5 },
      { sensor: 'boiler-2', timestamp: 6000, over: 4.5 },
      { sensor: 'boiler-3', timestamp: 5000, over: 0.25 },
      { sensor: 'boiler-1', timestamp: 7000, over: 10.5 },
      { sensor: 'boiler-3', timestamp: 9000, over: 2 },
    )
    .sinkTo(env.collect('alerts'));
}
