// Grades a run of "keyBy and rolling aggregations" by what reached the 'hottest' sink: for every
// reading, its boiler's hottest reading so far, as the whole reading.
import { formatRecord, originOfEach, pipelineProblem, sameRecord } from 'streamlab';
import type { CheckInput, CheckResult, LessonPipeline } from 'streamlab';

interface Reading {
  sensor: string;
  hall: string;
  ts: number;
  celsius: number;
}

// The readings the starter program sends, in the same order. Two boilers share the east hall (so
// keying by hall differs from keying by sensor), each boiler's first reading is not its hottest
// (so max, which keeps the first reading's other fields, differs from maxBy), and boiler-1 reads
// 72 °C twice (so keeping the first of equal readings differs from keeping the last).
const READINGS: Reading[] = [
  { sensor: 'boiler-1', hall: 'east', ts: 1000, celsius: 70.5 },
  { sensor: 'boiler-2', hall: 'east', ts: 1200, celsius: 66.0 },
  { sensor: 'boiler-3', hall: 'west', ts: 1400, celsius: 61.0 },
  { sensor: 'boiler-1', hall: 'east', ts: 2000, celsius: 72.0 },
  { sensor: 'boiler-2', hall: 'east', ts: 2200, celsius: 71.5 },
  { sensor: 'boiler-3', hall: 'west', ts: 2400, celsius: 60.5 },
  { sensor: 'boiler-1', hall: 'east', ts: 3000, celsius: 71.0 },
  { sensor: 'boiler-2', hall: 'east', ts: 3200, celsius: 73.0 },
  { sensor: 'boiler-3', hall: 'west', ts: 3400, celsius: 63.5 },
  { sensor: 'boiler-1', hall: 'east', ts: 4000, celsius: 72.0 },
  { sensor: 'boiler-2', hall: 'east', ts: 4200, celsius: 70.0 },
  { sensor: 'boiler-3', hall: 'west', ts: 4400, celsius: 62.0 },
  { sensor: 'boiler-1', hall: 'east', ts: 5000, celsius: 74.5 },
  { sensor: 'boiler-2', hall: 'east', ts: 5200, celsius: 72.5 },
  { sensor: 'boiler-3', hall: 'west', ts: 5400, celsius: 64.0 },
];

const SINK = 'hottest';

/**
 * For each reading, the hottest reading so far among those with the same key, the first one on
 * a tie: what keyBy(key).maxBy('celsius') emits.
 */
function runningMaxBy(key: (r: Reading) => string): Reading[] {
  const best = new Map<string, Reading>();
  return READINGS.map((r) => {
    const kept = best.get(key(r));
    const next = kept !== undefined && kept.celsius >= r.celsius ? kept : r;
    best.set(key(r), next);
    return next;
  });
}

const EXPECTED = runningMaxBy((r) => r.sensor);
// What keying by the wrong field, or by one key for all readings, emits instead.
const BY_HALL = runningMaxBy((r) => r.hall);
const BY_ONE_KEY = runningMaxBy(() => 'all');

const PIPELINE: LessonPipeline<Reading> = {
  sink: SINK,
  madeFrom: 'one record',
  unsourced: 'each result must come from the reading that updated it.',
  input: {
    records: READINGS,
    noun: 'reading',
    counted: 'fifteen readings',
    restore:
      'Put the readings back as the starter had them (Reset brings the starter back) and compute the running maximum from them.',
    readOnly:
      'The hottest readings must be computed from the readings, not written into a source: read only the readings.',
  },
};

const fail = (message: string): CheckResult => ({ pass: false, message });

function isReading(value: unknown): value is Reading {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.sensor === 'string' &&
    typeof v.hall === 'string' &&
    typeof v.ts === 'number' &&
    typeof v.celsius === 'number' &&
    Object.keys(v).length === 4
  );
}

const describe = (r: Reading) => `${r.sensor}'s reading at ${r.ts} ms`;
const shown = (r: Reading) => `${r.celsius} °C at ${r.ts} ms`;

