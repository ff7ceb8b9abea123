/**
 * The trace held in columns gives back exactly the events it was given: every event type, every
 * field's value (`null`, absent, booleans, negative and fractional numbers, infinities), in order,
 * numbered, with the oldest dropped when the ring is full and nothing left after a drain. Checked
 * against a ring of the event objects themselves, which is what the trace held before: for random
 * sequences of events of every type, and for what random pipelines record.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  DeliveryGuarantee,
  EventTimeSessionWindows,
  Failure,
  RestartStrategies,
  SlidingEventTimeWindows,
  StreamExecutionEnvironment,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  elementsSource,
} from '../../src/engine/index';
import type { JobResult, Key } from '../../src/engine/index';
import { TraceRecorder } from '../../src/engine/trace';
import type { TraceEvent, UnnumberedEvent } from '../../src/engine/trace';
import { ARRIVAL, EMIT, STATE_WRITE, TraceColumns } from '../../src/engine/trace-columns';
import { summarize } from '../../src/engine/summarize';
import type { Event } from './helpers';

/** The events a ring of objects holds: the last `limit` given, numbered and timed as given. */
class ObjectRing {
  events: TraceEvent[] = [];
  dropped = 0;
  private nextSeq = 0;

  constructor(private readonly limit: number) {}

  add(event: UnnumberedEvent, time: number): void {
    this.events.push({ ...event, seq: this.nextSeq++, time } as TraceEvent);
    if (this.events.length > this.limit) {
      this.events.shift();
      this.dropped++;
    }
  }

  drain(): TraceEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }
}

const number = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -Infinity, Infinity, -0),
);
const count = fc.nat({ max: 1_000 });
const key = fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.boolean());
const op = fc.constantFrom('source', 'map', 'window', 'sink', '-');
const text = fc.string({ maxLength: 12 });

/** Every event type, with every field it may carry. */
const event: fc.Arbitrary<UnnumberedEvent> = fc
  .tuple(
    fc.oneof(
      fc.record({
        type: fc.constant('arrival' as const),
        input: count,
        record: count,
        eventTime: fc.option(number),
        key,
        value: text,
      }),
      fc.record({
        type: fc.constant('emit' as const),
        record: count,
        eventTime: fc.option(number),
        lineage: fc.array(count, { maxLength: 4 }),
        tag: fc.option(text),
        value: text,
      }),
      fc.record({ type: fc.constant('watermark' as const), input: count, watermark: number }),
      fc.record({ type: fc.constant('idleness' as const), input: count, idle: fc.boolean() }),
      fc.record({ type: fc.constant('window-created' as const), key, start: number, end: number }),
      fc.record({
        type: fc.constant('window-merged' as const),
        key,
        start: number,
        end: number,
        mergedStarts: fc.array(number, { maxLength: 3 }),
        mergedEnds: fc.array(number, { maxLength: 3 }),
      }),
      fc.record({
        type: fc.constant('window-fired' as const),
        key,
        start: number,
        end: number,
        timing: fc.constantFrom('EARLY' as const, 'ON_TIME' as const, 'LATE' as const),
        index: count,
        isLast: fc.boolean(),
        record: count,
        field: fc.option(fc.record({ name: text, value: fc.oneof(number, text) })),
      }),
      fc.record({
        type: fc.constant('window-purged' as const),
        key,
        start: number,
        end: number,
        reason: fc.constantFrom('trigger' as const, 'cleanup' as const),
      }),
      fc.record({
        type: fc.constant('late' as const),
        record: count,
        key,
        eventTime: number,
        watermark: number,
        outcome: fc.constantFrom('accepted' as const, 'dropped' as const, 'side-output' as const),
      }),
      fc.record({
        type: fc.constantFrom('timer-registered' as const, 'timer-fired' as const),
        key,
        domain: fc.constantFrom('event-time' as const, 'processing-time' as const),
        timestamp: number,
      }),
      fc.record({
        type: fc.constant('state-write' as const),
        key,
        state: text,
        value: fc.option(text),
      }),
      fc.record({ type: fc.constant('job-end' as const), pendingProcessingTimers: count }),
      fc.record({
        type: fc.constant('checkpoint-triggered' as const),
        checkpoint: count,
        mode: fc.constantFrom('exactly-once' as const, 'at-least-once' as const),
      }),
      fc.record({ type: fc.constant('barrier' as const), checkpoint: count, input: count }),
      fc.record(
        {
          type: fc.constantFrom('alignment-start' as const, 'alignment-end' as const),
          checkpoint: count,
          input: count,
          blocking: fc.boolean(),
          records: count,
        },
        { requiredKeys: ['type', 'checkpoint', 'input', 'blocking'] },
      ),
      fc.record({ type: fc.constant('snapshot' as const), checkpoint: count, bytes: count }),
      fc.record({
        type: fc.constant('checkpoint-completed' as const),
        checkpoint: count,
        bytes: count,
      }),
      fc.record({
        type: fc.constant('checkpoint-aborted' as const),
        checkpoint: count,
        reason: text,
      }),
      fc.record({
        type: fc.constant('failure' as const),
        cause: text,
        record: fc.option(text),
        injected: fc.boolean(),
        restarting: fc.boolean(),
      }),
      fc.record({
        type: fc.constant('restart' as const),
        attempt: count,
        checkpoint: fc.option(count),
        from: number,
      }),
      fc.record({
        type: fc.constantFrom(
          'transaction-opened' as const,
          'transaction-pre-committed' as const,
          'transaction-committed' as const,
          'transaction-aborted' as const,
        ),
        transaction: count,
        checkpoint: fc.option(count),
        rows: count,
      }),
    ),
    op,
    fc.option(fc.nat({ max: 7 }), { nil: undefined }),
  )
  .map(([fields, op, subtask]) => {
    const event = { ...fields, op } as UnnumberedEvent;
    if (subtask !== undefined) (event as { subtask?: number }).subtask = subtask;
    return event;
  });

