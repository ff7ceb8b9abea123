/**
 * The learner's edits, per lesson (or the sandbox), in IndexedDB: they survive a reload, a crash
 * and a closed tab. idb-keyval is small and well kept, and a key-value store is all this needs.
 */
import { del, get, set } from 'idb-keyval';
import type { FileSet } from '../../content/types';
import { workStore as store } from './work-store';

export interface SavedWork {
  readonly files: FileSet;
  /** When the learner last changed them (ms since the epoch), to say "saved 2 minutes ago". */
  readonly savedAt: number;
}

export async function loadWork(scope: string): Promise<SavedWork | undefined> {
  try {
    return await get<SavedWork>(scope, store);
  } catch {
    // Storage can be unavailable (private windows, policies): the learner still gets the starter.
    return undefined;
  }
}

export async function saveWork(scope: string, files: FileSet): Promise<void> {
  await set(scope, { files, savedAt: Date.now() } satisfies SavedWork, store);
}

export async function forgetWork(scope: string): Promise<void> {
  await del(scope, store);
}

/** The learner's files that a swap (to the starter or the solution) took the place of. */
export interface ReplacedWork {
  readonly files: FileSet;
  readonly by: 'starter' | 'solution';
}

const replacedKey = (scope: string) => `${scope}#replaced`;

/**
 * Kept until the learner edits the swapped-in code or swaps back, so "Back to my code" (and the
 * comparison with the solution) still work after a reload or a crash.
 */
export async function saveReplaced(scope: string, replaced: ReplacedWork): Promise<void> {
  await set(replacedKey(scope), replaced, store);
}

export async function loadReplaced(scope: string): Promise<ReplacedWork | undefined> {
  try {
    const saved = await get<Partial<ReplacedWork>>(replacedKey(scope), store);
    // Saved by an earlier version, before swaps said what they swapped in: not trusted.
    if (!saved?.files || (saved.by !== 'starter' && saved.by !== 'solution')) return undefined;
    return { files: saved.files, by: saved.by };
  } catch {
    return undefined;
  }
}

export async function forgetReplaced(scope: string): Promise<void> {
  await del(replacedKey(scope), store);
}