/** What is wrong with the result emitted for reading `i`, or undefined if it is right. */
function resultProblem(got: Reading, i: number): string | undefined {
  const reading = READINGS[i] as Reading;
  const want = EXPECTED[i] as Reading;
  if (sameRecord(got, want)) return undefined;
  const at = `The result for ${describe(reading)}`;
  const soFar = READINGS.slice(0, i + 1).filter((r) => r.sensor === reading.sensor);
  if (got.sensor !== reading.sensor) {
    return `${at} is ${got.sensor}'s reading (${shown(got)}): each boiler needs its own maximum, so key the stream by sensor, keyBy((r) => r.sensor).`;
  }
  if (!soFar.some((r) => r.celsius === got.celsius)) {
    return `${at} says ${reading.sensor}'s hottest so far is ${got.celsius} °C, but ${reading.sensor} has not read ${got.celsius} °C: that value belongs to another boiler. A variable outside the pipeline is shared by every boiler (and Flink would lose it when it restarts a job): key the stream by sensor and let a rolling aggregation such as maxBy keep one maximum per key, in Flink's state.`;
  }
  if (got.celsius !== want.celsius) {
    return sameRecord(got, reading)
      ? `${at} is that reading itself, ${shown(got)}, but ${reading.sensor}'s hottest so far is ${shown(want)}. Keep the hottest per boiler: .keyBy((r) => r.sensor).maxBy('celsius').`
      : `${at} says ${reading.sensor}'s hottest so far is ${got.celsius} °C, but it is ${shown(want)}.`;
  }
  const first = soFar[0] as Reading;
  if (got.ts === first.ts && first.ts !== want.ts) {
    return `${at} says ${reading.sensor} reached ${got.celsius} °C at ${got.ts} ms, but it read ${got.celsius} °C at ${want.ts} ms; ${got.ts} ms is the time of its first reading. max('celsius') updates only the celsius field of the first reading it kept, and leaves its other fields as they were. maxBy('celsius') keeps the whole reading that holds the maximum.`;
  }
  const tie = soFar.find((r) => r.ts === got.ts && r.celsius === got.celsius);
  if (tie !== undefined && tie.ts > want.ts) {
    return `${at} is ${shown(got)}, but ${reading.sensor} first read ${want.celsius} °C at ${want.ts} ms. On a tie, keep the earlier reading, when the maximum was first reached: maxBy does, and so does a reduce that only replaces the kept reading with a strictly hotter one (> rather than >=).`;
  }
  return `${at} should be ${formatRecord(want)}, the whole reading that holds ${reading.sensor}'s maximum so far, but it is ${formatRecord(got)}.`;
}

export default function check(run: CheckInput): CheckResult {
  const problem = pipelineProblem(run, PIPELINE);
  if (problem !== undefined) return fail(problem);
  const got = run.sinks[SINK] ?? [];

  // A rolling aggregation emits one result for every reading: the reading that updated it.
  const from = originOfEach(run, SINK) as number[];
  const missing = READINGS.findIndex((_, i) => !from.includes(i));
  if (missing !== -1) {
    return fail(
      `No result reached '${SINK}' for ${describe(READINGS[missing] as Reading)}. A rolling aggregation emits an updated result for every reading it gets: send all of them through keyBy and maxBy, without a filter.`,
    );
  }
  if (got.length !== READINGS.length) {
    return fail(
      `'${SINK}' got ${got.length} records for ${READINGS.length} readings: a rolling aggregation emits exactly one result per reading.`,
    );
  }
  const notReading = got.findIndex((value) => !isReading(value));
  if (notReading !== -1) {
    return fail(
      `Record ${notReading + 1} of '${SINK}' is ${formatRecord(got[notReading])}, but each result should be a whole reading, { sensor, hall, ts, celsius }: the hottest one so far.`,
    );
  }
  const results = got as Reading[];

  if (results.every((r, k) => sameRecord(r, READINGS[from[k] as number] as Reading))) {
    return fail(
      `Every reading reached '${SINK}' as it is. Key the stream by sensor and keep each boiler's hottest reading so far: .keyBy((r) => r.sensor).maxBy('celsius').`,
    );
  }
  const matches = (expected: Reading[]) =>
    results.every((r, k) => sameRecord(r, expected[from[k] as number] as Reading));
  if (!matches(EXPECTED) && matches(BY_HALL)) {
    return fail(
      `Each result is the hottest reading of the reading's hall, not of its boiler: the result for ${describe(READINGS[1] as Reading)} is boiler-1's (${shown(BY_HALL[1] as Reading)}), because both stand in the east hall. Key the stream by sensor, not by hall: keyBy((r) => r.sensor).`,
    );
  }
  if (!matches(EXPECTED) && matches(BY_ONE_KEY)) {
    return fail(
      `Each result is the hottest reading of all boilers together: the result for ${describe(READINGS[2] as Reading)} is boiler-1's (${shown(BY_ONE_KEY[2] as Reading)}). All readings went to one key; key the stream by sensor, keyBy((r) => r.sensor), so that each boiler has its own maximum.`,
    );
  }
  for (const [k, result] of results.entries()) {
    const wrong = resultProblem(result, from[k] as number);
    if (wrong !== undefined) return fail(wrong);
  }

  const last = new Map(EXPECTED.map((r) => [r.sensor, r]));
  return {
    pass: true,
    message: `Every result is its boiler's hottest reading so far, as a whole reading. At the end: ${[...last.values()].map((r) => `${r.sensor} ${shown(r)}`).join(', ')}.`,
  };
}
