/**
 * Checkpoints: triggered on the processing-time interval, barriers through the graph (aligned at
 * operators with several inputs), a snapshot per operator, completion, and the final checkpoint
 * at the end of the input (Flink's since 1.15).
 */
import { describe, expect, it } from 'vitest';
import { CheckpointingMode, StreamExecutionEnvironment } from '../../../src/engine/index';
import { eventsOf, runningSum } from './jobs';

describe('checkpoints', () => {
  it('are triggered every interval of processing time, and once more when the input ends', () => {
    // 40 records arrive from 0 to 3 900 ms.
    const result = runningSum(40, (env) => env.enableCheckpointing(1_000)).execute();
    const triggered = eventsOf(result, 'checkpoint-triggered');
    expect(triggered.map((e) => [e.checkpoint, e.time])).toEqual([
      [1, 1_000],
      [2, 2_000],
      [3, 3_000],
      [4, 3_900],
    ]);
    expect(triggered.every((e) => e.mode === 'exactly-once')).toBe(true);
  });

  it('complete once every operator snapshotted, with the snapshots’ sizes summed', () => {
    const result = runningSum(25, (env) => env.enableCheckpointing(1_000)).execute();
    const operators = result.graph.operators.map((op) => op.id);
    for (const completed of eventsOf(result, 'checkpoint-completed')) {
      const snapshots = eventsOf(result, 'snapshot').filter(
        (e) => e.checkpoint === completed.checkpoint,
      );
      // Sources first, then downstream in the order the barrier reached them.
      expect(snapshots.map((e) => e.op)).toEqual(operators);
      expect(snapshots.every((e) => e.seq < completed.seq)).toBe(true);
      expect(completed.bytes).toBe(snapshots.reduce((total, e) => total + e.bytes, 0));
      expect(completed.bytes).toBeGreaterThan(0);
    }
    expect(eventsOf(result, 'checkpoint-aborted')).toEqual([]);
  });

  it('send the barrier with the records: between the records before and after the checkpoint', () => {
    const result = runningSum(25, (env) => env.enableCheckpointing(1_000)).execute();
    const sum = result.graph.operators.find((op) => op.name === 'Sum')?.id as string;
    const atSum = result.trace.filter(
      (e) => e.op === sum && (e.type === 'arrival' || e.type === 'barrier'),
    );
    // Records 0..10 arrive by 1 000 ms (the one at 1 000 before the checkpoint): 11 arrivals.
    const first = atSum.findIndex((e) => e.type === 'barrier');
    expect(first).toBe(11);
  });

  it('align the barriers of an operator with several inputs, channel by channel', () => {
    for (const mode of [CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE]) {
      const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
      env.enableCheckpointing(500, mode);
      const a = env.fromElements(1, 2, 3, 4, 5, 6, 7, 8);
      const b = env.fromElements(10, 20, 30, 40, 50, 60, 70, 80);
      a.union(b)
        .keyBy((n) => n % 2)
        .reduce((x, y) => x + y)
        .sinkTo(env.collect('sums'));
      const result = env.execute();
      const reduce = result.graph.operators.find((op) => op.kind === 'rolling-reduce')?.id;
      const atReduce = result.trace.filter((e) => e.op === reduce && e.type !== 'arrival');
      const first = atReduce.filter((e) => 'checkpoint' in e && e.checkpoint === 1);
      expect(first.map((e) => [e.type, 'input' in e ? e.input : null])).toEqual([
        ['barrier', 0],
        ['alignment-start', 0],
        ['barrier', 1],
        ['alignment-end', 1],
        ['snapshot', null],
      ]);
      const blocking = eventsOf(result, 'alignment-start').map((e) => e.blocking);
      expect(new Set(blocking)).toEqual(new Set([mode === CheckpointingMode.EXACTLY_ONCE]));
    }
  });

  it('are off unless enabled, and then cost the trace nothing', () => {
    const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
    env
      .fromElements(1, 2, 3)
      .map((n) => n * 2)
      .sinkTo(env.collect('out'));
    const plain = env.execute();
    const kinds = new Set(plain.trace.map((e) => e.type));
    for (const kind of ['checkpoint-triggered', 'barrier', 'snapshot', 'transaction-opened']) {
      expect(kinds.has(kind as never)).toBe(false);
    }
  });

  it('are configured as Flink’s CheckpointConfig', () => {
    const env = StreamExecutionEnvironment.create();
    const config = env.getCheckpointConfig();
    expect(config.isCheckpointingEnabled()).toBe(false);
    expect(config.getCheckpointInterval()).toBe(-1);
    env.enableCheckpointing(2_000);
    expect(config.isCheckpointingEnabled()).toBe(true);
    expect(config.getCheckpointInterval()).toBe(2_000);
    expect(config.getCheckpointingMode()).toBe(CheckpointingMode.EXACTLY_ONCE);
    config.setCheckpointingMode(CheckpointingMode.AT_LEAST_ONCE);
    expect(config.getCheckpointingMode()).toBe('AT_LEAST_ONCE');
    expect(() => env.enableCheckpointing(0)).toThrow(/at least 1/);
    expect(() => config.setCheckpointingMode('SOMETIMES' as never)).toThrow(/EXACTLY_ONCE/);
  });
});
