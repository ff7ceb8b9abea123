/**
 * Barrier alignment behind a delayed edge (`simulateNetworkDelay`): a checkpoint's barrier reaches
 * an operator with two inputs on the fast one first. Aligned (exactly-once), the fast input is
 * blocked until the barrier comes on the slow one, so the snapshot holds exactly the records
 * before the barriers; not aligned (at-least-once), the fast input's records after the barrier
 * are in the snapshot, and a restore from it counts them again. This is the difference Flink's
 * documentation describes for `CheckpointingMode`.
 */
import { describe, expect, it } from 'vitest';
import {
  CheckpointingMode,
  DeliveryGuarantee,
  Failure,
  JobExecutionError,
  RestartStrategies,
  StreamExecutionEnvironment,
} from '../../../src/engine/index';
import type { JobResult } from '../../../src/engine/index';
import { eventsOf, rowsOf } from './jobs';

interface Setup {
  readonly mode?: CheckpointingMode;
  readonly checkpoints?: number;
  readonly failAt?: number;
  readonly delay?: number;
}

/**
 * Two inputs, one record every 100 ms on each from 0 ms: `fast` (1 to 20) and `slow` (100 to
 * 2 000), whose records take `delay` ms to arrive. One running sum of both, into a transactional
 * sink, so that its committed rows are what the state said.
 */
function total({ mode, checkpoints = 500, failAt, delay = 250 }: Setup = {}) {
  const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
  if (checkpoints > 0) env.enableCheckpointing(checkpoints, mode);
  if (failAt !== undefined) {
    env.setRestartStrategy(RestartStrategies.fixedDelayRestart(1, 100));
    env.injectFailure(Failure.atProcessingTime(failAt));
  }
  const fast = env.fromCollection(Array.from({ length: 20 }, (_, i) => i + 1)).name('fast');
  const slow = env
    .fromCollection(Array.from({ length: 20 }, (_, i) => (i + 1) * 100))
    .name('slow')
    .simulateNetworkDelay(delay);
  fast
    .union(slow)
    .keyBy(() => 'all')
    .reduce((a, b) => a + b)
    .name('Total')
    .sinkTo(
      env.collect('total', {
        deliveryGuarantee:
          checkpoints > 0 ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE,
      }),
    );
  return env.execute();
}

const TRUE_TOTAL = 210 + 21_000;

function last(result: JobResult): unknown {
  return rowsOf(result, 'total').at(-1);
}

/** The trace events at the operator `name`, of the given types. */
function at(result: JobResult, name: string, ...types: string[]) {
  const id = result.graph.operators.find((op) => op.name === name)?.id;
  return result.trace.filter((e) => e.op === id && types.includes(e.type));
}

