import { getMany, update } from 'idb-keyval';
import { workStore } from '../work/work-store';
import { fromStored, record, type LessonProgress, type ProgressEvent } from './lesson-progress';

/** The two operations progress needs from a key-value store (idb-keyval's, or a test's). */
export interface KeyValueStore {
  getMany(keys: string[]): Promise<unknown[]>;
  /** Reads a value and writes what `updater` makes of it, with no other write in between. */
  update(key: string, updater: (old: unknown) => unknown): Promise<void>;
}

/** Kept beside the lesson's saved files (`lesson/<slug>`), so all of a lesson's work is together. */
export const progressKey = (slug: string) => `lesson/${slug}#progress`;

/** Lesson progress in a key-value store, one record per lesson. */
export class ProgressStorage {
  constructor(private readonly store: KeyValueStore) {}

  /** The stored progress of these lessons; lessons with none are left out. */
  async load(slugs: readonly string[]): Promise<Map<string, LessonProgress>> {
    const values = await this.store.getMany(slugs.map(progressKey));
    const found = new Map<string, LessonProgress>();
    slugs.forEach((slug, i) => {
      if (values[i] !== undefined) found.set(slug, fromStored(values[i]));
    });
    return found;
  }

  /**
   * Applies `event` to the stored record in one read-and-write, so another tab's write in the
   * meantime is built on rather than overwritten. Resolves to the record as stored.
   */
  async record(slug: string, event: ProgressEvent): Promise<LessonProgress> {
    let stored: LessonProgress | undefined;
    await this.store.update(progressKey(slug), (old) => {
      stored = record(fromStored(old), event);
      return stored;
    });
    return stored ?? fromStored(undefined);
  }
}

/** The app's progress storage: IndexedDB, through idb-keyval, in the learner's work store. */
export const savedProgressStore: KeyValueStore = {
  getMany: (keys) => getMany(keys, workStore),
  update: (key, updater) => update(key, updater, workStore),
};
