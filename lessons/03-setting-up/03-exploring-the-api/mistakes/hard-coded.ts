// Mistake: replaces the source with the seven expected results, so nothing is counted.
// The check answers: /must read the lesson's 17 clicks, unchanged and in order, but click 1, .* was not among what it read/
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromElements(
      { user: 'ben', clicks: 3 },
      { user: 'ana', clicks: 4 },
      { user: 'chen', clicks: 3 },
      { user: 'ana', clicks: 2 },
      { user: 'ben', clicks: 3 },
      { user: 'chen', clicks: 1 },
      { user: 'ana', clicks: 1 },
    )
    .sinkTo(env.collect('visits'));
}
