import { describe, expect, it } from 'vitest';
import type { LessonSummary } from '../../src/content/types';
import { CourseProgress } from '../../src/ui/progress/course-progress.svelte';
import { ProgressStorage, type KeyValueStore } from '../../src/ui/progress/progress-storage';

/** A store in memory; `fail` makes every call reject, as a blocked IndexedDB does. */
function memoryStore(fail = false): KeyValueStore & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  const refuse = () => Promise.reject(new Error('storage is unavailable'));
  return {
    values,
    getMany: (keys) => (fail ? refuse() : Promise.resolve(keys.map((k) => values.get(k)))),
    update: (key, updater) => {
      if (fail) return refuse();
      values.set(key, updater(values.get(key)));
      return Promise.resolve();
    },
  };
}

const lesson = (slug: string): LessonSummary => ({
  slug,
  chapter: 'c',
  title: slug,
  step: 1,
  minutes: 10,
  goals: [],
});

describe('CourseProgress', () => {
  it('keeps work done while storage loads, and adds what was stored', async () => {
    const store = memoryStore();
    store.values.set('lesson/a#progress', { startedAt: 1, passed: { at: 2, message: 'ok' } });
    let clock = 100;
    const course = new CourseProgress(new ProgressStorage(store), () => clock++);
    await course.started('b');
    expect(course.status('a')).toBe('not-started');
    await course.load(['a', 'b']);
    expect(course.loaded).toBe(true);
    expect(course.status('a')).toBe('done');
    expect(course.status('b')).toBe('in-progress');
    expect(course.done([lesson('a'), lesson('b')])).toBe(1);
    expect(store.values.get('lesson/b#progress')).toEqual({ startedAt: 100 });
  });

  it('works for the visit when storage is unavailable, and says so', async () => {
    const course = new CourseProgress(new ProgressStorage(memoryStore(true)));
    await course.load(['a']);
    await course.passed('a', 'Five alerts.');
    expect(course.status('a')).toBe('done');
    expect(course.of('a').passed?.message).toBe('Five alerts.');
    expect(course.unsaved).toBe(true);
  });
});

describe('CourseProgress in an effect', () => {
  it('records a pass reported from an effect once: its own change does not rerun the effect', async () => {
    const store = memoryStore();
    let writes = 0;
    const update = store.update;
    store.update = (key, updater) => {
      writes++;
      return update(key, updater);
    };
    let clock = 0;
    // A clock that moves on every reading, as Date.now does between two runs of an effect.
    const course = new CourseProgress(new ProgressStorage(store), () => ++clock);
    const stop = $effect.root(() => {
      $effect(() => {
        void course.passed('a', 'All good.');
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop();
    expect(course.status('a')).toBe('done');
    expect(writes).toBe(1);
  });
});