/** What happens to the trace: an event recorded at a time, or everything held drained. */
/** A record's value: primitives of every kind (long strings too) and records. */
const recordValue = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.string({ minLength: 100, maxLength: 300 }),
  fc.constantFrom(-0, NaN, undefined, 10n, Symbol('s')),
);

/** An arrival or an emit recorded from its fields (`Trace.arrival`, `Trace.emit`). */
const recordEvent = fc.record({
  kind: fc.constantFrom('arrival' as const, 'emit' as const, 'state-write' as const),
  op,
  subtask: fc.option(fc.nat({ max: 7 }), { nil: undefined }),
  input: count,
  record: count,
  eventTime: fc.option(number),
  key,
  lineage: fc.array(count, { maxLength: 4 }),
  tag: fc.option(text),
  state: text,
  value: recordValue,
});

/**
 * The object a ring of objects held for such an arrival, emit or state write: its value
 * summarized then (a state write's `undefined` value: the state cleared, `null`).
 */
function recordedObject(r: typeof recordEvent extends fc.Arbitrary<infer R> ? R : never) {
  const { op, record, eventTime } = r;
  const fields =
    r.kind === 'arrival'
      ? {
          type: r.kind,
          op,
          input: r.input,
          record,
          eventTime,
          key: r.key,
          value: summarize(r.value),
        }
      : r.kind === 'emit'
        ? {
            type: r.kind,
            op,
            record,
            eventTime,
            lineage: r.lineage,
            tag: r.tag,
            value: summarize(r.value),
          }
        : {
            type: r.kind,
            op,
            key: r.key,
            state: r.state,
            value: r.value === undefined ? null : summarize(r.value),
          };
  const subtask = r.subtask === undefined ? {} : { subtask: r.subtask };
  return { ...fields, ...subtask } as UnnumberedEvent;
}

const steps = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.tuple(event, number).map(([e, time]) => ({ event: e, time })) },
    { weight: 3, arbitrary: fc.tuple(recordEvent, number).map(([r, time]) => ({ r, time })) },
    { weight: 1, arbitrary: fc.constant('drain' as const) },
  ),
  { maxLength: 120 },
);

