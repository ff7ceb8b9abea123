/**
 * The property of issue 15, at parallelism 1 to 3: for random pipelines (event-time ones, whose output
 * does not depend on when processing happens), random inputs and random failure points, a job
 * that fails and restarts from its checkpoints delivers
 *
 * - in its transactional (exactly-once) sink: committed rows equal to the failure-free run's;
 * - in its plain (at-least-once) sink: the failure-free run's rows, plus rows marked as
 *   duplicates, and those only after a failure;
 * - in its upsert table: the failure-free run's final table;
 *
 * and that a job reading a source that cannot rewind (`socketSource`) delivers at most once: in
 * both sinks, part of the failure-free run's output, nothing twice.
 *
 * Some programs end in a built-in aggregation (`sum`) of windows, which checkpoints take
 * copy-on-write (see `window-versions.ts`): a restart then reads windows changed since.
 *
 * Some programs split their stream in two and join it again with one half delayed
 * (`simulateNetworkDelay`), so that checkpoint barriers reach the joining operator at different
 * times with records in between: the exactly-once property then depends on aligning them.
 * Aligning holds records back, and a restart moves the checkpoints, so such a run processes
 * records in another order after a failure than without: these programs let no record be late
 * (their watermarks allow for all the disorder in their input) and end in windows, whose results
 * do not depend on that order, rather than in a rolling aggregation, whose every row does. Their
 * windows firing at one watermark may still fire in another order, so their rows are compared
 * as multisets too.
 *
 * In parallel, rows of different subtasks may interleave differently once a restart moves the
 * checkpoints (and so the transactions) in processing time: there the rows are compared as
 * multisets, and in order only at parallelism 1.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DeliveryGuarantee,
  EventTimeSessionWindows,
  Failure,
  RestartStrategies,
  SlidingEventTimeWindows,
  StreamExecutionEnvironment,
  Topic,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  elementsSource,
  socketSource,
  topicSource,
} from '../../../src/engine/index';
import type {
  DataStream,
  JobResult,
  SingleOutputStreamOperator,
  Source,
} from '../../../src/engine/index';
import type { Event } from '../helpers';
import { content, rowsOf } from './jobs';

type Ending = 'tumbling' | 'sliding' | 'session' | 'late' | 'rolling' | 'fields';

interface Program extends FaultTolerance {
  readonly parallelism: number;
  readonly partitions: number;
  readonly interval: number;
  readonly events: readonly Event[];
  readonly outOfOrderness: number;
  readonly autoWatermarkInterval: number;
  readonly steps: readonly number[];
  /** When above 0: odd records go through an edge delayed this long, and join the even again. */
  readonly delay: number;
  readonly ending: Ending;
}

/** How a program checkpoints, restarts and fails: shared by the programs of both properties. */
interface FaultTolerance {
  readonly checkpointInterval: number;
  readonly restartDelay: number;
  readonly failures: readonly ({ time: number } | { record: number })[];
}

const faultTolerance = {
  checkpointInterval: fc.integer({ min: 100, max: 1_500 }),
  restartDelay: fc.constantFrom(0, 250, 1_000),
  failures: fc.array(
    fc.oneof(
      fc.record({ time: fc.integer({ min: 0, max: 3_000 }) }),
      fc.record({ record: fc.integer({ min: 1, max: 30 }) }),
    ),
    { minLength: 1, maxLength: 3 },
  ),
};

/**
 * Checkpoints and restarts as `p` says; with `failing`, injects its failures (on the operator
 * named `Result`, or at a processing time). The failure-free run differs from it in that alone.
 */
function configureFaultTolerance(
  env: StreamExecutionEnvironment,
  p: FaultTolerance,
  failing: boolean,
): void {
  env.enableCheckpointing(p.checkpointInterval);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(p.failures.length, p.restartDelay));
  if (!failing) return;
  for (const failure of p.failures) {
    env.injectFailure(
      'time' in failure
        ? Failure.atProcessingTime(failure.time)
        : Failure.onRecord('Result', failure.record),
    );
  }
}

