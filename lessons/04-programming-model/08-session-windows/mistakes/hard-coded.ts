// Mistake: replaces the source with the eight expected counts, so nothing is counted.
// The check answers: /must read the lesson's 22 clicks, unchanged and in order.*click 1, .* was not among what it read/
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromElements(
      { user: 'ana', clicks: 3 },
      { user: 'ben', clicks: 3 },
      { user: 'cai', clicks: 3 },
      { user: 'ben', clicks: 3 },
      { user: 'ana', clicks: 4 },
      { user: 'cai', clicks: 3 },
      { user: 'ben', clicks: 1 },
      { user: 'ana', clicks: 2 },
    )
    .sinkTo(env.collect('clicks per session'));
}
