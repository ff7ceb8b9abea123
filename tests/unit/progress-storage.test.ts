import { describe, expect, it } from 'vitest';
import {
  ProgressStorage,
  progressKey,
  type KeyValueStore,
} from '../../src/ui/progress/progress-storage';

/** A key-value store in memory, with idb-keyval's semantics for the two calls used. */
class FakeStore implements KeyValueStore {
  readonly values = new Map<string, unknown>();
  /** Runs inside the next update, between its read and its write (another tab's write). */
  interleave: (() => void) | undefined;

  getMany(keys: string[]): Promise<unknown[]> {
    return Promise.resolve(keys.map((key) => structuredClone(this.values.get(key))));
  }

  update(key: string, updater: (old: unknown) => unknown): Promise<void> {
    this.interleave?.();
    this.interleave = undefined;
    this.values.set(key, structuredClone(updater(structuredClone(this.values.get(key)))));
    return Promise.resolve();
  }
}

describe('progress storage', () => {
  it('keeps each lesson’s progress beside its saved files', () => {
    expect(progressKey('what-is-a-stream')).toBe('lesson/what-is-a-stream#progress');
  });

  it('loads only the lessons that have progress, read defensively', async () => {
    const store = new FakeStore();
    store.values.set(progressKey('a'), { startedAt: 5 });
    store.values.set(progressKey('b'), { passed: { at: 9, message: 'ok' }, junk: true });
    store.values.set(progressKey('c'), 'garbage');
    const loaded = await new ProgressStorage(store).load(['a', 'b', 'c', 'd']);
    expect([...loaded]).toEqual([
      ['a', { startedAt: 5 }],
      ['b', { passed: { at: 9, message: 'ok' } }],
      ['c', {}],
    ]);
  });

  it('applies an event to what is stored and returns the stored record', async () => {
    const store = new FakeStore();
    const storage = new ProgressStorage(store);
    expect(await storage.record('a', { kind: 'started', at: 3 })).toEqual({ startedAt: 3 });
    expect(await storage.record('a', { kind: 'passed', at: 8, message: 'yes' })).toEqual({
      startedAt: 3,
      passed: { at: 8, message: 'yes' },
    });
    expect(store.values.get(progressKey('a'))).toEqual({
      startedAt: 3,
      passed: { at: 8, message: 'yes' },
    });
    expect(await storage.load(['a'])).toEqual(
      new Map([['a', { startedAt: 3, passed: { at: 8, message: 'yes' } }]]),
    );
  });

  it('builds on a write another tab made, rather than overwriting it', async () => {
    const store = new FakeStore();
    const storage = new ProgressStorage(store);
    await storage.record('a', { kind: 'started', at: 1 });
    // Another tab passes the check just before this tab's write of a later start.
    store.interleave = () =>
      store.values.set(progressKey('a'), { startedAt: 1, passed: { at: 4, message: 'other tab' } });
    const stored = await storage.record('a', { kind: 'read', at: 6 });
    expect(stored).toEqual({ startedAt: 1, passed: { at: 4, message: 'other tab' }, readAt: 6 });
  });
});