const program: fc.Arbitrary<Program> = fc.record({
  parallelism: fc.integer({ min: 1, max: 3 }),
  partitions: fc.integer({ min: 0, max: 3 }),
  interval: fc.constantFrom(10, 60, 150),
  events: fc.array(
    fc.record({
      key: fc.constantFrom('a', 'b', 'c'),
      ts: fc.integer({ min: 0, max: 4_000 }),
      n: fc.integer({ min: 0, max: 40 }),
    }),
    { minLength: 5, maxLength: 40 },
  ),
  outOfOrderness: fc.integer({ min: 0, max: 600 }),
  autoWatermarkInterval: fc.constantFrom(0, 50, 200),
  steps: fc.array(fc.integer({ min: -2, max: 3 }), { maxLength: 2 }),
  delay: fc.constantFrom(0, 0, 120, 400),
  ending: fc.constantFrom<Ending>('tumbling', 'sliding', 'session', 'late', 'rolling', 'fields'),
  ...faultTolerance,
});

function sourceOf(p: Program): Source<Event> {
  if (p.partitions === 0) return elementsSource(p.events, { arrivalIntervalMs: p.interval });
  const topic = Topic.create<Event>({ name: 'events', partitions: p.partitions });
  for (const e of p.events) topic.produce(e, { key: e.key, timestamp: e.ts });
  return topicSource(topic, { arrivalIntervalMs: p.interval });
}

/** Whatever order the events come in, the same sum: the earliest timestamp, n added up. */
const sum = (a: Event, b: Event): Event => ({ ...a, ts: Math.min(a.ts, b.ts), n: a.n + b.n });

function ending(stream: DataStream<Event>, kind: Ending): SingleOutputStreamOperator<Event> {
  const keyed = stream.keyBy((e) => e.key);
  switch (kind) {
    case 'tumbling':
      return keyed.window(TumblingEventTimeWindows.of(1_000)).reduce(sum);
    case 'sliding':
      return keyed.window(SlidingEventTimeWindows.of(1_000, 300)).process({
        process: (key, ctx, items, out) =>
          out.collect({ key, ts: ctx.window().start, n: items.length }),
      });
    case 'session':
      return keyed.window(EventTimeSessionWindows.withGap(400)).reduce(sum);
    case 'late':
      return keyed.window(TumblingEventTimeWindows.of(500)).allowedLateness(300).reduce(sum);
    case 'rolling':
      return keyed.reduce(sum);
    case 'fields':
      // A built-in aggregation, whose windows checkpoints take copy-on-write.
      return keyed.window(TumblingEventTimeWindows.of(700)).allowedLateness(300).sum('n');
  }
}

/** Runs the program; with `failing`, with its failures injected. */
function run(p: Program, failing: boolean): JobResult {
  const env = StreamExecutionEnvironment.create({
    autoWatermarkInterval: p.autoWatermarkInterval,
    // The failing run records restarts and failures; the trace does not change what a run does.
    ...(failing ? { trace: { level: 'full' as const } } : {}),
  });
  env.setParallelism(p.parallelism);
  configureFaultTolerance(env, p, failing);
  const outOfOrderness =
    p.delay > 0 ? Math.max(p.outOfOrderness, disorder(p.events)) : p.outOfOrderness;
  const strategy = WatermarkStrategy.forBoundedOutOfOrderness<Event>(
    outOfOrderness,
  ).withTimestampAssigner((e) => e.ts);
  let stream: DataStream<Event> = env.fromSource(sourceOf(p), strategy, 'events');
  for (const add of p.steps) stream = stream.map((e) => ({ ...e, n: e.n + add }));
  if (p.delay > 0) {
    const odd = stream.filter((e) => e.n % 2 !== 0).simulateNetworkDelay(p.delay);
    stream = stream.filter((e) => e.n % 2 === 0).union(odd);
  }
  // `sum('n')` keeps the window's first record, which a delayed half may change after a restart.
  const kind =
    p.delay > 0 && (p.ending === 'rolling' || p.ending === 'fields') ? 'tumbling' : p.ending;
  const results = ending(stream, kind).name('Result');
  results.sinkTo(env.collect('plain'));
  results.sinkTo(env.collect('exactly', { deliveryGuarantee: DeliveryGuarantee.EXACTLY_ONCE }));
  results.sinkTo(env.upsertTable('table', (r) => r.key));
  return env.execute();
}

/** How far behind the highest timestamp before it an event comes, at most, in input order. */
function disorder(events: readonly Event[]): number {
  let highest = -Infinity;
  let most = 0;
  for (const { ts } of events) {
    highest = Math.max(highest, ts);
    most = Math.max(most, highest - ts);
  }
  return most;
}

