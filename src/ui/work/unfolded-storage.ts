import type { PaneGroupStorage } from 'paneforge';

/**
 * Where a pane group remembers its sizes: localStorage, as paneforge's own storage, except that a
 * layout with a folded pane is not written. The editor folded away to give a run's chart its
 * height is for this visit; the page opens again with the split the learner chose.
 */
export const unfoldedStorage: PaneGroupStorage = {
  getItem(name) {
    try {
      return localStorage.getItem(name);
    } catch {
      return null;
    }
  },
  setItem(name, value) {
    try {
      if (hasFoldedPane(value)) return;
      localStorage.setItem(name, value);
    } catch {
      // Storage can be blocked (private mode, policies): sizes then last for this visit.
    }
  },
};

/** paneforge saves `{ [panes]: { layout: number[] } }`; a folded pane has size 0. */
function hasFoldedPane(saved: string): boolean {
  const state = JSON.parse(saved) as Record<string, { layout?: number[] } | undefined>;
  return Object.values(state).some((entry) => entry?.layout?.some((size) => size === 0) ?? false);
}
