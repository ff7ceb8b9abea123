import { untrack } from 'svelte';
import type { LessonSummary } from '../../content/types';
import {
  merge,
  NOT_STARTED,
  record,
  statusOf,
  type LessonProgress,
  type LessonStatus,
  type ProgressEvent,
} from './lesson-progress';
import { ProgressStorage, savedProgressStore } from './progress-storage';

/**
 * The learner's progress through the course, for the pages to show: read from storage once,
 * changed as the learner works, and written back as it changes. What is on screen never waits
 * for storage, and works for the visit even when storage is unavailable.
 */
export class CourseProgress {
  // Replaced whole on each change: a handful of lessons, and every view reads it.
  #lessons: Readonly<Record<string, LessonProgress>> = $state.raw({});
  /** True once the stored progress has been read (or could not be). */
  loaded = $state(false);
  /** True when storage failed: progress then lasts for this visit only. */
  unsaved = $state(false);

  constructor(
    private readonly storage: ProgressStorage,
    private readonly now: () => number = Date.now,
  ) {}

  async load(slugs: readonly string[]): Promise<void> {
    try {
      const stored = await this.storage.load(slugs);
      // Work done while storage was being read is kept, merged with what was stored.
      for (const [slug, progress] of stored) this.#set(slug, merge(this.of(slug), progress));
    } catch {
      this.unsaved = true;
    } finally {
      this.loaded = true;
    }
  }

  of(slug: string): LessonProgress {
    return this.#lessons[slug] ?? NOT_STARTED;
  }

  status(slug: string): LessonStatus {
    return statusOf(this.of(slug));
  }

  /** How many of `lessons` are done. */
  done(lessons: readonly LessonSummary[]): number {
    return lessons.filter((lesson) => this.status(lesson.slug) === 'done').length;
  }

  /** The learner edited or ran the lesson's code, or opened a lesson that has no check. */
  started(slug: string): Promise<void> {
    return this.#record(slug, { kind: 'started', at: this.now() });
  }

  /** The lesson's check passed, saying `message`. */
  passed(slug: string, message: string): Promise<void> {
    return this.#record(slug, { kind: 'passed', at: this.now(), message });
  }

  /** The learner marked a lesson with no check as read. */
  read(slug: string): Promise<void> {
    return this.#record(slug, { kind: 'read', at: this.now() });
  }

  async #record(slug: string, event: ProgressEvent): Promise<void> {
    // Untracked: a page reports work from its effects, and the change this makes must not rerun
    // the effect that reported it (a pass would be recorded again, at a new time, for ever).
    const before = untrack(() => this.of(slug));
    const after = record(before, event);
    if (after === before) return;
    this.#set(slug, after);
    try {
      const stored = await this.storage.record(slug, event);
      // The stored record may hold more (another tab's work): the screen shows both.
      this.#set(slug, merge(this.of(slug), stored));
    } catch {
      this.unsaved = true;
    }
  }

  #set(slug: string, progress: LessonProgress): void {
    // Untracked for the same reason as in #record: writing must not subscribe the writer.
    this.#lessons = { ...untrack(() => this.#lessons), [slug]: progress };
  }
}

/** The app's progress, saved in IndexedDB beside the learner's work. */
export const progress = new CourseProgress(new ProgressStorage(savedProgressStore));
