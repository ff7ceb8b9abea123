import { describe, expect, it } from 'vitest';
import { presenterAction } from '../../src/ui/run/presenter-keys';

const key = (k: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey', boolean>> = {}) => ({
  key: k,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe('presenterAction', () => {
  it("steps with a clicker's keys and the arrows", () => {
    for (const k of ['PageDown', 'ArrowRight', 'ArrowDown', ' ', 'Enter']) {
      expect(presenterAction(key(k))).toBe('forward');
    }
    for (const k of ['PageUp', 'ArrowLeft', 'ArrowUp', 'Backspace']) {
      expect(presenterAction(key(k))).toBe('back');
    }
    expect(presenterAction(key('End'))).toBe('end');
    expect(presenterAction(key('Escape'))).toBe('exit');
    expect(presenterAction(key('t'))).toBe('text');
    expect(presenterAction(key('T'))).toBe('text');
  });

  it('leaves other keys, and keys with modifiers, to the page', () => {
    expect(presenterAction(key('a'))).toBeUndefined();
    expect(presenterAction(key('toString'))).toBeUndefined();
    expect(presenterAction(key('PageDown', { ctrlKey: true }))).toBeUndefined();
    expect(presenterAction(key('ArrowLeft', { altKey: true }))).toBeUndefined();
  });
});
