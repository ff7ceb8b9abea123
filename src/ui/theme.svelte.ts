/**
 * Light and dark themes. The learner's explicit choice wins; without one the OS decides, live.
 * `public/theme-init.js` applies the same rule before first paint.
 */
export type ThemeChoice = 'light' | 'dark' | 'system';

const STORAGE_KEY = 'streamlab:theme';
const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');

function readChoice(): ThemeChoice {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  } catch {
    return 'system';
  }
}

class Theme {
  choice: ThemeChoice = $state(readChoice());
  #osDark = $state(darkQuery.matches);

  /** The theme actually shown. */
  readonly current: 'light' | 'dark' = $derived(
    this.choice === 'system' ? (this.#osDark ? 'dark' : 'light') : this.choice,
  );

  constructor() {
    darkQuery.addEventListener('change', (event) => {
      this.#osDark = event.matches;
    });
    $effect.root(() => {
      $effect(() => {
        document.documentElement.dataset.theme = this.current;
      });
    });
  }

  /** Flips what is shown; flipping back to what the OS prefers returns to following the OS. */
  toggle() {
    const next = this.current === 'dark' ? 'light' : 'dark';
    this.choice = next === (this.#osDark ? 'dark' : 'light') ? 'system' : next;
    try {
      if (this.choice === 'system') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, this.choice);
    } catch {
      // Storage can be blocked (private mode, policies): the choice then lasts for this visit.
    }
  }
}

export const theme = new Theme();
