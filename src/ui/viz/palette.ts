/**
 * Colours and shapes of the marks. Colours come from the Okabe–Ito palette, which stays distinct
 * under the common colour-vision deficiencies; each fate also has its own shape, so late and
 * dropped records differ without colour (and in print).
 */
import type { PaneTiming } from 'streamlab';
import {
  symbol,
  symbolCircle,
  symbolCross,
  symbolDiamond,
  symbolTriangle,
  symbolWye,
  type SymbolType,
} from 'd3';
import type { Fate } from './trace-model';

export type ThemeName = 'light' | 'dark';

interface FateStyle {
  readonly label: string;
  readonly symbol: SymbolType;
  /** The cross is drawn rotated, as an ×, so it reads as "thrown away". */
  readonly rotate: number;
  readonly color: Readonly<Record<ThemeName, string>>;
}

export const FATES: Readonly<Record<Fate, FateStyle>> = {
  'on-time': {
    label: 'on time',
    symbol: symbolCircle,
    rotate: 0,
    color: { light: '#0072B2', dark: '#56B4E9' },
  },
  late: {
    label: 'late, accepted',
    symbol: symbolTriangle,
    rotate: 0,
    color: { light: '#E69F00', dark: '#E69F00' },
  },
  'side-output': {
    label: 'late, to side output',
    symbol: symbolDiamond,
    rotate: 0,
    color: { light: '#A6407E', dark: '#CC79A7' },
  },
  dropped: {
    label: 'late, dropped',
    symbol: symbolCross,
    rotate: 45,
    color: { light: '#D55E00', dark: '#FF7A3D' },
  },
};

export const FATE_ORDER: readonly Fate[] = ['on-time', 'late', 'side-output', 'dropped'];

interface PaneStyle {
  readonly label: string;
  /** Early panes are speculative: a dashed outline; late ones a double-weight outline. */
  readonly dash: string;
  readonly strokeWidth: number;
  readonly color: Readonly<Record<ThemeName, string>>;
}

export const PANES: Readonly<Record<PaneTiming, PaneStyle>> = {
  EARLY: {
    label: 'early pane',
    dash: '4 2',
    strokeWidth: 1.5,
    color: { light: '#56B4E9', dark: '#56B4E9' },
  },
  ON_TIME: {
    label: 'on-time pane',
    dash: '',
    strokeWidth: 1.5,
    color: { light: '#009E73', dark: '#009E73' },
  },
  LATE: {
    label: 'late pane',
    dash: '',
    strokeWidth: 3,
    color: { light: '#E69F00', dark: '#E69F00' },
  },
};

/** Colours of the chart's furniture, per theme. */
export const INK: Readonly<
  Record<
    ThemeName,
    { bg: string; watermark: string; ideal: string; now: string; band: string; bandAlt: string }
  >
> = {
  light: {
    bg: '#ffffff',
    watermark: '#1b1f27',
    ideal: '#8a93a3',
    now: '#b45309',
    band: 'rgba(29, 78, 216, 0.07)',
    bandAlt: 'rgba(29, 78, 216, 0.13)',
  },
  dark: {
    bg: '#14171c',
    watermark: '#e6e9ef',
    ideal: '#6b7485',
    now: '#fbbf24',
    band: 'rgba(122, 162, 255, 0.08)',
    bandAlt: 'rgba(122, 162, 255, 0.15)',
  },
};

/** The SVG path of a fate's mark, `area` square pixels; draw it rotated by `FATES[fate].rotate`. */
export function fatePath(fate: Fate, area: number): string {
  return symbol(FATES[fate].symbol, area)() ?? '';
}

/** The SVG path of a timer's mark (a three-armed star, like a clock's alarm), `area` px². */
export function timerPath(area: number): string {
  return symbol(symbolWye, area)() ?? '';
}
