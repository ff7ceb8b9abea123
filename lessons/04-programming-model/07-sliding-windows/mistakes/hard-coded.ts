// Mistake: replaces the source with the ten expected sums, so nothing is summed.
// The check answers: /must read the lesson's 16 orders, unchanged and in order.*order 1, .* was not among what it read/
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromElements(
      { store: 'north', amount: 40 },
      { store: 'south', amount: 30 },
      { store: 'north', amount: 59 },
      { store: 'south', amount: 80 },
      { store: 'south', amount: 90 },
      { store: 'north', amount: 55 },
      { store: 'north', amount: 63 },
      { store: 'south', amount: 65 },
      { store: 'south', amount: 25 },
      { store: 'north', amount: 27 },
    )
    .sinkTo(env.collect('takings, last 10 s'));
}
