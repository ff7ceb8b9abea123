// Mistake: replaces the source with the six expected averages, so nothing is averaged.
// The check answers: /must read the lesson's 19 readings, unchanged and in order.*reading 1, .* was not among what it read/
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromElements(
      { sensor: 'hall', start: 0, end: 10000, average: 64 / 3 },
      { sensor: 'kitchen', start: 0, end: 10000, average: 26 },
      { sensor: 'attic', start: 0, end: 10000, average: 31.5 },
      { sensor: 'hall', start: 10000, end: 20000, average: 68.5 / 3 },
      { sensor: 'kitchen', start: 10000, end: 20000, average: 27 },
      { sensor: 'attic', start: 10000, end: 20000, average: 35.125 },
    )
    .sinkTo(env.collect('average per window'));
}
