import { describe, expect, it } from 'vitest';
import { nameColumnWidth, roomAfter, valueLabel, wrapName } from '../../src/ui/viz/lanes-view';

/** Every character 7 pixels wide. */
const measure = (text: string) => text.length * 7;
const WINDOW = 'Window(TumblingEventTimeWindows(5000), EventTimeTrigger, sum)';

describe('operator names in the lanes', () => {
  it('break after spaces, commas and opening brackets', () => {
    expect(wrapName(WINDOW, 26 * 7, measure, 3)).toEqual({
      lines: ['Window(', 'TumblingEventTimeWindows(', '5000), EventTimeTrigger,…'],
      whole: false,
    });
    expect(wrapName(WINDOW, 32 * 7, measure, 3)).toEqual({
      lines: ['Window(TumblingEventTimeWindows(', '5000), EventTimeTrigger, sum)'],
      whole: true,
    });
  });

  it('break before a bracket that follows a space', () => {
    expect(wrapName('Window sum (TumblingEventTimeWindows)', 200, measure, 2)).toEqual({
      lines: ['Window sum', '(TumblingEventTimeWindows)'],
      whole: true,
    });
  });

  it('end with an ellipsis when the name does not fit', () => {
    const { lines, whole } = wrapName(WINDOW, 10 * 7, measure, 2);
    expect(whole).toBe(false);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith('…')).toBe(true);
    expect(lines.every((line) => measure(line) <= 10 * 7)).toBe(true);
  });

  it('get the narrowest column in which every name is whole on two lines', () => {
    const width = nameColumnWidth(['source', WINDOW], measure, [100, 400], 3);
    expect(wrapName(WINDOW, width, measure, 2).whole).toBe(true);
    expect(wrapName(WINDOW, width - 1, measure, 2).whole).toBe(false);
    expect(nameColumnWidth(['source', 'sink'], measure, [150, 400], 3)).toBe(150);
  });

  it('take more lines when two would need more than the widest column', () => {
    const width = nameColumnWidth([WINDOW], measure, [100, 220], 3);
    expect(wrapName(WINDOW, width, measure, 3).whole).toBe(true);
    expect(wrapName(WINDOW, width - 1, measure, 3).whole).toBe(false);
    expect(nameColumnWidth([WINDOW], measure, [50, 60], 3)).toBe(60);
  });

  it('settle on a whole pixel when the widest column is a fraction', () => {
    // Two lines need 224 px: the search must end between 223 and 224.6, not loop there.
    expect(nameColumnWidth([WINDOW], measure, [100, 224.6], 3)).toBe(224);
    expect(nameColumnWidth([WINDOW], measure, [100, 223.6], 3)).toBeLessThanOrEqual(223);
  });
});

describe('marble values in the lanes', () => {
  it('show whole, cut while half of them shows, or not at all, by the room there is', () => {
    expect(valueLabel('["a",1]', 100, 6)).toBe('["a",1]');
    expect(valueLabel('{ sensor: "boiler-1" }', 90, 6)).toBe('{ sensor: "boi…');
    expect(valueLabel('{ sensor: "boiler-1" }', 60, 6)).toBeUndefined();
    expect(valueLabel('["a",12]', 20, 6)).toBeUndefined();
  });

  it('have the room up to the next bucket', () => {
    expect(roomAfter([{ x: 10 }, { x: 50 }, { x: 55 }], 100)).toEqual([40, 5, 45]);
  });
});

describe('a word wider than the name column', () => {
  it('is cut at the edge rather than drawn over the lane', () => {
    expect(wrapName('TumblingEventTimeWindows(5000)', 10 * 7, measure, 4)).toEqual({
      lines: ['TumblingEv', 'entTimeWin', 'dows(5000…'],
      whole: false,
    });
  });
});
