// Grades a run of "What is a stream?" by what reached the 'alerts' sink, and where it came from.
import type { CheckInput, CheckResult } from 'streamlab';

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

const fail = (message: string): CheckResult => ({ pass: false, message });

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const sameReading = (got: unknown, want: Reading): boolean =>
  isRecord(got) &&
  got.sensor === want.sensor &&
  got.timestamp === want.timestamp &&
  got.celsius === want.celsius &&
  Object.keys(got).length === 3;

const describe = (r: Reading) => `${r.sensor} at ${r.timestamp} ms (${r.celsius} °C)`;

/** What is wrong with the source, or undefined when it read the lesson's readings unchanged. */
function sourceProblem(run: CheckInput): string | undefined {
  // The readings, in order, among whatever the pipeline's sources read.
  let next = 0;
  const others: unknown[] = [];
  for (const { value } of run.inputs) {
    const want = READINGS[next];
    if (want !== undefined && sameReading(value, want)) next++;
    else others.push(value);
  }
  if (next === READINGS.length && others.length === 0) return undefined;
  if (next === READINGS.length) {
    const n = others.length;
    return `Besides the ten readings, the pipeline read ${n} other ${n === 1 ? 'record' : 'records'}, such as ${show(others[0])}. The alerts must be computed from the readings, not written into a source: read only the readings.`;
  }
  const what =
    run.inputs.length === 0
      ? 'it read nothing'
      : `reading ${next + 1}, ${show(READINGS[next])}, was not among what it read`;
  return `The pipeline must read the lesson's ten readings, unchanged and in order, from its source, but ${what}. Put the readings back as the starter had them (Reset brings the starter back) and compute the alerts from them with .filter and .map.`;
}

/** What is wrong with one alert, compared with the alert its reading should give. */
function alertProblem(got: unknown, reading: Reading): string | undefined {
  const want = {
    sensor: reading.sensor,
    timestamp: reading.timestamp,
    over: reading.celsius - LIMIT,
  };
  if (!isRecord(got)) return `expected an object like ${show(want)}, got ${show(got)}`;
  if ('celsius' in got && !('over' in got)) {
    return `it is still a reading, ${show(got)}: add a .map that turns each one into { sensor, timestamp, over }`;
  }
  if (got.sensor !== want.sensor)
    return `expected sensor ${show(want.sensor)}, got ${show(got.sensor)}`;
  if (got.timestamp !== want.timestamp) {
    return `expected timestamp ${want.timestamp}, got ${show(got.timestamp)}`;
  }
  if (typeof got.over !== 'number' || Math.abs(got.over - want.over) > TOLERANCE) {
    return `expected over ${want.over} (${reading.celsius} minus ${LIMIT}), got ${show(got.over)}`;
  }
  return undefined;
}

export default function check(run: CheckInput): CheckResult {
  const got = run.sinks[SINK];
  if (got === undefined) {
    const names = Object.keys(run.sinks);
    const found =
      names.length === 0 ? 'no sinks at all' : `only ${names.map((n) => `'${n}'`).join(', ')}`;
    return fail(
      `Expected a sink named '${SINK}', but the run had ${found}. Keep .sinkTo(env.collect('${SINK}')) at the end of the pipeline.`,
    );
  }

  const source = sourceProblem(run);
  if (source !== undefined) return fail(source);

  // Which reading each alert came from: exactly one, through the learner's operators.
  const origins = run.origins[SINK] ?? [];
  const from: Reading[] = [];
  for (const [i, value] of got.entries()) {
    const behind = origins[i] ?? [];
    const reading = behind.length === 1 ? READINGS[behind[0] as number] : undefined;
    if (reading === undefined) {
      return fail(
        `Alert ${i + 1}, ${show(value)}, was not made from one of the readings: each alert must come from the reading it describes, through .filter and .map.`,
      );
    }
    from.push(reading);
  }

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
    const problem = alertProblem(value, from[i] as Reading);
    if (problem !== undefined) return fail(`Alert ${i + 1} of ${HOT.length}: ${problem}.`);
  }

  return {
    pass: true,
    message: `All ${HOT.length} alerts are right: ${HOT.map((r) => `${r.sensor} +${r.celsius - LIMIT} °C`).join(', ')}.`,
  };
}