/** The rows in a fixed order, for comparing them as multisets. */
function sorted(rows: readonly unknown[]): string[] {
  return rows.map((row) => JSON.stringify(row)).sort();
}

describe('delivery guarantees after failures', () => {
  it('exactly-once commits the failure-free output; at-least-once adds only marked duplicates', () => {
    fc.assert(
      fc.property(program, (p) => {
        const expected = run(p, false);
        const got = run(p, true);

        const inOrder = p.parallelism === 1 && p.delay === 0;
        const rows = (list: readonly unknown[]) => (inOrder ? list : sorted(list));
        const exactly = got.outputs.exactly ?? [];
        expect(exactly.every((row) => row.committed === true)).toBe(true);
        expect(rows(exactly.map(content))).toEqual(rows(rowsOf(expected, 'exactly')));

        const plain = got.outputs.plain ?? [];
        expect(rows(plain.filter((row) => !row.duplicate).map(content))).toEqual(
          rows(rowsOf(expected, 'plain')),
        );
        // Duplicates only after a failure: none without a restart, and none before the first.
        const restarts = got.trace.filter((e) => e.type === 'restart').map((e) => e.time);
        const restartedAt = restarts[0] ?? Infinity;
        for (const row of plain) {
          if (row.duplicate) expect(row.processingTime).toBeGreaterThanOrEqual(restartedAt);
        }

        const table = (r: JobResult) => (r.tables.table ?? []).map((row) => [row.key, row.value]);
        expect(new Map(table(got) as [string, unknown][])).toEqual(
          new Map(table(expected) as [string, unknown][]),
        );
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

interface SocketProgram extends FaultTolerance {
  readonly values: readonly number[];
  readonly interval: number;
  readonly steps: readonly number[];
}

const socketProgram: fc.Arbitrary<SocketProgram> = fc.record({
  values: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 40 }),
  interval: fc.constantFrom(0, 10, 60, 150),
  steps: fc.array(fc.integer({ min: -2, max: 3 }), { maxLength: 2 }),
  ...faultTolerance,
});

/** Each value, numbered by where it stands in the input, through the steps into both sinks. */
function runSocket(p: SocketProgram, failing: boolean): JobResult {
  const env = StreamExecutionEnvironment.create();
  configureFaultTolerance(env, p, failing);
  const numbered = p.values.map((n, at) => ({ at, n }));
  let stream = env.fromSource(socketSource(numbered, { arrivalIntervalMs: p.interval }));
  for (const add of p.steps) stream = stream.map((r) => ({ ...r, n: r.n + add }));
  const results = stream.map((r) => r).name('Result');
  results.sinkTo(env.collect('plain'));
  results.sinkTo(env.collect('exactly', { deliveryGuarantee: DeliveryGuarantee.EXACTLY_ONCE }));
  return env.execute();
}

/** True when every row of `part` is a row of `whole`, each row of `whole` used at most once. */
function isSubMultiset(part: readonly unknown[], whole: readonly unknown[]): boolean {
  const left = new Map<string, number>();
  for (const row of whole) left.set(JSON.stringify(row), (left.get(JSON.stringify(row)) ?? 0) + 1);
  return part.every((row) => {
    const key = JSON.stringify(row);
    const count = left.get(key) ?? 0;
    left.set(key, count - 1);
    return count > 0;
  });
}

describe('at most once, from a source that cannot rewind', () => {
  it('delivers part of the failure-free output, and nothing twice', () => {
    fc.assert(
      fc.property(socketProgram, (p) => {
        const expected = runSocket(p, false);
        const got = runSocket(p, true);
        for (const sink of ['plain', 'exactly']) {
          const rows = rowsOf(got, sink);
          expect(isSubMultiset(rows, rowsOf(expected, sink))).toBe(true);
          // Every input value has its own number: none may come out twice.
          const numbers = (got.outputs[sink] ?? []).map((row) => (row.value as { at: number }).at);
          expect(new Set(numbers).size).toBe(numbers.length);
        }
        expect((got.outputs.plain ?? []).some((row) => row.duplicate === true)).toBe(false);
        expect((got.outputs.exactly ?? []).every((row) => row.committed === true)).toBe(true);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
