// Grades a run of "Window functions" by the averages that reached 'average per window': the
// sensor and window each belongs to, the readings behind it, and its start, end and average.
import {
  groupByWindow,
  pipelineProblem,
  resultsByWindow,
  tumblingWindowOf,
  formatRecord,
  hasFields,
  windowLabel,
} from 'streamlab';
import type { CheckInput, CheckResult, LessonPipeline } from 'streamlab';

interface Reading {
  sensor: string;
  ts: number;
  celsius: number;
}

// The readings the starter program sends, in the same order. Most windows hold three or four
// readings of different values, so the true average differs from one rounded to a whole number,
// from averaging two at a time (an average of averages) and from a sum whose count was lost.
const READINGS: Reading[] = [
  { sensor: 'hall', ts: 1000, celsius: 20.0 },
  { sensor: 'kitchen', ts: 1500, celsius: 24.5 },
  { sensor: 'attic', ts: 2000, celsius: 30.0 },
  { sensor: 'hall', ts: 4000, celsius: 21.0 },
  { sensor: 'kitchen', ts: 5000, celsius: 25.5 },
  { sensor: 'kitchen', ts: 6500, celsius: 26.5 },
  { sensor: 'attic', ts: 7000, celsius: 33.0 },
  { sensor: 'hall', ts: 8500, celsius: 23.0 },
  { sensor: 'hall', ts: 10500, celsius: 22.0 },
  { sensor: 'kitchen', ts: 9500, celsius: 27.5 },
  { sensor: 'kitchen', ts: 11000, celsius: 28.0 },
  { sensor: 'attic', ts: 12000, celsius: 34.0 },
  { sensor: 'hall', ts: 13000, celsius: 22.5 },
  { sensor: 'kitchen', ts: 14500, celsius: 27.0 },
  { sensor: 'attic', ts: 15500, celsius: 35.5 },
  { sensor: 'attic', ts: 16500, celsius: 36.0 },
  { sensor: 'hall', ts: 17500, celsius: 24.0 },
  { sensor: 'kitchen', ts: 18000, celsius: 26.0 },
  { sensor: 'attic', ts: 19500, celsius: 35.0 },
];

const SINK = 'average per window';
const SIZE = 10_000;
const TOLERANCE = 1e-9;
const SENSORS = [...new Set(READINGS.map((r) => r.sensor))];

const PIPELINE: LessonPipeline<Reading> = {
  sink: SINK,
  madeFrom: 'records',
  unsourced: 'every average must come from the readings of its sensor and window.',
  input: {
    records: READINGS,
    noun: 'reading',
    restore:
      'Put the readings back as the starter had them (Reset brings the starter back) and average them per window.',
    readOnly:
      'The averages must be computed from the readings, not written into a source: read only the readings.',
  },
};

// The expected averages: every sensor in every ten-second window it has readings in.
const EXPECTED = groupByWindow(
  READINGS,
  (r) => r.sensor,
  (r) => [tumblingWindowOf(r.ts, SIZE)],
);

const fail = (message: string): CheckResult => ({ pass: false, message });

const near = (a: unknown, b: number) => typeof a === 'number' && Math.abs(a - b) < TOLERANCE;
const celsiusOf = (readings: readonly number[]) =>
  readings.map((i) => (READINGS[i] as Reading).celsius);

/** Why `got` is not the average of `values`, when it matches a known wrong way of averaging. */
function averageProblem(got: unknown, values: readonly number[], where: string): string {
  const sum = values.reduce((a, b) => a + b, 0);
  const average = sum / values.length;
  const list = values.join(', ');
  const want = `The readings of ${where} average ${Number(average.toFixed(4))}, (${values.join(' + ')}) / ${values.length}`;
  if (typeof got !== 'number') return `${want}, but the result's average is ${formatRecord(got)}.`;
  const pairwise = values.slice(1).reduce((a, b) => (a + b) / 2, values[0] as number);
  if (values.length > 2 && near(got, pairwise)) {
    return `${want}, but the result says ${Number(got.toFixed(4))}, an average of averages: a reduce that averages two values at a time gives the later readings more weight. An average needs a sum and a count: keep both in the accumulator of an AggregateFunction and divide only in getResult.`;
  }
  if (near(got, sum)) {
    return `${want}, but the result says ${got}, the sum of the readings ${list}: the count was lost on the way, so the sum was divided by 1. Add up the counts as well as the sums (in reduce, count: a.count + b.count), or use an AggregateFunction whose accumulator keeps both.`;
  }
  if (Number.isInteger(got) && !Number.isInteger(average) && Math.abs(got - average) < 1) {
    return `${want}, but the result says ${got}, a whole number: the average was rounded. Keep the fraction: return sum / count as it is.`;
  }
  return `${want}, but the result says ${formatRecord(got)}.`;
}

