// Grades a run of "What is a stream?" by what reached the 'alerts' sink.
import type { CheckInput, CheckResult } from 'streamlab';

interface Reading {
  sensor: string;
  timestamp: number;
  celsius: number;
}

interface Alert {
  sensor: string;
  timestamp: number;
  over: number;
}

// The same readings the starter program sends, in the same order.
const READINGS: Reading[] = [
  { sensor: 'boiler-1', timestamp: 1000, celsius: 72.5 },
  { sensor: 'boiler-2', timestamp: 2000, celsius: 81.5 },
  { sensor: 'boiler-3', timestamp: 3000, celsius: 79.5 },
  { sensor: 'boiler-1', timestamp: 4000, celsius: 80.0 },
  { sensor: 'boiler-2', timestamp: 6000, celsius: 84.5 },
  { sensor: 'boiler-3', timestamp: 5000, celsius: 77.0 },
  { sensor: 'boiler-1', timestamp: 7000, celsius: 90.5 },
  { sensor: 'boiler-2', timestamp: 8000, celsius: 78.5 },
  { sensor: 'boiler-3', timestamp: 9000, celsius: 82.0 },
  { sensor: 'boiler-1', timestamp: 10000, celsius: 76.5 },
];

const LIMIT = 80;
const SINK = 'alerts';
const TOLERANCE = 1e-9;

const EXPECTED: Alert[] = READINGS.filter((r) => r.celsius > LIMIT).map((r) => ({
  sensor: r.sensor,
  timestamp: r.timestamp,
  over: r.celsius - LIMIT,
}));

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// What is wrong with one collected value, compared with the alert expected in its place.
function mismatch(got: unknown, want: Alert): string | undefined {
  if (!isRecord(got)) {
    return `expected an object like ${show(want)}, got ${show(got)}`;
  }
  if (got.sensor !== want.sensor) {
    return `expected sensor ${show(want.sensor)}, got ${show(got.sensor)}`;
  }
  if (got.timestamp !== want.timestamp) {
    return `expected timestamp ${want.timestamp}, got ${show(got.timestamp)}`;
  }
  if (typeof got.over !== 'number' || Math.abs(got.over - want.over) > TOLERANCE) {
    return `expected over ${want.over} (celsius minus ${LIMIT}), got ${show(got.over)}`;
  }
  return undefined;
}

export default function check(result: CheckInput): CheckResult {
  const got = result.sinks[SINK];
  if (got === undefined) {
    const names = Object.keys(result.sinks);
    const found =
      names.length === 0 ? 'no sinks at all' : `only ${names.map((n) => `'${n}'`).join(', ')}`;
    return {
      pass: false,
      message: `Expected a sink named '${SINK}', but the run had ${found}. Keep .sinkTo(env.collect('${SINK}')) at the end of the pipeline.`,
    };
  }

  const looksLikeReadings = got.some(
    (value) => isRecord(value) && 'celsius' in value && !('over' in value),
  );

  if (got.length !== EXPECTED.length) {
    let hint = '';
    if (got.length === READINGS.length) {
      hint = ` Every reading reached the sink: add a .filter that keeps only readings above ${LIMIT} °C.`;
    } else if (got.length === EXPECTED.length + 1) {
      hint = ` Is the reading of exactly ${LIMIT} °C getting through? It is not hotter than ${LIMIT}: use > rather than >=.`;
    }
    return {
      pass: false,
      message: `Expected ${EXPECTED.length} alerts (one per reading hotter than ${LIMIT} °C), got ${got.length}.${hint}`,
    };
  }

  for (const [i, want] of EXPECTED.entries()) {
    const problem = mismatch(got[i], want);
    if (problem !== undefined) {
      const hint = looksLikeReadings
        ? ' The sink still holds readings: add a .map that turns each one into { sensor, timestamp, over }.'
        : '';
      return { pass: false, message: `Alert ${i + 1} of ${EXPECTED.length}: ${problem}.${hint}` };
    }
  }

  return {
    pass: true,
    message: `All ${EXPECTED.length} alerts are right: ${EXPECTED.map((a) => `${a.sensor} +${a.over} °C`).join(', ')}.`,
  };
}
