import { describe, expect, it } from 'vitest';
import type { ChapterSummary, LessonSummary } from '../../src/content/types';
import { chapterNeighbours, firstNotDone, neighbours, nextInCourse } from '../../src/ui/journey';

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

describe('chapterNeighbours', () => {
  it('gives the chapters either side, empty ones included', () => {
    expect(chapterNeighbours(chapters, 'b')).toEqual({
      previous: chapters[0],
      next: chapters[2],
    });
    expect(chapterNeighbours(chapters, 'a').previous).toBeUndefined();
    expect(chapterNeighbours(chapters, 'c').next).toBeUndefined();
    expect(chapterNeighbours(chapters, 'zz')).toEqual({});
  });
});

describe('nextInCourse', () => {
  it('goes to the next lesson of the same chapter', () => {
    expect(nextInCourse(chapters, 'a1')).toEqual({ title: 'a2', href: '#/learn/a2' });
  });

  it('goes from a chapter’s last lesson to the next chapter’s overview, even one with no lessons', () => {
    expect(nextInCourse(chapters, 'a2')).toEqual({ title: 'Step 2: B', href: '#/chapter/b' });
  });

  it('has nowhere to go after the last lesson of the last chapter, or from an unknown lesson', () => {
    expect(nextInCourse(chapters, 'c1')).toBeUndefined();
    expect(nextInCourse(chapters, 'zz')).toBeUndefined();
  });
});

describe('firstNotDone', () => {
  it('finds the first lesson in course order that is not done', () => {
    expect(firstNotDone(chapters, (slug) => slug === 'a1')?.slug).toBe('a2');
    expect(firstNotDone(chapters, (slug) => slug.startsWith('a'))?.slug).toBe('c1');
    expect(firstNotDone(chapters, () => true)).toBeUndefined();
  });
});
