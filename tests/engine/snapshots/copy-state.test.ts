/**
 * The copier snapshots are made with: what it copies, what it refuses (and how it says so), and
 * that a snapshot shares nothing with the job it was taken of, nor with a job restored from it.
 */
import { describe, expect, it } from 'vitest';
import {
  JobExecutionError,
  KeyedProcessFunction,
  Time,
  TumblingEventTimeWindows,
  ValueStateDescriptor,
  elementsSource,
} from '../../../src/engine/index';
import type {
  Collector,
  KeyedContext,
  KeyedRuntimeContext,
  StreamExecutionEnvironment,
  ValueState,
} from '../../../src/engine/index';
import { SIZES, UncopyableState, copyState } from '../../../src/engine/state/copy-state';
import { WatermarkValve } from '../../../src/engine/watermarks/valve';
import type { Event } from '../helpers';
import { ev, eventsStrategy } from '../helpers';
import { restored, stepwise } from './restart';

describe('copyState', () => {
  it('copies primitives, plain objects, arrays, Map, Set and Date deeply', () => {
    const original = {
      n: 1,
      s: 'text',
      b: true,
      big: 12n,
      none: null,
      missing: undefined,
      list: [1, { deep: [2] }],
      map: new Map<unknown, unknown>([
        ['k', { v: 1 }],
        [2, new Set([3, 'x'])],
      ]),
      when: new Date(1_000),
      bare: Object.assign(Object.create(null) as object, { x: 1 }),
    };
    const { value } = copyState(original);
    expect(value).toEqual(original);
    expect(value).not.toBe(original);
    expect(value.list[1]).not.toBe(original.list[1]);
    expect(value.map.get('k')).not.toBe(original.map.get('k'));
    expect(value.map.get(2)).not.toBe(original.map.get(2));
    expect(value.when).not.toBe(original.when);
    expect(Object.getPrototypeOf(value.bare)).toBeNull();
  });

  it('keeps shared references and cycles, one copy per original', () => {
    const shared = { n: 1 };
    const cyclic: { self?: unknown; pair: unknown[] } = { pair: [shared, shared] };
    cyclic.self = cyclic;
    const { value } = copyState(cyclic);
    expect(value.self).toBe(value);
    expect(value.pair[0]).toBe(value.pair[1]);
    expect(value.pair[0]).not.toBe(shared);
  });

  it('estimates the size: the same for the same value, more for more', () => {
    const state = (keys: number) =>
      new Map(Array.from({ length: keys }, (_, i) => [`k${i}`, { n: i }]));
    expect(copyState(state(10)).bytes).toBe(copyState(state(10)).bytes);
    expect(copyState(state(20)).bytes).toBeGreaterThan(copyState(state(10)).bytes);
    expect(copyState(42).bytes).toBe(SIZES.number);
    expect(copyState('ab').bytes).toBe(SIZES.header + 2 * SIZES.char);
  });

  it.each([
    ['a function', { nested: [{ callback: () => 1 }] }, '.nested[0].callback'],
    ['a symbol', new Map([['k', Symbol('s')]]), '.get("k")'],
    [
      'an instance of class Stats',
      {
        stats: new (class Stats {
          #n = 1;
          get n() {
            return this.#n;
          }
        })(),
      },
      '.stats',
    ],
    ['a property keyed by a symbol', { [Symbol('s')]: 1 }, 'the state'],
  ])('refuses %s, saying where it is', (what, value, path) => {
    let error: unknown;
    try {
      copyState(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UncopyableState);
    expect((error as Error).message).toContain(`${path} holds ${what}.`);
    expect((error as Error).message).toContain('A snapshot copies plain data only');
  });
});

/** Keeps, per key, an object it changes in place (without `update`), and a function if asked. */
class Mutating extends KeyedProcessFunction<string, Event, string> {
  private totals!: ValueState<{ n: number; seen: number[] }>;
  private handler!: ValueState<unknown>;

  constructor(private readonly storeFunction: boolean) {
    super();
  }

  open(ctx: KeyedRuntimeContext): void {
    this.totals = ctx.getState(new ValueStateDescriptor('totals'));
    this.handler = ctx.getState(new ValueStateDescriptor('handler'));
  }

  processElement(e: Event, ctx: KeyedContext<string>, out: Collector<string>): void {
    const totals = this.totals.value();
    if (totals === undefined) this.totals.update({ n: e.n, seen: [e.n] });
    else {
      totals.n += e.n;
      totals.seen.push(e.n);
    }
    if (this.storeFunction) this.handler.update(() => e.n);
    out.collect(`${ctx.getCurrentKey()}=${this.totals.value()?.n}`);
  }
}

const events = Array.from({ length: 30 }, (_, i) => ev(i % 2 === 0 ? 'a' : 'b', i * 100, i));

function mutating(storeFunction: boolean) {
  return (env: StreamExecutionEnvironment) => {
    const stream = env.fromSource(
      elementsSource(events, { arrivalIntervalMs: 100 }),
      eventsStrategy(0),
    );
    stream
      .keyBy((e) => e.key)
      .process(new Mutating(storeFunction))
      .sinkTo(env.collect('totals'));
    stream
      .keyBy((e) => e.key)
      .window(TumblingEventTimeWindows.of(Time.seconds(1)))
      .process({
        process: (key, _ctx, elements, out) => out.collect(`${key}:${elements.length}`),
      })
      .sinkTo(env.collect('windows'));
  };
}

describe('a snapshot is a copy', () => {
  it('stays as it was while the job it was taken of goes on and changes its state in place', () => {
    const job = stepwise(mutating(false));
    for (let i = 0; i < 10; i++) job.step();
    const snapshot = job.snapshot();
    const twin = job.snapshot();
    expect(twin).toEqual(snapshot);
    job.runToEnd();
    expect(snapshot).toEqual(twin);
    const totals = [...snapshot.operators.values()].find((op) => op.kind === 'keyed-process');
    const values = (
      totals?.state as { keyed: Map<string, { values: Map<string, unknown> }> }
    ).keyed.get('totals')?.values;
    expect(values?.get('a')).toEqual({ n: 0 + 2 + 4 + 6 + 8, seen: [0, 2, 4, 6, 8] });
  });

  it('stays as it was while a job restored from it runs, and restores the same twice', () => {
    const job = stepwise(mutating(false));
    for (let i = 0; i < 10; i++) job.step();
    const snapshot = job.snapshot();
    const twin = job.snapshot();
    const first = restored(mutating(false), snapshot).runToEnd();
    expect(snapshot).toEqual(twin);
    const second = restored(mutating(false), snapshot).runToEnd();
    expect(second.outputs).toEqual(first.outputs);
  });

  it('reports its size per operator, and in all', () => {
    const job = stepwise(mutating(false));
    for (let i = 0; i < 10; i++) job.step();
    const small = job.snapshot();
    for (let i = 0; i < 10; i++) job.step();
    const large = job.snapshot();
    const sizes = [...small.operators.values()].map((op) => op.bytes);
    expect(sizes.every((bytes) => bytes > 0)).toBe(true);
    expect(small.bytes).toBe(sizes.reduce((a, b) => a + b, 0));
    expect(large.bytes).toBeGreaterThan(small.bytes);
  });
});

describe('state a snapshot cannot copy', () => {
  it('fails the snapshot with an error naming the operator, the state and the key', () => {
    const job = stepwise(mutating(true));
    job.step();
    let error: unknown;
    try {
      job.snapshot();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JobExecutionError);
    expect((error as JobExecutionError).operatorName).toMatch(/Process/);
    expect((error as Error).message).toContain(
      'its state cannot be snapshotted: .keyed.get("handler").values.get("a") holds a function.',
    );
    // The job itself goes on.
    expect(job.runToEnd().outputs['totals']).toHaveLength(events.length);
  });
});

describe("a valve's snapshot", () => {
  const output = { watermark: () => undefined, status: () => undefined };

  it('is a copy of its state, counted as copyState counts it, at every number of channels', () => {
    for (const channels of [1, 2, 5]) {
      const valve = new WatermarkValve(channels);
      valve.inputWatermark(0, 40, output);
      if (channels > 1) valve.inputStatus(1, true, output);
      const { value, bytes } = valve.snapshot();
      const plain = {
        watermark: valve.watermark,
        idle: false,
        channels: Array.from({ length: channels }, (_, i) => ({
          watermark: valve.channelWatermark(i),
          idle: valve.channelIdle(i),
          aligned: i !== 1,
        })),
      };
      expect(value).toEqual(plain);
      expect(bytes).toBe(copyState(plain).bytes);
    }
  });

  it('keeps what the valve had when it was taken, whatever the valve does next', () => {
    const valve = new WatermarkValve(2);
    valve.inputWatermark(0, 10, output);
    valve.inputWatermark(1, 20, output);
    const { value } = valve.snapshot();
    valve.inputWatermark(0, 90, output);
    valve.inputStatus(1, true, output);
    expect(value.watermark).toBe(10);
    expect(value.channels.map((c) => [c.watermark, c.idle])).toEqual([
      [10, false],
      [20, false],
    ]);
  });
});
