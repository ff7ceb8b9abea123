/**
 * The watermark's staircase as SVG path data, in pieces. A playing run adds a step every frame;
 * drawn as one path, each new step changed a path as big as the chart, and the browser painted
 * the whole chart again. In pieces of `STEPS_PER_PIECE` steps, only the last piece changes, and
 * only its small corner is painted again.
 */
import type { WatermarkMark } from './trace-model';

/** Steps in each piece but the last. */
export const STEPS_PER_PIECE = 48;

export interface WatermarkPathScales {
  /** A watermark's place across; the end of time (MAX) is given by `right`. */
  readonly x: (watermark: number) => number;
  /** A processing time's height. */
  readonly y: (time: number) => number;
  /** Where the end of time is drawn: past the plot's right edge. */
  readonly right: number;
}

/**
 * The steps of `marks` (in processing-time order) up to the moment drawn at height `nowY`: the
 * watermark holds until the next move, then jumps right. Moves that land on one half-pixel row
 * are one (the watermark only grows, so the last of them is where it went), which keeps a long
 * run's path about as long as the chart is tall. The start of time (MIN) is not drawn.
 */
export function watermarkPieces(
  marks: readonly Pick<WatermarkMark, 'watermark' | 'time'>[],
  scales: WatermarkPathScales,
  nowY: number,
): string[] {
  const { right } = scales;
  const wx = (wm: number) => (wm >= Number.MAX_SAFE_INTEGER ? right : scales.x(wm));
  const pieces: string[] = [];
  let piece = '';
  let steps = 0;
  let lastY = NaN;
  let x = NaN;
  for (const mark of marks) {
    if (mark.watermark <= Number.MIN_SAFE_INTEGER) continue;
    const py = Math.round(scales.y(mark.time) * 2) / 2;
    if (piece === '') piece = `M${wx(mark.watermark)},${py}`;
    else if (py !== lastY) {
      piece += `H${x}V${py}`;
      if (++steps === STEPS_PER_PIECE) {
        // The next piece starts where this one ended, so the pieces join without a seam.
        pieces.push(piece);
        piece = `M${x},${py}`;
        steps = 0;
      }
    }
    lastY = py;
    x = wx(mark.watermark);
  }
  if (piece === '') return pieces;
  pieces.push(`${piece}H${x}V${nowY}`);
  return pieces;
}
