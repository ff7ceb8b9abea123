import type { ChapterSummary, LessonSummary } from '../content/types';

/** The lessons before and after one, across chapter boundaries, for "previous / next" links. */
export function neighbours(
  chapters: readonly ChapterSummary[],
  slug: string,
): { previous?: LessonSummary; next?: LessonSummary } {
  const all = chapters.flatMap((chapter) => chapter.lessons);
  const index = all.findIndex((lesson) => lesson.slug === slug);
  if (index < 0) return {};
  return { previous: all[index - 1], next: all[index + 1] };
}
