/**
 * Smooth, bounded randomness over time ("value noise"): random levels at regular knots, joined by
 * cosine curves. A sensor's temperature drawn from it wanders like a random walk but stays in range,
 * and, unlike a walk, its value at any time is computed directly, so a rewound source gets the same
 * reading without replaying the ones before.
 */
import { Random } from '../random';
import type { Millis } from '../sources/source';

/** A value in `[-1, 1]` that changes smoothly with `time`, about once per `periodMs`. */
export function smoothNoise(seed: number, key: string, time: Millis, periodMs: Millis): number {
  const position = time / periodMs;
  const knot = Math.floor(position);
  const fraction = position - knot;
  const from = knotLevel(seed, key, periodMs, knot);
  const to = knotLevel(seed, key, periodMs, knot + 1);
  const eased = (1 - Math.cos(Math.PI * fraction)) / 2;
  return from + (to - from) * eased;
}

function knotLevel(seed: number, key: string, periodMs: Millis, knot: number): number {
  return Random.derive(seed, 'noise', key, periodMs, knot).between(-1, 1);
}
