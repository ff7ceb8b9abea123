/**
 * Which subtask owns a key, computed exactly as Flink computes it (`KeyGroupRangeAssignment`), so
 * that "which subtask gets ada's clicks?" has the same answer here as in a Flink job.
 *
 * A key is hashed with Java's `hashCode` of the value it would be in Java, the hash is mixed with
 * Murmur3's finalizer (`MathUtils.murmurHash`), and the result picks one of `maxParallelism` key
 * groups. Each subtask owns a contiguous range of key groups. Key groups, not subtasks, are the unit
 * of keyed state: rescaling a job moves whole key groups between subtasks.
 */
import type { Key } from '../records';

/** Flink's lower bound for the default number of key groups. */
const DEFAULT_LOWER_BOUND_MAX_PARALLELISM = 1 << 7;
/** Flink's upper bound for the number of key groups (and so for parallelism). */
export const UPPER_BOUND_MAX_PARALLELISM = 1 << 15;

/**
 * The number of key groups when none is set: 1.5 × the parallelism rounded up to a power of two,
 * at least 128 and at most 32768 (`computeDefaultMaxParallelism`).
 */
export function defaultMaxParallelism(parallelism: number): number {
  return Math.min(
    Math.max(
      roundUpToPowerOfTwo(parallelism + Math.floor(parallelism / 2)),
      DEFAULT_LOWER_BOUND_MAX_PARALLELISM,
    ),
    UPPER_BOUND_MAX_PARALLELISM,
  );
}

/** The key group of `key`, from 0 to `maxParallelism - 1` (`assignToKeyGroup`). */
export function keyGroupOf(key: Key, maxParallelism: number): number {
  return murmurHash(javaHashCode(key)) % maxParallelism;
}

/** The subtask that owns key group `keyGroup` (`computeOperatorIndexForKeyGroup`). */
export function subtaskOfKeyGroup(
  keyGroup: number,
  parallelism: number,
  maxParallelism: number,
): number {
  return Math.floor((keyGroup * parallelism) / maxParallelism);
}

/** The subtask that owns `key` (`assignKeyToParallelOperator`). */
export function subtaskOfKey(key: Key, parallelism: number, maxParallelism: number): number {
  return subtaskOfKeyGroup(keyGroupOf(key, maxParallelism), parallelism, maxParallelism);
}

/** The first and last key group subtask `subtask` owns (`computeKeyGroupRangeForOperatorIndex`). */
export function keyGroupRange(
  subtask: number,
  parallelism: number,
  maxParallelism: number,
): { readonly first: number; readonly last: number } {
  return {
    first: Math.floor((subtask * maxParallelism + parallelism - 1) / parallelism),
    last: Math.floor(((subtask + 1) * maxParallelism - 1) / parallelism),
  };
}

/**
 * Java's `hashCode` of the key as Java would hold it: a string as a `String`, a boolean as a
 * `Boolean`, a whole number as an `Integer` (or a `Long` beyond 32 bits), any other number as a
 * `Double`. JavaScript strings are UTF-16, as Java's are, so string hashes agree character for
 * character.
 */
export function javaHashCode(key: Key): number {
  if (typeof key === 'string') {
    let hash = 0;
    for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
    return hash;
  }
  if (typeof key === 'boolean') return key ? 1231 : 1237;
  if (Number.isInteger(key) && key >= -0x80000000 && key <= 0x7fffffff) return key | 0;
  if (Number.isSafeInteger(key)) return foldLong(BigInt(key));
  return foldLong(doubleBits(key));
}

/** `(int) (bits ^ (bits >>> 32))`: how Java's `Long` and `Double` fold 64 bits into a hash. */
function foldLong(bits: bigint): number {
  const unsigned = BigInt.asUintN(64, bits);
  return Number(BigInt.asIntN(32, unsigned ^ (unsigned >> 32n)));
}

/** Java's `Double.doubleToLongBits`: the IEEE 754 bits, with every NaN the same. */
function doubleBits(value: number): bigint {
  if (Number.isNaN(value)) return 0x7ff8000000000000n;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return view.getBigUint64(0);
}

/** Flink's `MathUtils.murmurHash`: Murmur3's mixing of one 32-bit value, made non-negative. */
export function murmurHash(input: number): number {
  let code = Math.imul(input, 0xcc9e2d51);
  code = rotateLeft(code, 15);
  code = Math.imul(code, 0x1b873593);
  code = rotateLeft(code, 13);
  code = (Math.imul(code, 5) + 0xe6546b64) | 0;
  code ^= 4;
  code ^= code >>> 16;
  code = Math.imul(code, 0x85ebca6b);
  code ^= code >>> 13;
  code = Math.imul(code, 0xc2b2ae35);
  code ^= code >>> 16;
  if (code >= 0) return code;
  return code === -0x80000000 ? 0 : -code;
}

function rotateLeft(value: number, distance: number): number {
  return (value << distance) | (value >>> (32 - distance));
}

function roundUpToPowerOfTwo(x: number): number {
  let v = x - 1;
  v |= v >> 1;
  v |= v >> 2;
  v |= v >> 4;
  v |= v >> 8;
  v |= v >> 16;
  return v + 1;
}
