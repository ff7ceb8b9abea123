/**
 * One allocation may not exceed this: a 4 GB buffer "works" in a 64-bit browser until it is
 * touched, and then takes the tab's memory with it. Asking early gives a message at the line.
 */
export const MAX_ALLOCATION_BYTES = 1024 ** 3;

const BINARY_CONSTRUCTORS = [
  'ArrayBuffer',
  'SharedArrayBuffer',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
] as const;

/** Puts a size check in front of the binary-data constructors of `scope`. */
export function capAllocations(scope: Record<string, unknown>, maxBytes = MAX_ALLOCATION_BYTES) {
  for (const name of BINARY_CONSTRUCTORS) {
    const original = scope[name] as (abstract new (...args: unknown[]) => object) | undefined;
    if (typeof original !== 'function') continue;
    const bytesPerElement = (original as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1;
    const capped = new Proxy(original, {
      construct(target, args, newTarget) {
        const [size] = args;
        if (typeof size === 'number' && size * bytesPerElement > maxBytes) {
          throw new RangeError(
            `new ${name}(${size}) asks for ${gigabytes(size * bytesPerElement)} at once; the playground allows at most ${gigabytes(maxBytes)} in one allocation.`,
          );
        }
        return Reflect.construct(target, args, newTarget) as object;
      },
    });
    Object.defineProperty(scope, name, { value: capped, writable: false, configurable: false });
  }
}

function gigabytes(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(bytes < 1024 ** 3 ? 2 : 0)} GB`;
}
