/**
 * With the trace off, running (runToEnd, advanceTo) drains a source's due records in one generated
 * loop, with the operators behind it fused in, when nothing else can happen between their
 * arrivals. Stepping never does: each step is one arrival, record by record. So for random pipelines and inputs, a run and a step-by-step run of the same
 * job must give the same result: outputs, tables, side outputs, metrics, clock, operator state
 * — and the same failure, when a user function throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  OutputTag,
  SlidingEventTimeWindows,
  StreamExecutionEnvironment,
  TumblingEventTimeWindows,
  TumblingProcessingTimeWindows,
  WatermarkStrategy,
  elementsSource,
} from '../../src/engine/index';
import type { DataStream, JobController, JobResult } from '../../src/engine/index';
import type { Event } from './helpers';

/** One stateless step, with the record value it fails on (if any). */
type Step =
  | { readonly kind: 'map'; readonly add: number }
  | { readonly kind: 'filter'; readonly modulo: number }
  | { readonly kind: 'flatMap'; readonly copies: number }
  | { readonly kind: 'failOn'; readonly n: number };

/** What the steps lead to. */
type Ending =
  | 'collect'
  | 'upsert'
  | 'rolling-upsert'
  | 'rolling-collect'
  | 'rolling-then-failure'
  | 'event-window'
  | 'sliding-window-late'
  | 'processing-window'
  | 'two-sinks'
  | 'print'
  | 'reassign-timestamps';

interface Program {
  readonly events: readonly Event[];
  readonly arrivalIntervalMs: number;
  readonly autoWatermarkInterval: number;
  /** A strategy on the source (event time), or none (fromCollection). */
  readonly timed: boolean;
  readonly outOfOrderness: number;
  readonly steps: readonly Step[];
  readonly ending: Ending;
}

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('map' as const), add: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant('filter' as const), modulo: fc.integer({ min: 2, max: 4 }) }),
  fc.record({ kind: fc.constant('flatMap' as const), copies: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('failOn' as const), n: fc.integer({ min: 0, max: 60 }) }),
);

const program: fc.Arbitrary<Program> = fc.record({
  events: fc.array(
    fc.record({
      key: fc.constantFrom('a', 'b', 'c'),
      ts: fc.integer({ min: 0, max: 3_000 }),
      n: fc.integer({ min: 0, max: 40 }),
    }),
    { maxLength: 1_200 },
  ),
  arrivalIntervalMs: fc.constantFrom(0, 1, 3, 100),
  autoWatermarkInterval: fc.constantFrom(0, 1, 7, 200),
  timed: fc.boolean(),
  outOfOrderness: fc.integer({ min: 0, max: 500 }),
  steps: fc.array(step, { maxLength: 4 }),
  ending: fc.constantFrom<Ending>(
    'collect',
    'upsert',
    'rolling-upsert',
    'rolling-collect',
    'rolling-then-failure',
    'event-window',
    'sliding-window-late',
    'processing-window',
    'two-sinks',
    'print',
    'reassign-timestamps',
  ),
});

function applyStep(stream: DataStream<Event>, s: Step): DataStream<Event> {
  switch (s.kind) {
    case 'map':
      return stream.map((e) => ({ ...e, n: e.n + s.add }));
    case 'filter':
      return stream.filter((e) => e.n % s.modulo !== 0);
    case 'flatMap':
      return stream.flatMap((e) =>
        Array.from({ length: s.copies }, (_, i) => ({ ...e, n: e.n + i })),
      );
    case 'failOn':
      return stream.map((e) => {
        if (e.n === s.n) throw new Error(`no ${s.n}`);
        return e;
      });
  }
}

const late = new OutputTag<Event>('late');

