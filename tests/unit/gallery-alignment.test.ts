/**
 * The gallery's barrier-alignment example says what it shows: aligned, the total is 160 after the
 * crash; switched to AT_LEAST_ONCE as it suggests, the restored count has records counted twice,
 * even in the transactional sink.
 */
import { describe, expect, it } from 'vitest';
import { CheckpointingMode, StreamExecutionEnvironment } from 'streamlab';
import pipeline from '../../lessons/sandbox/gallery/15-barrier-alignment/pipeline';

function finalTotal(mode?: CheckpointingMode) {
  const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
  pipeline(env);
  if (mode !== undefined) env.getCheckpointConfig().setCheckpointingMode(mode);
  const result = env.execute();
  const rows = result.outputs.total ?? [];
  return {
    steps: (rows.at(-1)?.value as { steps: number }).steps,
    committed: rows.every((row) => row.committed),
    restoredFrom: result.trace.find((e) => e.type === 'restart'),
  };
}

describe('the barrier alignment example', () => {
  it('counts 160 steps with aligned checkpoints, across the crash', () => {
    const run = finalTotal();
    expect(run.steps).toBe(160);
    expect(run.committed).toBe(true);
    expect(run.restoredFrom).toMatchObject({ checkpoint: 5 });
  });

  it('counts more than 160 with unaligned ones: the snapshot counted records it reads again', () => {
    const run = finalTotal(CheckpointingMode.AT_LEAST_ONCE);
    expect(run.restoredFrom).toMatchObject({ checkpoint: 5 });
    // The phone's records at 5.1, 5.2 and 5.3 s came after its barrier and before the watch's,
    // which arrives at 5.3 s, after what arrives at the sources then.
    expect(run.steps).toBe(163);
    expect(run.committed).toBe(true);
  });
});
