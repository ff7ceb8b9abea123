import { describe, expect, it } from 'vitest';
import { marksLegend, rowMark } from '../../src/ui/run/row-marks';

const row = { value: 1, processingTime: 2_600 };

describe('row marks', () => {
  it('say nothing of a row without delivery flags, nor above a table of such rows', () => {
    expect(rowMark(row)).toBeUndefined();
    expect(marksLegend([row, { ...row, value: 2 }])).toBeUndefined();
  });

  it('name the checkpoint a duplicate was written again after', () => {
    const restarts = [
      { time: 1_000, checkpoint: null },
      { time: 2_500, checkpoint: 2 },
      { time: 4_000, checkpoint: 3 },
    ];
    expect(rowMark({ ...row, duplicate: true }, restarts)).toEqual({
      kind: 'duplicate',
      label: 'duplicate',
      title: 'Written again after the restart from checkpoint 2: at-least-once.',
    });
    expect(rowMark({ ...row, processingTime: 1_200, duplicate: true }, restarts)?.title).toBe(
      'Written again after the restart from the beginning (no checkpoint had completed): at-least-once.',
    );
    expect(marksLegend([row, { ...row, duplicate: true }])).toMatch(/^duplicate: .*at-least-once/);
  });

  it('tell committed rows from rows still in an open transaction', () => {
    expect(rowMark({ ...row, committed: true, transaction: 3 })).toMatchObject({
      kind: 'committed',
      title: 'Committed with transaction 3: readers see this row.',
    });
    expect(rowMark({ ...row, committed: false, transaction: 4 })).toMatchObject({
      kind: 'uncommitted',
      label: 'not yet committed',
    });
    expect(marksLegend([{ ...row, committed: true, transaction: 1 }])).toMatch(/exactly-once/);
  });
});