function build(p: Program): JobController {
  const env = StreamExecutionEnvironment.create({
    autoWatermarkInterval: p.autoWatermarkInterval,
    trace: { level: 'counters' },
  });
  const strategy = WatermarkStrategy.forBoundedOutOfOrderness<Event>(
    p.outOfOrderness,
  ).withTimestampAssigner((e) => e.ts);
  const timed = p.timed || p.ending.endsWith('window') || p.ending === 'sliding-window-late';
  let stream: DataStream<Event> = timed
    ? env.fromSource(elementsSource(p.events, { arrivalIntervalMs: p.arrivalIntervalMs }), strategy)
    : env.fromCollection(p.events, { arrivalIntervalMs: p.arrivalIntervalMs });
  for (const s of p.steps) stream = applyStep(stream, s);
  const byKey = stream.keyBy((e) => e.key);
  switch (p.ending) {
    case 'collect':
      stream.sinkTo(env.collect('out'));
      break;
    case 'upsert':
      stream.sinkTo(env.upsertTable('out', (e) => e.key));
      break;
    case 'rolling-upsert':
      byKey.sum('n').sinkTo(env.upsertTable('out', (e) => e.key));
      break;
    case 'rolling-collect':
      byKey
        .reduce((a, b) => {
          if (a.n + b.n > 400) throw new Error('too much');
          return { ...b, n: a.n + b.n };
        })
        .sinkTo(env.collect('out'));
      break;
    case 'rolling-then-failure':
      byKey
        .sum('n')
        .map((e) => {
          if (e.n > 120) throw new Error('over 120');
          return e;
        })
        .sinkTo(env.collect('out'));
      break;
    case 'event-window':
      byKey.window(TumblingEventTimeWindows.of(100)).sum('n').sinkTo(env.collect('out'));
      break;
    case 'sliding-window-late': {
      const sums = byKey
        .window(SlidingEventTimeWindows.of(200, 50))
        .sideOutputLateData(late)
        .sum('n');
      sums.sinkTo(env.collect('out'));
      sums.getSideOutput(late).sinkTo(env.collect('late'));
      break;
    }
    case 'processing-window':
      byKey.window(TumblingProcessingTimeWindows.of(50)).sum('n').sinkTo(env.collect('out'));
      break;
    case 'two-sinks':
      stream.sinkTo(env.collect('out'));
      stream.filter((e) => e.key !== 'a').sinkTo(env.upsertTable('table', (e) => e.n));
      break;
    case 'print':
      stream.map((e) => e.n).print('n');
      break;
    case 'reassign-timestamps':
      stream
        .assignTimestampsAndWatermarks(strategy)
        .keyBy((e) => e.key)
        .window(TumblingEventTimeWindows.of(100))
        .sum('n')
        .sinkTo(env.collect('out'));
      break;
  }
  return env.executeStepwise();
}

interface Outcome {
  readonly result: JobResult;
  readonly error: string | undefined;
  readonly state: unknown;
}

function outcome(job: JobController, run: () => void): Outcome {
  let error: string | undefined;
  try {
    run();
  } catch (e) {
    error = String(e);
  }
  const state = [job.keyedState(), job.pendingWindows(), job.watermarks()];
  return { result: job.result(), error, state };
}

function stepped(p: Program): Outcome {
  const job = build(p);
  return outcome(job, () => {
    while (job.step() !== undefined);
  });
}

describe('batched runs', () => {
  it('run to the end exactly as step by step', () => {
    fc.assert(
      fc.property(program, (p) => {
        const job = build(p);
        expect(outcome(job, () => job.runToEnd())).toEqual(stepped(p));
      }),
      { numRuns: 150 },
    );
  });

  it('advance in slices exactly as step by step', () => {
    fc.assert(
      fc.property(
        program,
        fc.array(fc.integer({ min: 0, max: 5_000 }), { maxLength: 5 }),
        (p, times) => {
          const job = build(p);
          const slices = [...times].sort((a, b) => a - b);
          const batched = outcome(job, () => {
            for (const time of slices) job.advanceTo(time);
            job.runToEnd();
          });
          expect(batched).toEqual(stepped(p));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('hands a failure downstream of earlier records exactly as one by one', () => {
    const events = Array.from({ length: 1_500 }, (_, i) => ({ key: 'k', ts: i, n: i % 50 }));
    const p: Program = {
      events,
      arrivalIntervalMs: 1,
      autoWatermarkInterval: 0,
      timed: false,
      outOfOrderness: 0,
      steps: [{ kind: 'failOn', n: 49 }],
      ending: 'rolling-collect',
    };
    const job = build(p);
    const batched = outcome(job, () => job.runToEnd());
    expect(batched.error).toMatch(/too much/);
    expect(batched).toEqual(stepped(p));
  });
});
