/**
 * Seeded randomness for the engine. Nothing in the engine calls `Math.random`: every draw comes from
 * a {@link Random}, so the same seed always gives the same run.
 *
 * The generator is xoroshiro128+ from `pure-rand`. Its whole state is four 32-bit integers, which is
 * what lets a source capture it in a rewind position and restore it later.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** The complete state of a {@link Random}: four 32-bit integers, safe to clone or store. */
export type RandomState = readonly [number, number, number, number];

/** One element of a derivation path: a partition number, a record index, a label. */
export type RandomPathPart = number | string;

/**
 * A seeded pseudo-random number generator with the draws that data generators need.
 *
 * Each call advances the generator, so the sequence of draws, not only the seed, decides the
 * values. To give partitions, records or sensors their own sequence, use {@link Random.derive}:
 * streams derived from different paths are independent of each other.
 *
 * @example
 * ```ts
 * const random = Random.derive(42, 'partition', 0);
 * random.int(1, 6); // a die roll
 * random.pick(['a', 'b', 'c']);
 * ```
 */
export class Random {
  private constructor(private readonly generator: RandomGenerator) {}

  /** A generator for `seed` (a safe integer). Equivalent to `Random.derive(seed)`. */
  static create(seed: number): Random {
    return Random.derive(seed);
  }

  /**
   * A generator for `seed` and a path such as `('partition', 2)` or `('record', 0, 1234)`.
   *
   * The path is hashed with the seed into the generator's full 128-bit state, so streams for
   * neighbouring paths (record 7 and record 8) are unrelated, and a stream can be recreated for any
   * index without replaying the ones before it. (pure-rand's own `xoroshiro128plus(seed)` only
   * spreads 32 bits of seed over the state, so neighbouring seeds would start out correlated.)
   */
  static derive(seed: number, ...path: readonly RandomPathPart[]): Random {
    return Random.family(seed)(...path);
  }

  /**
   * A family of generators: `family(seed, ...prefix)(...rest)` is `derive(seed, ...prefix, ...rest)`,
   * but the prefix is hashed once, which matters when a generator is made for every record.
   */
  static family(
    seed: number,
    ...prefix: readonly RandomPathPart[]
  ): (...rest: readonly RandomPathPart[]) => Random {
    const base = PathHash.empty();
    base.addNumber(seed, 'seed');
    base.addPath(prefix);
    return (...rest) => {
      const hash = base.copy();
      hash.addPath(rest);
      return new Random(xoroshiro128plusFromState(hash.state()));
    };
  }

  /** A generator that continues exactly where the one whose {@link Random.state} was taken stood. */
  static restore(state: RandomState): Random {
    if (state.length !== 4 || !state.every((word) => Number.isInteger(word))) {
      throw new TypeError('A random state is four 32-bit integers, as returned by Random.state().');
    }
    return new Random(xoroshiro128plusFromState(state));
  }

  /** The current state; pass it to {@link Random.restore} to continue from here later. */
  state(): RandomState {
    const [a = 0, b = 0, c = 0, d = 0] = this.generator.getState();
    return [a, b, c, d];
  }

  /** A float uniformly distributed in `[0, 1)`. */
  float(): number {
    return uniformFloat64(this.generator);
  }

  /** A float uniformly distributed in `[min, max)`. */
  between(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** An integer uniformly distributed in `[min, max]`, both ends included. */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
      throw new RangeError(`int(min, max) needs integers with min ≤ max, got ${min} and ${max}.`);
    }
    return uniformInt(this.generator, min, max);
  }

  /** `true` with probability `p` (a Bernoulli trial). */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element of a non-empty array, each equally likely. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() needs at least one item.');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** One choice, each with a probability proportional to its (non-negative) weight. */
  weighted<T>(choices: readonly (readonly [choice: T, weight: number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    if (!(total > 0)) throw new RangeError('weighted() needs at least one positive weight.');
    let remaining = this.float() * total;
    for (const [choice, weight] of choices) {
      remaining -= weight;
      if (remaining < 0) return choice;
    }
    // Rounding can leave a sliver of `remaining`; the last positive choice absorbs it.
    const last = choices.findLast(([, weight]) => weight > 0);
    return (last as readonly [T, number])[0];
  }

  /**
   * An exponentially distributed value with the given mean: the waiting time between events of a
   * Poisson process, such as the gap between two arrivals at `1 / mean` per millisecond.
   */
  exponential(mean: number): number {
    // 1 - float() lies in (0, 1], so the logarithm is finite.
    return -mean * Math.log(1 - this.float());
  }

  /** A normally distributed value (Box–Muller; one draw of the pair is used so state stays small). */
  normal(mean = 0, standardDeviation = 1): number {
    const radius = Math.sqrt(-2 * Math.log(1 - this.float()));
    return mean + standardDeviation * radius * Math.cos(2 * Math.PI * this.float());
  }

  /**
   * A log-normally distributed value with the given mean and shape `sigma`: positive and
   * right-skewed, like network delays or purchase amounts (most small, a few very large).
   */
  logNormal(mean: number, sigma = 1): number {
    // The mean of exp(N(mu, sigma²)) is exp(mu + sigma²/2); solve for mu.
    const mu = Math.log(mean) - (sigma * sigma) / 2;
    return Math.exp(this.normal(mu, sigma));
  }
}

/**
 * Hashes a seed and a path into a 128-bit generator state: four 32-bit lanes, each absorbing every
 * input word with its own key through the `lowbias32` integer mixer. Four lanes rather than one keep
 * derived streams apart: with a single 32-bit hash, two of a million per-record streams would
 * likely coincide.
 */
class PathHash {
  private constructor(
    private a: number,
    private b: number,
    private c: number,
    private d: number,
  ) {}

  static empty(): PathHash {
    return new PathHash(0x2545f491, 0x9e3779b9, 0x7f4a7c15, 0xf39cc060);
  }

  copy(): PathHash {
    return new PathHash(this.a, this.b, this.c, this.d);
  }

  addPath(path: readonly RandomPathPart[]): void {
    for (const part of path) {
      if (typeof part === 'string') this.addString(part);
      else this.addNumber(part, 'path element');
    }
  }

  addNumber(value: number, what: string): void {
    if (!Number.isSafeInteger(value)) {
      throw new RangeError(`A random ${what} must be a safe integer, got ${value}.`);
    }
    this.addWord(value >>> 0);
    this.addWord(Math.floor(value / 0x1_0000_0000) >>> 0);
  }

  addString(value: string): void {
    // The length keeps ('ab', 'c') and ('a', 'bc') apart.
    this.addWord(value.length ^ 0x5bd1e995);
    for (let i = 0; i < value.length; i++) this.addWord(value.charCodeAt(i));
  }

  state(): RandomState {
    const { a, b, c, d } = this;
    // xoroshiro128+ never leaves the all-zero state; a hash that lands there is nudged off it.
    return a === 0 && b === 0 && c === 0 && d === 0 ? [1, 0, 0, 0] : [a | 0, b | 0, c | 0, d | 0];
  }

  private addWord(word: number): void {
    this.a = mix32((this.a ^ mix32(word + 0x632be5ab)) + 0x85ebca6b);
    this.b = mix32((this.b ^ mix32(word + 0xc2b2ae35)) + 0x27d4eb2f);
    this.c = mix32((this.c ^ mix32(word + 0x165667b1)) + 0xd3a2646c);
    this.d = mix32((this.d ^ mix32(word + 0xfd7046c5)) + 0xb55a4f09);
  }
}

function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}
