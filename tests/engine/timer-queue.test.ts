/**
 * The timer queue gives timers in the order one binary heap ordered by (time, seq) would: these
 * tests hold it against that heap, for registrations (seq rising), restores (seq in any order)
 * and timers pushed while it is being drained, as a trigger registers them while its timer fires.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PriorityQueue } from '../../src/engine/runtime/priority-queue';
import { TimerQueue } from '../../src/engine/runtime/timer-queue';

interface T {
  readonly time: number;
  readonly seq: number;
}

const earlier = (a: T, b: T): boolean => a.time < b.time || (a.time === b.time && a.seq < b.seq);

/** An operation: push a timer at a time, or pop one. */
type Op = { push: number } | { pop: true };

function run(ops: readonly Op[], seqs: (i: number) => number): { queue: T[]; heap: T[] } {
  const queue = new TimerQueue<T>();
  const heap = new PriorityQueue<T>(earlier);
  const out = { queue: [] as T[], heap: [] as T[] };
  ops.forEach((op, i) => {
    if ('push' in op) {
      const timer = { time: op.push, seq: seqs(i) };
      queue.push(timer);
      heap.push(timer);
    } else {
      const a = queue.pop();
      const b = heap.pop();
      if (a !== undefined) out.queue.push(a);
      if (b !== undefined) out.heap.push(b);
    }
  });
  for (let t = queue.pop(); t !== undefined; t = queue.pop()) out.queue.push(t);
  for (let t = heap.pop(); t !== undefined; t = heap.pop()) out.heap.push(t);
  return out;
}

const ops = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 6 }).map((push): Op => ({ push })) },
    { weight: 1, arbitrary: fc.constant<Op>({ pop: true }) },
  ),
  { maxLength: 60 },
);

describe('TimerQueue', () => {
  it('gives registered timers (rising seq) by time, ties in seq order, like a heap', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const { queue, heap } = run(list, (i) => i);
        expect(queue).toEqual(heap);
      }),
    );
  });

  it('orders timers restored with their seq in any order', () => {
    fc.assert(
      fc.property(ops, fc.integer({ min: 1, max: 1_000 }), (list, seed) => {
        // A permutation of the indexes: every seq unique, in no particular order.
        const seqs = (i: number) => (i * 7_919 + seed * 104_729) % 1_000_003;
        const { queue, heap } = run(list, seqs);
        expect(queue).toEqual(heap);
      }),
    );
  });

  it('fires a timer pushed while draining: at the same time after the rest, earlier first', () => {
    const queue = new TimerQueue<T>();
    let seq = 0;
    for (const time of [5, 5, 5, 9]) queue.push({ time, seq: seq++ });
    const fired: T[] = [];
    for (let timer = queue.pop(); timer !== undefined; timer = queue.pop()) {
      fired.push(timer);
      // The first timer at 5 registers one at 5 (after the others at 5) and one at 3 (next).
      if (timer.seq === 0) {
        queue.push({ time: 5, seq: seq++ });
        queue.push({ time: 3, seq: seq++ });
      }
    }
    expect(fired.map((t) => `${t.time}/${t.seq}`)).toEqual([
      '5/0',
      '3/5',
      '5/1',
      '5/2',
      '5/4',
      '9/3',
    ]);
  });

  it('lists what is still queued', () => {
    const queue = new TimerQueue<T>();
    for (const [time, seq] of [
      [2, 0],
      [2, 1],
      [4, 2],
    ] as const)
      queue.push({ time, seq });
    queue.pop();
    const listed: number[] = [];
    queue.forEach((timer) => listed.push(timer.seq));
    expect(listed.sort()).toEqual([1, 2]);
    expect(queue.peek()).toEqual({ time: 2, seq: 1 });
  });
});
