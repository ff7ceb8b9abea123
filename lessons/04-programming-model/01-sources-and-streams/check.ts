// Grades a run of "Sources and streams" by what reached 'all-readings' and 'hall-b', and by what
// the pipeline's sources read: Hall A's array unchanged, and Hall B's readings from the dataset
// with the options the exercise asks for.
import { formatRecord, originOfEach, readInput, sameRecord, sinkProblem } from 'streamlab';
import type { CheckInput, CheckResult, SourceRecord } from 'streamlab';

interface Reading {
  sensor: string;
  ts: number;
  celsius: number;
}

// Hall A's readings, as the starter's array has them.
const HALL_A: Reading[] = [
  { sensor: 'hall-a-1', ts: 500, celsius: 19.5 },
  { sensor: 'hall-a-2', ts: 1500, celsius: 21.0 },
  { sensor: 'hall-a-1', ts: 3500, celsius: 19.8 },
  { sensor: 'hall-a-2', ts: 4500, celsius: 21.2 },
  { sensor: 'hall-a-1', ts: 6500, celsius: 20.1 },
  { sensor: 'hall-a-2', ts: 7500, celsius: 21.1 },
  { sensor: 'hall-a-1', ts: 9500, celsius: 20.4 },
];

// What Hall B's source must read: two sensors, one reading a second each, for the first ten
// seconds of the shift. The dataset's defaults (three sensors, sixty seconds) and durationMs
// given in seconds (10 ms: no reading at all) each read something different.
const HALL_B_SENSORS = ['sensor-1', 'sensor-2'];
const HALL_B_UNTIL = 10_000;
const HALL_B_PER_SENSOR = 10;
const HALL_B_COUNT = HALL_B_SENSORS.length * HALL_B_PER_SENSOR;

const ALL = 'all-readings';
const OWN = 'hall-b';
// The name fromElements and fromCollection give their source when none is set.
const LIST_SOURCE = 'elements';

const fail = (message: string): CheckResult => ({ pass: false, message });

function isReading(value: unknown): value is Reading {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.sensor === 'string' && typeof r.ts === 'number' && typeof r.celsius === 'number';
}

const describe = (r: Reading) => `${r.sensor} at ${r.ts} ms`;
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Which inputs are Hall A's (by position in `run.inputs`), or what is wrong with them. */
function hallAInputs(inputs: readonly SourceRecord[]): Set<number> | string {
  const { positions, missing } = readInput(inputs, HALL_A);
  if (missing === undefined) return new Set(positions as number[]);
  return `The pipeline must read Hall A's seven readings from the array, unchanged and in order, but reading ${missing + 1}, ${formatRecord(HALL_A[missing])}, was not among what it read. Keep env.fromCollection(HALL_A) as the starter has it (Reset brings the starter back).`;
}

/** What is wrong with the records Hall B's source read, or undefined when they are right. */
function hallBProblem(records: readonly SourceRecord[]): string | undefined {
  const fromList = records.filter((r) => r.source === LIST_SOURCE);
  if (fromList.length > 0) {
    return `Besides Hall A's readings, the pipeline read ${fromList.length} records from a list, such as ${formatRecord(fromList[0]?.value)}. Hall B's readings must come from its sensors, that is from the dataset: env.fromSource(env.datasets.sensorReadings({ ... }), eventTime, 'hall-b'). Do not write them into the program.`;
  }
  const strange = records.find((r) => !isReading(r.value) || !/^sensor-\d+$/.test(r.value.sensor));
  if (strange !== undefined) {
    return `Besides the two halls' readings, the pipeline read ${formatRecord(strange.value)}, which is not a reading from Hall B's sensors. Read only the array and the sensor-readings dataset.`;
  }
  const readings = records.map((r) => r.value as Reading);
  if (readings.length === 0) {
    return "The pipeline read no readings from Hall B. Read them with env.fromSource(env.datasets.sensorReadings({ ... }), eventTime, 'hall-b'). If you do, look at durationMs: it counts milliseconds, so ten seconds is 10_000 (or Time.seconds(10)), and 10 is a hundredth of a second, too short for any reading.";
  }
  const sensors = [...new Set(readings.map((r) => r.sensor))].sort();
  const first = Math.min(...readings.map((r) => r.ts));
  const last = Math.max(...readings.map((r) => r.ts));
  const wrongSensors = sensors.join() !== HALL_B_SENSORS.join();
  const tooLong = last >= HALL_B_UNTIL;
  if (wrongSensors) {
    const read = `Hall B's source read ${readings.length} readings from ${sensors.length} ${sensors.length === 1 ? 'sensor' : 'sensors'} (${sensors.join(', ')}), taken up to ${seconds(last)} into the shift`;
    return tooLong
      ? `${read}. Hall B has two sensors, and the control room wants the first 10 s: give the dataset the options sensors: 2 and durationMs: 10_000.`
      : `${read}. Hall B has two sensors: add sensors: 2 to the dataset's options.`;
  }
  if (first >= 1_000) {
    return `Hall B's first reading was taken at ${first} ms, but the control room wants the shift from its start, 0 ms. Leave startEventTime at its default.`;
  }
  if (tooLong) {
    return `Hall B's source read readings taken up to ${seconds(last)} into the shift, but the control room wants only the first 10 s: set the dataset's durationMs to 10_000 (or Time.seconds(10)).`;
  }
  if (last < HALL_B_UNTIL - 1_000) {
    return `Hall B's source stopped at ${last} ms, so it covers only the first ${seconds(last + 1_000)} of the shift, not 10 s. durationMs counts milliseconds: ten seconds is 10_000 (or Time.seconds(10)).`;
  }
  for (const sensor of HALL_B_SENSORS) {
    const n = readings.filter((r) => r.sensor === sensor).length;
    if (n !== HALL_B_PER_SENSOR) {
      return `In 10 s, ${sensor} sent ${n} readings, but Hall B's sensors read once a second, so 10 each. Leave ratePerSecond at its default, 1.`;
    }
  }
  return undefined;
}

