// Mistake: replaces the topic with the eleven expected counts, so nothing is computed.
// The check answers: /must read the lesson's 14 clicks from the topic, unchanged, but ada's click on \/home at 1000 ms was not among what it read/
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromElements(
      { user: 'bo', clicks: 1 },
      { user: 'ada', clicks: 1 },
      { user: 'bo', clicks: 2 },
      { user: 'bo', clicks: 3 },
      { user: 'ada', clicks: 2 },
      { user: 'bo', clicks: 4 },
      { user: 'cy', clicks: 1 },
      { user: 'ada', clicks: 3 },
      { user: 'cy', clicks: 2 },
      { user: 'ada', clicks: 4 },
      { user: 'cy', clicks: 3 },
    )
    .sinkTo(env.collect('counts'));
}
