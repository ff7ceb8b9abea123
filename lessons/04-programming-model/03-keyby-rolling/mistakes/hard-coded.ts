// Mistake: replaces the readings with the expected results, so nothing is computed.
// The check answers: /must read the lesson's fifteen readings.*reading 6, .* was not among what it read/
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromElements(
      { sensor: 'boiler-1', hall: 'east', ts: 1000, celsius: 70.5 },
      { sensor: 'boiler-2', hall: 'east', ts: 1200, celsius: 66.0 },
      { sensor: 'boiler-3', hall: 'west', ts: 1400, celsius: 61.0 },
      { sensor: 'boiler-1', hall: 'east', ts: 2000, celsius: 72.0 },
      { sensor: 'boiler-2', hall: 'east', ts: 2200, celsius: 71.5 },
      { sensor: 'boiler-3', hall: 'west', ts: 1400, celsius: 61.0 },
      { sensor: 'boiler-1', hall: 'east', ts: 2000, celsius: 72.0 },
      { sensor: 'boiler-2', hall: 'east', ts: 3200, celsius: 73.0 },
      { sensor: 'boiler-3', hall: 'west', ts: 3400, celsius: 63.5 },
      { sensor: 'boiler-1', hall: 'east', ts: 2000, celsius: 72.0 },
      { sensor: 'boiler-2', hall: 'east', ts: 3200, celsius: 73.0 },
      { sensor: 'boiler-3', hall: 'west', ts: 3400, celsius: 63.5 },
      { sensor: 'boiler-1', hall: 'east', ts: 5000, celsius: 74.5 },
      { sensor: 'boiler-2', hall: 'east', ts: 3200, celsius: 73.0 },
      { sensor: 'boiler-3', hall: 'west', ts: 5400, celsius: 64.0 },
    )
    .sinkTo(env.collect('hottest'));
}
