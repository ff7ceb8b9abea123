/**
 * The charts' text size: normal for a screen at arm's length, large for a projector or a room.
 * Remembered like the theme. The size reaches the charts as the CSS variable `--chart-font` on the
 * root element, so every chart's stylesheet follows it; views that lay text out themselves (the
 * lanes' name column) read the same number from `chartFont`.
 */
export type TextSize = 'normal' | 'large';

const STORAGE_KEY = 'streamlab:text-size';
/** Chart text in CSS pixels: axis labels, captions, legend, tooltips. */
const CHART_FONT: Record<TextSize, number> = { normal: 11, large: 16 };

function readChoice(): TextSize {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'large' ? 'large' : 'normal';
  } catch {
    return 'normal';
  }
}

class TextSizeSetting {
  current: TextSize = $state(readChoice());
  /** While a run is presented, its charts are in large type whatever the choice. */
  presenting = $state(false);
  readonly chartFont: number = $derived(CHART_FONT[this.presenting ? 'large' : this.current]);

  constructor() {
    $effect.root(() => {
      $effect(() => {
        const root = document.documentElement;
        root.style.setProperty('--chart-font', `${this.chartFont}px`);
        root.dataset.textSize = this.current;
      });
    });
  }

  toggle() {
    this.current = this.current === 'large' ? 'normal' : 'large';
    try {
      if (this.current === 'normal') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, this.current);
    } catch {
      // Storage can be blocked (private mode, policies): the choice then lasts for this visit.
    }
  }
}

export const textSize = new TextSizeSetting();
