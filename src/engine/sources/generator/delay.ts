import type { Random } from '../../random';
import type { Millis } from '../source';
import { requireNonNegative, requirePositive } from '../validate';

/**
 * How long after its event time a generated record arrives. The delay is what makes a stream out of
 * order: the larger and more spread out the delays, the more records overtake each other, and the
 * more arrive behind a watermark (late).
 *
 * Every draw is an integer number of milliseconds in `[0, maxMs]`: `maxMs` is a hard bound, so a
 * watermark with `maxMs` of out-of-orderness sees no late records.
 *
 * - `none`: every record arrives at its event time; the stream is in order.
 * - `uniform`: any delay in `[0, maxMs]` is equally likely.
 * - `exponential`: most records are nearly on time, fewer and fewer are very late (mean `meanMs`,
 *   truncated at `maxMs`).
 * - `lognormal`: a typical delay around the median and a long tail of stragglers, as network delays
 *   look (mean `meanMs` before truncation at `maxMs`, shape `sigma`, default 1).
 */
export type EventTimeDelay =
  | { readonly distribution: 'none' }
  | { readonly distribution: 'uniform'; readonly maxMs: Millis }
  | { readonly distribution: 'exponential'; readonly meanMs: Millis; readonly maxMs: Millis }
  | {
      readonly distribution: 'lognormal';
      readonly meanMs: Millis;
      readonly maxMs: Millis;
      readonly sigma?: number;
    };

/** Throws unless the delay's numbers make sense. */
export function validateDelay(delay: EventTimeDelay): void {
  if (delay.distribution === 'none') return;
  requireNonNegative(delay.maxMs, 'eventTimeDelay.maxMs');
  if (delay.distribution === 'uniform') return;
  requirePositive(delay.meanMs, 'eventTimeDelay.meanMs');
  if (delay.distribution === 'lognormal' && delay.sigma !== undefined) {
    requirePositive(delay.sigma, 'eventTimeDelay.sigma');
  }
}

/** The largest delay `delay` can produce. */
export function maxDelayOf(delay: EventTimeDelay): Millis {
  return delay.distribution === 'none' ? 0 : Math.floor(delay.maxMs);
}

/** Draws one delay in whole milliseconds, never above {@link maxDelayOf}. */
export function sampleDelay(delay: EventTimeDelay, random: Random): Millis {
  const cap = maxDelayOf(delay);
  switch (delay.distribution) {
    case 'none':
      return 0;
    case 'uniform':
      return random.int(0, cap);
    case 'exponential': {
      // Inverse transform of the exponential truncated at `cap`: one draw, no rejection.
      const mass = 1 - Math.exp(-cap / delay.meanMs);
      return Math.min(cap, Math.round(-delay.meanMs * Math.log(1 - random.float() * mass)));
    }
    case 'lognormal':
      return Math.round(truncatedLogNormal(random, delay.meanMs, delay.sigma ?? 1, cap));
  }
}

/** Above this many rejections the bound is far below the mean; the draw is clamped instead. */
const MAX_REJECTIONS = 32;

function truncatedLogNormal(random: Random, mean: number, sigma: number, cap: number): number {
  for (let attempt = 0; attempt < MAX_REJECTIONS; attempt++) {
    const draw = random.logNormal(mean, sigma);
    if (draw <= cap) return draw;
  }
  return cap;
}