/** Positions in `run.inputs` behind each value of `sink`, when each has exactly one. */
function originsOf(run: CheckInput, sink: string): number[] | string {
  const values = run.sinks[sink] ?? [];
  const found: number[] = [];
  for (const [i, at] of originOfEach(run, sink).entries()) {
    const input = at === undefined ? undefined : run.inputs[at];
    if (at === undefined || input === undefined) {
      return `Record ${i + 1} of '${sink}', ${formatRecord(values[i])}, was not one of the readings the sources read. The sinks should get the readings themselves, as the sources read them.`;
    }
    if (!sameRecord(values[i], input.value)) {
      return `Record ${i + 1} of '${sink}' is ${formatRecord(values[i])}, but the reading it came from is ${formatRecord(input.value)}. This exercise only routes readings: send them to the sinks unchanged.`;
    }
    found.push(at);
  }
  return found;
}

function twice(positions: readonly number[]): number | undefined {
  return positions.find((p, i) => positions.indexOf(p) !== i);
}

export default function check(run: CheckInput): CheckResult {
  const sinks = sinkProblem(run, ALL) ?? sinkProblem(run, OWN);
  if (sinks !== undefined) return fail(sinks);

  const hallA = hallAInputs(run.inputs);
  if (typeof hallA === 'string') return fail(hallA);
  const hallBPositions = run.inputs.flatMap((_, i) => (hallA.has(i) ? [] : [i]));
  const hallB = new Set(hallBPositions);
  const problem = hallBProblem(hallBPositions.map((i) => run.inputs[i] as SourceRecord));
  if (problem !== undefined) return fail(problem);
  const reading = (i: number) => run.inputs[i]?.value as Reading;

  const own = originsOf(run, OWN);
  if (typeof own === 'string') return fail(own);
  const strayInOwn = own.find((i) => hallA.has(i));
  if (strayInOwn !== undefined) {
    return fail(
      `'${OWN}' got Hall A's reading ${describe(reading(strayInOwn))}. Hall B's dashboard should show Hall B only: send the hallB stream itself to '${OWN}', and the union of both halls only to '${ALL}'.`,
    );
  }
  const missingInOwn = hallBPositions.filter((i) => !own.includes(i));
  if (missingInOwn.length > 0) {
    return fail(
      `'${OWN}' is missing ${missingInOwn.length} of Hall B's ${hallBPositions.length} readings, such as ${describe(reading(missingInOwn[0] as number))}. Send the whole hallB stream to '${OWN}'.`,
    );
  }
  const twiceInOwn = twice(own);
  if (twiceInOwn !== undefined) {
    return fail(
      `'${OWN}' got the reading ${describe(reading(twiceInOwn))} more than once: each reading should reach it once.`,
    );
  }

  const all = originsOf(run, ALL);
  if (typeof all === 'string') return fail(all);
  const hasA = all.some((i) => hallA.has(i));
  const hasB = all.some((i) => hallB.has(i));
  if (!hasB) {
    return fail(
      `'${ALL}' has ${hasA ? "Hall A's readings" : 'no readings'} but none of Hall B's. The control room wants both halls in one stream: merge them with hallA.union(hallB) and send the union to '${ALL}'.`,
    );
  }
  if (!hasA) {
    return fail(
      `'${ALL}' has Hall B's readings but none of Hall A's. Merge both halls with hallA.union(hallB) and send the union to '${ALL}'.`,
    );
  }
  const missingInAll = run.inputs.flatMap((_, i) => (all.includes(i) ? [] : [i]));
  if (missingInAll.length > 0) {
    return fail(
      `'${ALL}' is missing ${missingInAll.length} readings, such as ${describe(reading(missingInAll[0] as number))}. Every reading of both halls should reach it.`,
    );
  }
  const twiceInAll = twice(all);
  if (twiceInAll !== undefined) {
    return fail(
      `'${ALL}' got the reading ${describe(reading(twiceInAll))} more than once. Send each hall into the union once, and the union alone to '${ALL}'.`,
    );
  }

  return {
    pass: true,
    message: `Both halls reach '${ALL}' as one stream (${HALL_A.length} readings from Hall A and ${HALL_B_COUNT} from Hall B), and Hall B's ${HALL_B_COUNT} readings alone reach '${OWN}'.`,
  };
}
