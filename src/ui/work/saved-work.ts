import { del, get, set } from 'idb-keyval';
import type { FileSet } from '../../content/types';
import { workStore as store } from './work-store';

/**
 * The learner's edits, per lesson (or the sandbox), in IndexedDB: they survive a reload, a crash
 * and a closed tab. idb-keyval is small and well kept, and a key-value store is all this needs.
 */

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
