/**
 * A window operator's snapshots share the copies of windows not touched since the one before
 * (see `window-snapshot.ts`). These check what that must not change: a snapshot stays as it was
 * while the job goes on, also when its windows' copies are shared with later snapshots; it
 * restores the same job each time; and a value no snapshot can copy is refused as soon as a
 * window holding it is snapshotted, even when the window had been snapshotted before.
 */
import { describe, expect, it } from 'vitest';
import { JobExecutionError, Time, TumblingEventTimeWindows } from '../../../src/engine/index';
import type { StreamExecutionEnvironment } from '../../../src/engine/index';
import type { JobSnapshot } from '../../../src/engine/runtime/snapshot';
import type { Event } from '../helpers';
import { ev, eventsStrategy } from '../helpers';
import { restored, stepwise, uninterrupted } from './restart';

/** Three keys; key "c" only in the first second, so its window is left untouched for a while. */
const events = Array.from({ length: 40 }, (_, i) =>
  ev(i < 6 && i % 3 === 2 ? 'c' : i % 2 === 0 ? 'a' : 'b', i * 50, i),
);

interface Accumulator {
  count: number;
  seen: number[];
  callback?: () => void;
}

/**
 * An aggregate whose accumulator is changed in place, the hard case for sharing: a copy that
 * aliased the live accumulator would change with it. With `withCallback`, key "c"'s accumulator
 * gets a function from its second element on.
 */
function program(withCallback: boolean) {
  return (env: StreamExecutionEnvironment) => {
    env
      .fromCollection(events, { arrivalIntervalMs: 50 })
      .assignTimestampsAndWatermarks(eventsStrategy(0))
      .keyBy((e) => e.key)
      .window(TumblingEventTimeWindows.of(Time.seconds(10)))
      .aggregate({
        createAccumulator: (): Accumulator => ({ count: 0, seen: [] }),
        add: (e: Event, acc: Accumulator) => {
          acc.count++;
          acc.seen.push(e.n);
          if (withCallback && e.key === 'c' && acc.count > 1) acc.callback = () => undefined;
          return acc;
        },
        getResult: (acc) => `${acc.count}:${acc.seen.join(',')}`,
        merge: (a, b) => ({ count: a.count + b.count, seen: [...a.seen, ...b.seen] }),
      })
      .sinkTo(env.collect('counts'));
  };
}

interface SavedWindowLike {
  readonly key: string;
  readonly contents: Accumulator;
}

function windowsOf(snapshot: JobSnapshot): SavedWindowLike[] {
  const op = [...snapshot.operators.values()].find((o) => o.kind === 'window');
  return (op?.state as { windows: SavedWindowLike[] }).windows;
}

describe('window snapshots that share unchanged windows', () => {
  it('share the copy of an untouched window, copy a touched one, and change neither later', () => {
    const job = stepwise(program(false));
    for (let i = 0; i < 8; i++) job.step();
    const first = job.snapshot();
    const pristine = structuredClone(first);
    for (let i = 0; i < 6; i++) job.step();
    const second = job.snapshot();
    const byKey = (snapshot: JobSnapshot, key: string) =>
      windowsOf(snapshot).find((w) => w.key === key) as SavedWindowLike;
    // "c" got nothing in between: its copy is shared; "a" got elements: it was copied anew.
    expect(byKey(second, 'c')).toBe(byKey(first, 'c'));
    expect(byKey(second, 'a')).not.toBe(byKey(first, 'a'));
    expect(byKey(second, 'a').contents.count).toBeGreaterThan(byKey(first, 'a').contents.count);
    job.runToEnd();
    expect(first).toEqual(pristine);
  });

  it('restores the same job from a shared snapshot, twice, as the job without a break', () => {
    const expected = uninterrupted(program(false));
    const job = stepwise(program(false));
    for (let i = 0; i < 8; i++) job.step();
    job.snapshot();
    for (let i = 0; i < 6; i++) job.step();
    const shared = job.snapshot();
    const pristine = structuredClone(shared);
    const once = restored(program(false), shared).runToEnd();
    const twice = restored(program(false), shared).runToEnd();
    expect(shared).toEqual(pristine);
    expect(twice.outputs).toEqual(once.outputs);
    const tail = expected.outputs['counts'] ?? [];
    expect(once.outputs['counts']?.map((r) => r.value)).toEqual(tail.map((r) => r.value));
  });

  it('refuses a function put into a window whose earlier copy is shared', () => {
    const job = stepwise(program(true));
    // Key "c"'s first element is in, without a function yet: snapshotted fine.
    for (let i = 0; i < 3; i++) job.step();
    expect(windowsOf(job.snapshot()).some((w) => w.key === 'c')).toBe(true);
    for (let i = 0; i < 3; i++) job.step();
    let error: unknown;
    try {
      job.snapshot();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JobExecutionError);
    expect((error as Error).message).toMatch(
      /its state cannot be snapshotted: \.windows\[\d+\]\.contents\.callback holds a function\./,
    );
  });
});
