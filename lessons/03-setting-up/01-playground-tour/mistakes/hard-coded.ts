// Mistake: replaces the source with the four expected results, so nothing is computed.
// The check answers: /must read the lesson's twenty readings, unchanged and in order, but reading 1, .* was not among what it read/
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromElements(
      { sensor: 'boiler-2', timestamp: 4000, celsius: 76.5 },
      { sensor: 'boiler-2', timestamp: 9000, celsius: 91.5 },
      { sensor: 'boiler-3', timestamp: 10000, celsius: 82.0 },
      { sensor: 'boiler-2', timestamp: 15000, celsius: 77.5 },
    )
    .sinkTo(env.collect('hottest'));
}
