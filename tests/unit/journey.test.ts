import { describe, expect, it } from 'vitest';
import type { ChapterSummary, LessonSummary } from '../../src/content/types';
import { neighbours } from '../../src/ui/journey';

const lesson = (slug: string, chapter: string): LessonSummary => ({
  slug,
  chapter,
  title: slug,
  step: 1,
  minutes: 5,
  goals: [],
});

const chapters: ChapterSummary[] = [
  { slug: 'a', title: 'A', step: 1, summary: '', lessons: [lesson('a1', 'a'), lesson('a2', 'a')] },
  { slug: 'b', title: 'B', step: 2, summary: '', lessons: [] },
  { slug: 'c', title: 'C', step: 3, summary: '', lessons: [lesson('c1', 'c')] },
];

describe('neighbours', () => {
  it('crosses chapter boundaries, skipping empty chapters', () => {
    expect(neighbours(chapters, 'a2')).toEqual({
      previous: chapters[0]?.lessons[0],
      next: chapters[2]?.lessons[0],
    });
  });

  it('has no previous at the start and no next at the end', () => {
    expect(neighbours(chapters, 'a1').previous).toBeUndefined();
    expect(neighbours(chapters, 'c1').next).toBeUndefined();
  });

  it('knows nothing of an unknown lesson', () => {
    expect(neighbours(chapters, 'zz')).toEqual({});
  });
});
