// Mistake: replaces the posts with the expected tags, so nothing is computed.
// The check answers: /must read the lesson's ten posts.*post 1, .* was not among what it read/
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromElements(
      'sunrise',
      'photography',
      'flink',
      'photography',
      'goldenhour',
      'yolo',
      'flink',
      'streaming',
      'tbt',
      'running',
      'sunrise',
    )
    .sinkTo(env.collect('hashtags'));
}
