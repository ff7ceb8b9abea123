import { describe, expect, it } from 'vitest';
import { capAllocations } from '../../src/runtime/worker/allocation-cap';

describe('capAllocations', () => {
  const scope: Record<string, unknown> = {
    ArrayBuffer,
    Uint8Array,
    Float64Array,
  };
  capAllocations(scope, 1024);
  const Capped = scope as {
    ArrayBuffer: typeof ArrayBuffer;
    Float64Array: typeof Float64Array;
    Uint8Array: typeof Uint8Array;
  };

  it('refuses one allocation over the cap, saying how much was asked', () => {
    expect(() => new Capped.Uint8Array(2048)).toThrow(
      /new Uint8Array\(2048\) asks for 0\.00 GB at once; the playground allows at most 0\.00 GB/,
    );
    expect(() => new Capped.Float64Array(200)).toThrow(RangeError);
  });

  it('lets ordinary allocations through, as the real thing', () => {
    const buffer = new Capped.ArrayBuffer(512);
    expect(buffer).toBeInstanceOf(ArrayBuffer);
    expect(new Capped.Uint8Array([1, 2, 3])).toEqual(new Uint8Array([1, 2, 3]));
    expect(new Capped.Float64Array(128).length).toBe(128);
  });
});
