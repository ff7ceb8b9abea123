// Mistake: replaces the source with the four expected review entries, so nothing is computed.
// The check answers: /must read the lesson's twelve payments, unchanged and in order.*payment 1, .* was not among what it read/
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromElements(
      { card: 'card-1', ts: 88_000, amount: 820, country: 'US' },
      { card: 'card-3', ts: 149_000, amount: 710, country: 'DE' },
      { card: 'card-2', ts: 196_000, amount: 1240, country: 'BR' },
      { card: 'card-3', ts: 214_000, amount: 510, country: 'GB' },
    )
    .sinkTo(env.collect('review'));
}
