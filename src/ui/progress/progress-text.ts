import type { LessonStatus } from './lesson-progress';

/** Progress in words, the same on every page. */
export function statusLabel(status: LessonStatus): string {
  return { done: 'Done', 'in-progress': 'In progress', 'not-started': 'Not started' }[status];
}

/** "2 of 5 lessons done", or, for a chapter with nothing to do yet, that plainly. */
export function tallyText(done: number, total: number): string {
  if (total === 0) return 'No lessons yet';
  return `${done} of ${total} ${total === 1 ? 'lesson' : 'lessons'} done`;
}

/**
 * When something happened, as the end of a sentence: "today at 14:05", "yesterday at 09:30",
 * "on 3 June 2025". `locale` is the browser's unless a test fixes it.
 */
export function whenText(at: number, now: number, locale?: string): string {
  const then = new Date(at);
  const days = dayNumber(new Date(now)) - dayNumber(then);
  const time = then.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  if (days === 0) return `today at ${time}`;
  if (days === 1) return `yesterday at ${time}`;
  return `on ${then.toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric' })}`;
}

/** Days since the epoch in local time, so "today" is the learner's today. */
function dayNumber(date: Date): number {
  return Math.round(
    Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / (24 * 60 * 60 * 1000),
  );
}