describe('barrier alignment behind a delayed input', () => {
  it('delays every record, watermark and barrier of the delayed edge by the same time', () => {
    const result = total({ checkpoints: 0 });
    const arrivals = at(result, 'Total', 'arrival') as { time: number; value: unknown }[];
    const slowTimes = arrivals.filter((e) => Number(e.value) >= 100).map((e) => e.time);
    expect(slowTimes).toEqual(Array.from({ length: 20 }, (_, i) => i * 100 + 250));
    expect(result.graph.edges.find((e) => e.delay !== undefined)?.delay).toBe(250);
    expect(last(result)).toMatchObject({ value: TRUE_TOTAL });
  });

  it('aligned, holds the fast input back until the slow barrier comes', () => {
    const result = total({ mode: CheckpointingMode.EXACTLY_ONCE });
    const events = at(result, 'Total', 'barrier', 'alignment-start', 'alignment-end', 'snapshot');
    const first = events.filter((e) => 'checkpoint' in e && e.checkpoint === 1);
    // The barrier of checkpoint 1 (at 500 ms) comes on the fast input at once, on the slow one
    // 250 ms later.
    expect(first.map((e) => [e.type, e.time])).toEqual([
      ['barrier', 500],
      ['alignment-start', 500],
      ['barrier', 750],
      ['alignment-end', 750],
      ['snapshot', 750],
    ]);
    // The fast input's records at 600 and 700 ms waited, and came in after the snapshot.
    const end = first.find((e) => e.type === 'alignment-end') as { records?: number };
    expect(end.records).toBe(2);
    const fastArrivals = (at(result, 'Total', 'arrival') as { time: number; value: unknown }[])
      .filter((e) => Number(e.value) < 100)
      .map((e) => [e.value, e.time]);
    // (The trace holds values summarized as text.)
    expect(fastArrivals.slice(5, 9)).toEqual([
      ['6', 500],
      ['7', 750],
      ['8', 750],
      ['9', 800],
    ]);
    // The snapshot is the cut at the barriers: 1..6 on the fast input, 100..600 on the slow.
    const snapshot = at(result, 'Total', 'snapshot')[0] as { seq: number };
    const before = result.trace.filter(
      (e) =>
        e.seq < snapshot.seq &&
        e.type === 'arrival' &&
        e.op === result.graph.operators.find((op) => op.name === 'Total')?.id,
    );
    expect(before.length).toBe(12);
  });

  it('not aligned, lets the fast input’s records after the barrier into the snapshot', () => {
    const result = total({ mode: CheckpointingMode.AT_LEAST_ONCE });
    const end = eventsOf(result, 'alignment-end').find((e) => e.checkpoint === 1);
    expect(end).toMatchObject({ blocking: false, records: 2, time: 750 });
    const id = result.graph.operators.find((op) => op.name === 'Total')?.id;
    const snapshot = eventsOf(result, 'snapshot').find((e) => e.op === id && e.checkpoint === 1);
    const before = result.trace.filter(
      (e) => e.op === id && e.type === 'arrival' && e.seq < (snapshot?.seq ?? 0),
    );
    expect(before.length).toBe(14);
  });

  it('gives the same results either way when nothing fails, and the same as without checkpoints', () => {
    const none = rowsOf(total({ checkpoints: 0 }), 'total').at(-1);
    for (const mode of [CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE]) {
      const result = total({ mode });
      expect(result.finished).toBe(true);
      expect(last(result)).toEqual(none);
      expect(result.outputs.total?.every((row) => row.committed)).toBe(true);
    }
  });

  it('after a restore, counts nothing twice aligned, and counts records twice not aligned', () => {
    // The failure at 1 600 ms restores checkpoint 2 (triggered at 1 000 ms, complete at 1 250).
    const aligned = total({ mode: CheckpointingMode.EXACTLY_ONCE, failAt: 1_600 });
    expect(eventsOf(aligned, 'restart')[0]).toMatchObject({ checkpoint: 2 });
    expect(last(aligned)).toMatchObject({ value: TRUE_TOTAL });

    const unaligned = total({ mode: CheckpointingMode.AT_LEAST_ONCE, failAt: 1_600 });
    expect(eventsOf(unaligned, 'restart')[0]).toMatchObject({ checkpoint: 2 });
    // Checkpoint 2's snapshot already held the fast input's 12 and 13 (at 1 100 and 1 200 ms,
    // after its barrier); the rewound fast source reads them again.
    expect(last(unaligned)).toMatchObject({ value: TRUE_TOTAL + 12 + 13 });
  });

  it('completes a checkpoint when its last barrier comes; one due meanwhile waits for it', () => {
    // The slow barriers take 1 500 ms: checkpoint 1 (1 000 ms) completes at 2 500 ms, and the one
    // due at 2 000 ms is triggered then.
    const result = total({ checkpoints: 1_000, delay: 1_500 });
    const triggered = eventsOf(result, 'checkpoint-triggered').map((e) => [e.checkpoint, e.time]);
    const completed = eventsOf(result, 'checkpoint-completed').map((e) => [e.checkpoint, e.time]);
    expect(triggered.slice(0, 2)).toEqual([
      [1, 1_000],
      [2, 2_500],
    ]);
    expect(completed[0]).toEqual([1, 2_500]);
    // The final checkpoint comes once the input ended and what was in flight arrived.
    expect(result.finished).toBe(true);
    expect(last(result)).toMatchObject({ value: TRUE_TOTAL });
    expect(eventsOf(result, 'checkpoint-aborted')).toEqual([]);
  });

  it('refuses a snapshot between events while records are in flight, naming why', () => {
    const env = StreamExecutionEnvironment.create();
    env.fromElements(1, 2, 3).simulateNetworkDelay(500).sinkTo(env.collect('out'));
    const job = env.executeStepwise();
    job.advanceTo(150);
    expect(() => job.snapshot()).toThrow(JobExecutionError);
    expect(() => job.snapshot()).toThrow(/in flight/);
  });

  it('rejects a delay that is not a whole number of ms', () => {
    const env = StreamExecutionEnvironment.create();
    const stream = env.fromElements(1);
    expect(() => stream.simulateNetworkDelay(-1)).toThrow(/whole number of ms/);
    expect(() => stream.simulateNetworkDelay(1.5)).toThrow(/whole number of ms/);
  });
});