export default function check(run: CheckInput): CheckResult {
  const problem = pipelineProblem(run, PIPELINE);
  if (problem !== undefined) return fail(problem);
  const rows = run.outputs[SINK] ?? [];

  const origins = run.origins[SINK] ?? [];
  for (const [i, row] of rows.entries()) {
    const behind = origins[i] ?? [];
    const window = row.window;
    if (window === undefined || row.key === undefined || !SENSORS.includes(String(row.key))) {
      return fail(
        `Result ${i + 1}, ${formatRecord(row.value)}, does not come from a sensor's window: keep the starter's .keyBy((reading) => reading.sensor).window(TumblingEventTimeWindows.of(Time.seconds(10))).`,
      );
    }
    if (window.end - window.start !== SIZE || window.start % SIZE !== 0) {
      return fail(
        `The window ${windowLabel(window)} is not one of the starter's windows of 10 seconds: keep TumblingEventTimeWindows.of(Time.seconds(10)) and change only the function that computes the result.`,
      );
    }
    const sensor = String(row.key);
    const id = windowLabel(window, { key: sensor });
    const group = EXPECTED.get(id);
    if (group === undefined || behind.join() !== group.positions.join()) {
      return fail(
        `The result for ${id} came from ${behind.length} readings, but ${group?.positions.length ?? 0} readings of ${sensor} were taken in that window.`,
      );
    }

    const value = row.value;
    if (!hasFields(value)) {
      return fail(
        `The result for ${id} is ${formatRecord(value)}, a bare value: send an object { sensor, start, end, average }. A ProcessWindowFunction after the aggregate can build it, with the window from context.window().`,
      );
    }
    if ('celsius' in value && !('average' in value)) {
      return fail(
        `The result for ${id} is a reading, ${formatRecord(value)}: the starter's reduce keeps the warmest reading of each window. Replace it with the average of the window's readings, as { sensor, start, end, average }.`,
      );
    }
    if (value.sensor !== sensor) {
      return fail(
        `The result for ${id} has sensor ${formatRecord(value.sensor)}: it should be ${formatRecord(sensor)}, the key of its window (the first argument of process).`,
      );
    }
    if (!('average' in value)) {
      return fail(
        `The result for ${id}, ${formatRecord(value)}, has no field 'average': send { sensor, start, end, average }.`,
      );
    }
    const values = celsiusOf(group.positions);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    if (!near(value.average, mean)) {
      return fail(averageProblem(value.average, values, id));
    }
    const lacking = ['start', 'end'].filter((field) => !(field in value)).join(' and ');
    if (lacking !== '') {
      return fail(
        `The result for ${id}, ${formatRecord(value)}, has no ${lacking}: a reader cannot tell which ten seconds the average covers. Add the window's bounds: a ProcessWindowFunction gets the window from context.window(), with its start and end.`,
      );
    }
    if (value.end === window.end - 1) {
      return fail(
        `The result for ${id} says end: ${window.end - 1}, the window's last millisecond, which is what maxTimestamp() gives. Windows exclude their end: use context.window().end, ${window.end}.`,
      );
    }
    if (value.start !== window.start || value.end !== window.end) {
      return fail(
        `The result for ${id} says start: ${formatRecord(value.start)}, end: ${formatRecord(value.end)}, but its window is ${windowLabel(window)}. Take both from the window, context.window().start and context.window().end, not from the readings.`,
      );
    }
  }
  const results = resultsByWindow(rows);
  for (const [id, at] of results) {
    if (at.length > 1) {
      return fail(`${id} has ${at.length} results, but each window gives one average.`);
    }
  }
  const missing = [...EXPECTED.keys()].find((id) => !results.has(id));
  if (missing !== undefined) return fail(`There is no average for ${missing}.`);

  return {
    pass: true,
    message: `All ${EXPECTED.size} averages are right, each with its sensor and window: for example, the hall averaged 21.33 °C in [0, 10000) and the attic 35.125 °C in [10000, 20000).`,
  };
}
