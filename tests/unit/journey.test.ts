import { describe, expect, it } from 'vitest';
import type { ChapterSummary, LessonSummary } from '../../src/content/types';
import {
  chapterNeighbours,
  firstNotDone,
  nextInCourse,
  previousInCourse,
} from '../../src/ui/journey';

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

describe('previousInCourse', () => {
  it('goes back to the previous lesson of the same chapter', () => {
    expect(previousInCourse(chapters, 'a2')).toEqual({ title: 'a1', href: '#/learn/a1' });
  });

  it('goes from a chapter’s first lesson to its own overview', () => {
    expect(previousInCourse(chapters, 'a1')).toEqual({ title: 'Step 1: A', href: '#/chapter/a' });
    expect(previousInCourse(chapters, 'c1')).toEqual({ title: 'Step 3: C', href: '#/chapter/c' });
  });

  it('knows nothing of an unknown lesson', () => {
    expect(previousInCourse(chapters, 'zz')).toBeUndefined();
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
