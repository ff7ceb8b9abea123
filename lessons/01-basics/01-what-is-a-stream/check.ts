// Grades a run of "What is a stream?" by what reached the 'alerts' sink, and where it came from.
import { formatRecord, hasFields, originOfEach, pipelineProblem } from 'streamlab';
import type { CheckInput, CheckResult, LessonPipeline } from 'streamlab';

interface Reading {
  sensor: string;
  timestamp: number;
  celsius: number;
}

// The readings the starter program sends, in the same order. 80.0 tells > from >=, and 80.25
// tells "over 80" from thresholds a little higher (> 80.5, > 81), so each plausible threshold
// gives a different set of alerts.
const READINGS: Reading[] = [
  { sensor: 'boiler-1', timestamp: 1000, celsius: 72.5 },
  { sensor: 'boiler-2', timestamp: 2000, celsius: 81.5 },
  { sensor: 'boiler-3', timestamp: 3000, celsius: 79.5 },
  { sensor: 'boiler-1', timestamp: 4000, celsius: 80.0 },
  { sensor: 'boiler-2', timestamp: 6000, celsius: 84.5 },
  { sensor: 'boiler-3', timestamp: 5000, celsius: 80.25 },
  { sensor: 'boiler-1', timestamp: 7000, celsius: 90.5 },
  { sensor: 'boiler-2', timestamp: 8000, celsius: 78.5 },
  { sensor: 'boiler-3', timestamp: 9000, celsius: 82.0 },
  { sensor: 'boiler-1', timestamp: 10000, celsius: 76.5 },
];

const LIMIT = 80;
const SINK = 'alerts';
const TOLERANCE = 1e-9;
const HOT = READINGS.filter((r) => r.celsius > LIMIT);

const PIPELINE: LessonPipeline<Reading> = {
  sink: SINK,
  madeFrom: 'one record',
  unsourced: 'each alert must come from the reading it describes, through .filter and .map.',
  input: {
    records: READINGS,
    noun: 'reading',
    counted: 'ten readings',
    restore:
      'Put the readings back as the starter had them (Reset brings the starter back) and compute the alerts from them with .filter and .map.',
    readOnly:
      'The alerts must be computed from the readings, not written into a source: read only the readings.',
  },
};

const fail = (message: string): CheckResult => ({ pass: false, message });

const describe = (r: Reading) => `${r.sensor} at ${r.timestamp} ms (${r.celsius} °C)`;

/** What is wrong with one alert, compared with the alert its reading should give. */
function alertProblem(got: unknown, reading: Reading): string | undefined {
  const want = {
    sensor: reading.sensor,
    timestamp: reading.timestamp,
    over: reading.celsius - LIMIT,
  };
  if (!hasFields(got)) {
    return `expected an object like ${formatRecord(want)}, got ${formatRecord(got)}`;
  }
  if ('celsius' in got && !('over' in got)) {
    return `it is still a reading, ${formatRecord(got)}: add a .map that turns each one into { sensor, timestamp, over }`;
  }
  if (got.sensor !== want.sensor) {
    return `expected sensor ${formatRecord(want.sensor)}, got ${formatRecord(got.sensor)}`;
  }
  if (got.timestamp !== want.timestamp) {
    return `expected timestamp ${want.timestamp}, got ${formatRecord(got.timestamp)}`;
  }
  if (typeof got.over !== 'number' || Math.abs(got.over - want.over) > TOLERANCE) {
    return `expected over ${want.over} (${reading.celsius} minus ${LIMIT}), got ${formatRecord(got.over)}`;
  }
  return undefined;
}

export default function check(run: CheckInput): CheckResult {
  const problem = pipelineProblem(run, PIPELINE);
  if (problem !== undefined) return fail(problem);
  const got = run.sinks[SINK] ?? [];

  // Which reading each alert came from: exactly one, through the learner's operators.
  const from = originOfEach(run, SINK).map((at) => READINGS[at as number] as Reading);

  if (got.length === READINGS.length) {
    return fail(
      `Every reading reached the sink: add a .filter that keeps only readings hotter than ${LIMIT} °C.`,
    );
  }
  const extra = from.filter((r) => r.celsius <= LIMIT);
  const atLimit = extra.find((r) => r.celsius === LIMIT);
  if (atLimit !== undefined) {
    return fail(
      `The reading ${describe(atLimit)} raised an alert, but ${LIMIT}.0 °C is not hotter than ${LIMIT}: use > rather than >=.`,
    );
  }
  if (extra.length > 0) {
    return fail(
      `The reading ${describe(extra[0] as Reading)} raised an alert, but it is not hotter than ${LIMIT} °C. Keep only readings with celsius > ${LIMIT}.`,
    );
  }
  const missing = HOT.filter((r) => !from.includes(r));
  if (missing.length > 0) {
    const list = missing.map(describe).join(' and ');
    return fail(
      `${missing.length === 1 ? 'The reading' : 'The readings'} ${list} ${missing.length === 1 ? 'is' : 'are'} hotter than ${LIMIT} °C but raised no alert. Is the filter's limit exactly ${LIMIT}, and does it look at celsius?`,
    );
  }
  const twice = from.find((r, i) => from.indexOf(r) !== i);
  if (twice !== undefined) {
    return fail(`The reading ${describe(twice)} raised more than one alert: it should raise one.`);
  }

  for (const [i, value] of got.entries()) {
    const wrong = alertProblem(value, from[i] as Reading);
    if (wrong !== undefined) return fail(`Alert ${i + 1} of ${HOT.length}: ${wrong}.`);
  }

  return {
    pass: true,
    message: `All ${HOT.length} alerts are right: ${HOT.map((r) => `${r.sensor} +${r.celsius - LIMIT} °C`).join(', ')}.`,
  };
}