describe('the trace in columns', () => {
  it('gives back the events a ring of objects would hold, and the same drains', () => {
    fc.assert(
      fc.property(steps, fc.integer({ min: 1, max: 40 }), (script, limit) => {
        let now = 0;
        const recorder = new TraceRecorder({ level: 'full', limit }, () => now);
        const objects = new ObjectRing(limit);
        for (const step of script) {
          if (step === 'drain') {
            expect(recorder.drain()).toStrictEqual(objects.drain());
            continue;
          }
          now = step.time;
          if ('r' in step) {
            const { r } = step;
            if (r.kind === 'arrival') {
              recorder.arrival(r.op, r.input, r.record, r.eventTime, r.key, r.value, r.subtask);
            } else if (r.kind === 'emit') {
              recorder.emit(r.op, r.record, r.eventTime, r.lineage, r.tag, r.value, r.subtask);
            } else {
              recorder.stateWrite(r.op, r.key as Key, r.state, r.value, r.subtask);
            }
            objects.add(recordedObject(r), step.time);
            continue;
          }
          // Each is given its own copy: the recorder may keep what it is given.
          recorder.add(structuredClone(step.event));
          objects.add(structuredClone(step.event), step.time);
        }
        expect(recorder.events()).toStrictEqual(objects.events);
        expect(recorder.dropped).toBe(objects.dropped);
        expect(recorder.drain()).toStrictEqual(objects.drain());
        expect(recorder.events()).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it("summarizes a record's value as it was when recorded, though the record changes after", () => {
    const recorder = new TraceRecorder({ level: 'full' }, () => 0);
    const value = { celsius: 21 };
    recorder.arrival('map', 0, 1, null, null, value);
    recorder.emit('map', 2, 5, [1], null, value);
    value.celsius = 99;
    expect(recorder.events().map((e) => 'value' in e && e.value)).toEqual([
      '{ celsius: 21 }',
      '{ celsius: 21 }',
    ]);
  });

  it('grows past its first columns and keeps the oldest events in order', () => {
    let now = 0;
    const recorder = new TraceRecorder({ level: 'full', limit: 5_000 }, () => now);
    for (let i = 0; i < 6_000; i++) {
      now = i;
      recorder.add({ type: 'watermark', op: 'map', input: i % 3, watermark: i * 10 });
    }
    const events = recorder.events();
    expect(events).toHaveLength(5_000);
    expect(recorder.dropped).toBe(1_000);
    expect(events[0]).toStrictEqual({
      type: 'watermark',
      seq: 1_000,
      time: 1_000,
      op: 'map',
      input: 1,
      watermark: 10_000,
    });
    expect(events.every((e, i) => e.seq === 1_000 + i && e.time === e.seq)).toBe(true);
  });
});

/** A random pipeline: parallel, windowed, checkpointed, failing and restarting, with a trace. */
interface Pipeline {
  readonly parallelism: number;
  readonly events: readonly Event[];
  readonly outOfOrderness: number;
  readonly windows: 'tumbling' | 'sliding' | 'session' | 'late' | 'fields' | 'rolling';
  readonly checkpointInterval: number;
  readonly failAt: number | undefined;
  readonly limit: number;
  readonly level: 'full' | 'sampled';
}

const pipeline: fc.Arbitrary<Pipeline> = fc.record({
  parallelism: fc.integer({ min: 1, max: 3 }),
  events: fc.array(
    fc.record({
      key: fc.constantFrom('a', 'b', 'c'),
      ts: fc.integer({ min: 0, max: 4_000 }),
      n: fc.integer({ min: 0, max: 40 }),
    }),
    { minLength: 1, maxLength: 30 },
  ),
  outOfOrderness: fc.integer({ min: 0, max: 600 }),
  windows: fc.constantFrom('tumbling', 'sliding', 'session', 'late', 'fields', 'rolling'),
  checkpointInterval: fc.integer({ min: 100, max: 1_500 }),
  failAt: fc.option(fc.integer({ min: 0, max: 2_000 }), { nil: undefined }),
  limit: fc.constantFrom(50, 400, 100_000),
  level: fc.constantFrom('full', 'sampled'),
});

function runPipeline(p: Pipeline): JobResult {
  const env = StreamExecutionEnvironment.create({
    trace: { level: p.level, limit: p.limit, sampleEvery: 3 },
  });
  env.setParallelism(p.parallelism);
  env.enableCheckpointing(p.checkpointInterval);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(1, 100));
  if (p.failAt !== undefined) env.injectFailure(Failure.atProcessingTime(p.failAt));
  const keyed = env
    .fromSource(
      elementsSource(p.events, { arrivalIntervalMs: 60 }),
      WatermarkStrategy.forBoundedOutOfOrderness<Event>(p.outOfOrderness).withTimestampAssigner(
        (e) => e.ts,
      ),
      'events',
    )
    .keyBy((e) => e.key);
  const sum = (a: Event, b: Event): Event => ({ ...a, n: a.n + b.n });
  const results =
    p.windows === 'tumbling'
      ? keyed.window(TumblingEventTimeWindows.of(1_000)).reduce(sum)
      : p.windows === 'sliding'
        ? keyed.window(SlidingEventTimeWindows.of(1_000, 300)).reduce(sum)
        : p.windows === 'session'
          ? keyed.window(EventTimeSessionWindows.withGap(400)).reduce(sum)
          : p.windows === 'late'
            ? keyed.window(TumblingEventTimeWindows.of(500)).allowedLateness(300).reduce(sum)
            : p.windows === 'fields'
              ? keyed.window(TumblingEventTimeWindows.of(700)).sum('n')
              : keyed.reduce(sum);
  results.sinkTo(env.collect('plain'));
  results.sinkTo(env.collect('exactly', { deliveryGuarantee: DeliveryGuarantee.EXACTLY_ONCE }));
  return env.execute();
}

const originalPush = TraceColumns.prototype.push;
const originalPushRecordEvent = TraceColumns.prototype.pushRecordEvent;
const seen = new Set<string>();
const COMMON_TYPES = [
  'arrival',
  'emit',
  'watermark',
  'window-created',
  'window-fired',
  'window-purged',
  'timer-registered',
  'timer-fired',
  'checkpoint-triggered',
  'barrier',
  'snapshot',
  'checkpoint-completed',
  'failure',
  'restart',
  'transaction-opened',
  'transaction-committed',
  'state-write',
  'job-end',
];

describe('the trace of a run, in columns', () => {
  it('decodes to exactly the events the run recorded, for random pipelines', () => {
    fc.assert(
      fc.property(pipeline, (p) => {
        // What the run gave the trace, as it gave it: what a ring of objects would have held,
        // with each record's value summarized when it was recorded.
        const given = new ObjectRing(p.limit);
        const push = vi.spyOn(TraceColumns.prototype, 'push').mockImplementation(function (
          this: TraceColumns,
          event,
          time,
        ) {
          given.add(structuredClone(event) as UnnumberedEvent, time);
          return originalPush.call(this, event, time);
        });
        const pushRecordEvent = vi
          .spyOn(TraceColumns.prototype, 'pushRecordEvent')
          .mockImplementation(function (this: TraceColumns, ...args) {
            const [code, time, op, subtask, a, b, , x, y, z] = args;
            const event =
              code === ARRIVAL
                ? { type: 'arrival', op, input: a, record: b, eventTime: args[6], key: x }
                : code === EMIT
                  ? { type: 'emit', op, record: a, eventTime: b, lineage: x, tag: y }
                  : { type: 'state-write', op, key: x, state: y };
            const value = code === ARRIVAL ? y : z;
            given.add(
              structuredClone({
                ...event,
                value: code === STATE_WRITE && value === undefined ? null : summarize(value),
                ...(subtask === -1 ? {} : { subtask }),
              }) as UnnumberedEvent,
              time,
            );
            return originalPushRecordEvent.apply(this, args);
          });
        let result: JobResult;
        try {
          result = runPipeline(p);
        } finally {
          push.mockRestore();
          pushRecordEvent.mockRestore();
        }
        expect(given.events.length).toBeGreaterThan(0);
        for (const e of result.trace) seen.add(e.type);
        expect(result.trace).toStrictEqual(given.events);
        expect(result.metrics.traceEventsDropped).toBe(given.dropped);
      }),
      { numRuns: 150 },
    );
    // The runs recorded events of the kinds that make up most traces, checkpoints and failures.
    expect([...seen]).toEqual(expect.arrayContaining(COMMON_TYPES));
  });
});
