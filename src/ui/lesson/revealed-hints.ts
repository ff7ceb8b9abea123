import { createStore, get, set, type UseStore } from 'idb-keyval';

/**
 * How many hints a learner has revealed in each hints block (keyed `lesson/<slug>#hints-<n>`):
 * in memory for the visit, and in IndexedDB so a reload or a later visit shows them again. A
 * database of its own: idb-keyval creates a store only when it creates its database.
 */
const revealed = new Map<string, number>();
let store: UseStore | undefined;

function hintStore(): UseStore {
  store ??= createStore('streamlab-hints', 'revealed');
  return store;
}

/** What this visit has revealed so far, known without waiting for storage. */
export function revealedSoFar(key: string): number {
  return revealed.get(key) ?? 0;
}

/** What was revealed before, in this visit or an earlier one. */
export async function loadRevealed(key: string): Promise<number> {
  try {
    const saved = await get<unknown>(key, hintStore());
    if (typeof saved === 'number' && saved > revealedSoFar(key)) revealed.set(key, saved);
  } catch {
    // Storage can be unavailable (private windows, policies): the visit still remembers.
  }
  return revealedSoFar(key);
}

export function rememberRevealed(key: string, count: number): void {
  revealed.set(key, count);
  try {
    void set(key, count, hintStore()).catch(() => {});
  } catch {
    // As above: without storage, hints are remembered for the visit only.
  }
}
