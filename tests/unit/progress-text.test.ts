import { describe, expect, it } from 'vitest';
import { statusLabel, tallyText, whenText } from '../../src/ui/progress/progress-text';

describe('progress in words', () => {
  it('names each status', () => {
    expect(statusLabel('done')).toBe('Done');
    expect(statusLabel('in-progress')).toBe('In progress');
    expect(statusLabel('not-started')).toBe('Not started');
  });

  it('counts lessons done, and says so when a chapter has none yet', () => {
    expect(tallyText(2, 5)).toBe('2 of 5 lessons done');
    expect(tallyText(0, 1)).toBe('0 of 1 lesson done');
    expect(tallyText(0, 0)).toBe('No lessons yet');
  });

  it('says when, relative to the learner’s own day', () => {
    const now = new Date(2025, 5, 3, 14, 5).getTime();
    expect(whenText(new Date(2025, 5, 3, 0, 10).getTime(), now, 'en-GB')).toBe('today at 00:10');
    expect(whenText(new Date(2025, 5, 2, 23, 59).getTime(), now, 'en-GB')).toBe(
      'yesterday at 23:59',
    );
    expect(whenText(new Date(2025, 4, 28, 9, 0).getTime(), now, 'en-GB')).toBe('on 28 May 2025');
    expect(whenText(new Date(2024, 11, 31, 9, 0).getTime(), now, 'en-US')).toBe(
      'on December 31, 2024',
    );
  });
});
