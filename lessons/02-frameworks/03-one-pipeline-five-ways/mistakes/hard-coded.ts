// Mistake: replaces the clicks with the nine expected counts, so nothing is counted.
// The check answers: /must read the lesson's 30 clicks, unchanged and in order, but click 1, .* was not among what it read/
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromElements(
      { user: 'ada', clicks: 4 },
      { user: 'bo', clicks: 3 },
      { user: 'cy', clicks: 4 },
      { user: 'bo', clicks: 4 },
      { user: 'ada', clicks: 4 },
      { user: 'cy', clicks: 4 },
      { user: 'bo', clicks: 3 },
      { user: 'ada', clicks: 2 },
      { user: 'cy', clicks: 1 },
    )
    .sinkTo(env.collect('counts'));
}
