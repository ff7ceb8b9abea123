/**
 * Delivery guarantees, as the sinks show them after a failure: a plain sink gets duplicates
 * (at-least-once), a transactional sink commits each row once (exactly-once, two-phase commit),
 * an upsert table overwrites what is replayed (idempotent, so exactly-once in the end).
 */
import { describe, expect, it } from 'vitest';
import { Failure, PipelineDefinitionError } from '../../../src/engine/index';
import type { JobResult } from '../../../src/engine/index';
import { content, eventsOf, rowsOf, runningSum } from './jobs';

const failing = (count: number) =>
  runningSum(count, (env) => {
    env.enableCheckpointing(1_000);
    env.injectFailure(Failure.atProcessingTime(2_500));
  }).execute();
const failureFree = (count: number) =>
  runningSum(count, (env) => env.enableCheckpointing(1_000)).execute();

const tableOf = (result: JobResult) =>
  (result.tables.table ?? []).map((row) => [row.key, row.value]);

describe('a plain (at-least-once) sink', () => {
  it('gets the rows written after the last checkpoint again, marked as duplicates', () => {
    const result = failing(40);
    const rows = result.outputs.plain ?? [];
    expect(rows).toHaveLength(45);
    // Rows 21..25 were written before the failure at 2 500 ms, after checkpoint 2 at 2 000 ms.
    const duplicates = rows.flatMap((row, i) => (row.duplicate ? [i] : []));
    expect(duplicates).toEqual([26, 27, 28, 29, 30]);
    expect(duplicates.map((i) => content(rows[i] as never))).toEqual(
      rows.slice(21, 26).map(content),
    );
    expect(rows.filter((row) => !row.duplicate).map(content)).toEqual(
      rowsOf(failureFree(40), 'plain'),
    );
  });

  it('has no duplicates without a failure', () => {
    expect(failureFree(40).outputs.plain?.some((row) => row.duplicate)).toBe(false);
  });
});

describe('a transactional (exactly-once) sink', () => {
  it('commits a checkpoint’s transaction when the checkpoint completes', () => {
    const job = runningSum(40, (env) => env.enableCheckpointing(1_000)).executeStepwise();
    job.advanceTo(1_500);
    const rows = job.result().outputs.exactly ?? [];
    expect(rows.map((row) => [row.committed, row.transaction])).toEqual([
      ...Array.from({ length: 11 }, () => [true, 1]),
      ...Array.from({ length: 5 }, () => [false, 2]),
    ]);
    const transactions = job
      .result()
      .trace.filter((e) => e.type.startsWith('transaction-') || e.type === 'checkpoint-completed')
      .map((e) => [e.type, 'transaction' in e ? e.transaction : null, e.time]);
    expect(transactions).toEqual([
      ['transaction-opened', 1, 0],
      ['transaction-pre-committed', 1, 1_000],
      ['transaction-opened', 2, 1_000],
      ['checkpoint-completed', null, 1_000],
      ['transaction-committed', 1, 1_000],
    ]);
    // A snapshot holds the transactions pre-committed and not yet committed: none here.
    const sink = job.graph.operators.find((op) => op.name === 'Sink: exactly')?.id as string;
    expect(job.snapshot().operators.get(sink)?.state).toEqual({ pending: [] });
    // At the end of the input, the final checkpoint commits the last transaction.
    expect(job.runToEnd().outputs.exactly?.every((row) => row.committed)).toBe(true);
  });

  it('aborts the open transaction on a failure: each row is committed once', () => {
    const result = failing(40);
    expect(eventsOf(result, 'transaction-aborted')).toMatchObject([
      { time: 2_500, transaction: 3, rows: 5, checkpoint: null },
    ]);
    const rows = result.outputs.exactly ?? [];
    expect(rows.every((row) => row.committed && row.duplicate === undefined)).toBe(true);
    expect(rows.some((row) => row.transaction === 3)).toBe(false);
    expect(rows.map(content)).toEqual(rowsOf(failureFree(40), 'exactly'));
  });

  it('needs checkpointing', () => {
    expect(() => runningSum(3).execute()).toThrow(PipelineDefinitionError);
    expect(() => runningSum(3).execute()).toThrow(/needs checkpointing/);
  });
});

describe('an upsert table', () => {
  it('is overwritten by the replay: its final rows are the failure-free ones', () => {
    const result = failing(40);
    expect(tableOf(result)).toEqual(tableOf(failureFree(40)));
    const updates = (r: JobResult) => r.tables.table?.reduce((n, row) => n + row.updates, 0);
    expect(updates(result)).toBe((updates(failureFree(40)) as number) + 5);
  });
});
