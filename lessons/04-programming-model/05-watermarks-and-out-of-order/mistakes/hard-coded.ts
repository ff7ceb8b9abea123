// Mistake: sends the expected counts instead of counting the readings.
// The check answers: /must read the lesson's 28 readings.*reading 1, .* was not among what it read/
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromElements(
      { sensor: 'boiler-1', readings: 4 },
      { sensor: 'boiler-2', readings: 4 },
      { sensor: 'boiler-1', readings: 5 },
      { sensor: 'boiler-2', readings: 5 },
      { sensor: 'boiler-1', readings: 5 },
      { sensor: 'boiler-2', readings: 5 },
    )
    .sinkTo(env.collect('counts'));
}
