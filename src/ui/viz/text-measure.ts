import type { Measure } from './lanes-view';

/**
 * Widths of text in the page's sans-serif font, measured on a canvas that is never on the page:
 * no layout is forced, so a view may measure while it renders.
 */
let context: CanvasRenderingContext2D | null | undefined;
let family: string | undefined;

export function measurer(px: number, weight = 400): Measure {
  context ??= document.createElement('canvas').getContext('2d');
  // The font the page resolved from --font-sans; read once, it does not change.
  family ??= getComputedStyle(document.body).fontFamily || 'sans-serif';
  const ctx = context;
  if (!ctx) return (text) => text.length * px * 0.6;
  const font = `${weight} ${px}px ${family}`;
  return (text) => {
    ctx.font = font;
    return ctx.measureText(text).width;
  };
}
