import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameKeys } from '../../src/ui/viz/event-time-view';
import { STEPS_PER_PIECE, watermarkPieces } from '../../src/ui/viz/watermark-path';

const scales = { x: (wm: number) => wm / 10, y: (t: number) => 1000 - t / 10, right: 999 };
const MIN = Number.MIN_SAFE_INTEGER;
const MAX = Number.MAX_SAFE_INTEGER;

/** The pen's corners along a path made of M, H and V commands. */
function corners(d: string): [number, number][] {
  const out: [number, number][] = [];
  let x = NaN;
  let y = NaN;
  for (const [, cmd, args] of d.matchAll(/([MHV])([^MHV]*)/g)) {
    if (cmd === 'M') [x, y] = (args as string).split(',').map(Number) as [number, number];
    else if (cmd === 'H') x = Number(args);
    else y = Number(args);
    out.push([x, y]);
  }
  return out;
}

describe('the watermark path', () => {
  it('is a staircase: it holds until the next move, then jumps right, up to now', () => {
    const marks = [
      { watermark: MIN, time: 0 },
      { watermark: 1000, time: 1000 },
      { watermark: 3000, time: 4000 },
    ];
    expect(watermarkPieces(marks, scales, 500)).toEqual(['M100,900H100V600H300V500']);
  });

  it('draws the end of time past the right edge', () => {
    const marks = [
      { watermark: 1000, time: 1000 },
      { watermark: MAX, time: 2000 },
    ];
    expect(watermarkPieces(marks, scales, 700)).toEqual(['M100,900H100V800H999V700']);
  });

  it('is nothing before the first bounded watermark', () => {
    expect(watermarkPieces([{ watermark: MIN, time: 0 }], scales, 500)).toEqual([]);
  });

  it('comes in pieces that join where the last ended, and settled pieces do not change as the run goes on', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 400 }),
        (gaps) => {
          let t = 0;
          const marks = gaps.map((gap, i) => ({ watermark: i * 100, time: (t += gap * 10) }));
          const pieces = watermarkPieces(marks, scales, scales.y(t + 10));
          // Each piece starts at the pen's last corner in the one before.
          for (let i = 1; i < pieces.length; i++) {
            expect(corners(pieces[i] as string)[0]).toEqual(
              corners(pieces[i - 1] as string).at(-1),
            );
          }
          // All but the last hold STEPS_PER_PIECE steps.
          for (const piece of pieces.slice(0, -1)) {
            expect((piece.match(/H/g) ?? []).length).toBe(STEPS_PER_PIECE);
          }
          // A later moment keeps every settled piece as it was.
          const later = watermarkPieces(
            [...marks, { watermark: marks.length * 100, time: t + 500 }],
            scales,
            scales.y(t + 600),
          );
          expect(later.slice(0, pieces.length - 1)).toEqual(pieces.slice(0, -1));
        },
      ),
    );
  });

  it('joins moves that land on one half-pixel row', () => {
    const marks = [
      { watermark: 100, time: 1000 },
      { watermark: 200, time: 1001 },
      { watermark: 300, time: 1002 },
    ];
    // Moves 0.1 px apart are one step, to where the last of them went.
    expect(watermarkPieces(marks, scales, 800)).toEqual(['M10,900H30V800']);
  });
});

describe('rows kept from frame to frame', () => {
  it('are the same while the same keys fill them', () => {
    expect(sameKeys(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameKeys([null], [null])).toBe(true);
    expect(sameKeys(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameKeys([1], ['1'])).toBe(false);
    expect(sameKeys(['a'], ['a', 'b'])).toBe(false);
  });
});
