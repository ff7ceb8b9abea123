import type { ChapterSummary, LessonSummary } from '../content/types';
import { href } from './route';

/** The chapters before and after one, for the chapter page's "previous / next" links. */
export function chapterNeighbours(
  chapters: readonly ChapterSummary[],
  slug: string,
): { previous?: ChapterSummary; next?: ChapterSummary } {
  const index = chapters.findIndex((chapter) => chapter.slug === slug);
  if (index < 0) return {};
  return { previous: chapters[index - 1], next: chapters[index + 1] };
}

/** A page to go to, as a link shows it. */
export interface Destination {
  readonly title: string;
  readonly href: string;
}

/**
 * Where the course goes after a lesson: the chapter's next lesson, or else the next chapter's
 * overview, which introduces what its lessons build on (and is all there is of a chapter with
 * no lessons yet). Nothing after the last chapter.
 */
export function nextInCourse(
  chapters: readonly ChapterSummary[],
  slug: string,
): Destination | undefined {
  const at = chapters.findIndex((chapter) => chapter.lessons.some((l) => l.slug === slug));
  const chapter = chapters[at];
  if (!chapter) return undefined;
  const lessons = chapter.lessons;
  const next = lessons[lessons.findIndex((l) => l.slug === slug) + 1];
  if (next) return { title: next.title, href: href({ page: 'lesson', slug: next.slug }) };
  const following = chapters[at + 1];
  if (!following) return undefined;
  return {
    title: `Step ${following.step}: ${following.title}`,
    href: href({ page: 'chapter', slug: following.slug }),
  };
}

/**
 * Where the course goes back to from a lesson: the chapter's previous lesson, or else, from its
 * first lesson, the chapter's own overview, the way the learner came in. Undefined for an
 * unknown lesson.
 */
export function previousInCourse(
  chapters: readonly ChapterSummary[],
  slug: string,
): Destination | undefined {
  const chapter = chapters.find((c) => c.lessons.some((l) => l.slug === slug));
  if (!chapter) return undefined;
  const previous = chapter.lessons[chapter.lessons.findIndex((l) => l.slug === slug) - 1];
  if (previous)
    return { title: previous.title, href: href({ page: 'lesson', slug: previous.slug }) };
  return {
    title: `Step ${chapter.step}: ${chapter.title}`,
    href: href({ page: 'chapter', slug: chapter.slug }),
  };
}

/** The first lesson, in course order, that `isDone` does not count as done. */
export function firstNotDone(
  chapters: readonly ChapterSummary[],
  isDone: (slug: string) => boolean,
): LessonSummary | undefined {
  return chapters.flatMap((chapter) => chapter.lessons).find((lesson) => !isDone(lesson.slug));
}
