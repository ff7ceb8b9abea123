import type { Random } from '../random';
import { episodeSource, type Occurrence } from '../sources/generator/episode-source';
import type { Source } from '../sources/source';
import { requirePositive } from '../sources/validate';
import {
  type DatasetOptions,
  datasetTimeline,
  keyName,
  keysOf,
  requireKeysPerPartition,
  resolveDataset,
} from './dataset-options';

/** What a click did. */
export type ClickAction = 'view' | 'add_to_cart' | 'purchase';

/** One click of a user on a shop's web site. */
export interface Click {
  /** `user-01`, `user-02`, … */
  readonly user: string;
  /** The page clicked, such as `/`, `/category/books` or `/product/17`. */
  readonly page: string;
  /** What the click did: view a page, add to the cart, or buy. */
  readonly action: ClickAction;
  /** When the click happened (event time, ms). */
  readonly ts: number;
}

/** Options of {@link clickStream}. */
export interface ClickStreamOptions extends DatasetOptions {
  /** Number of distinct users. Default 20. */
  readonly users?: number;
  /** New sessions per minute of event time, over all users. Default 6. */
  readonly sessionsPerMinute?: number;
}

/** Within a session, clicks are at most this far apart, so a 30 s session gap never splits one. */
export const MAX_THINK_TIME_MS = 25_000;

const CATEGORIES = ['books', 'garden', 'kitchen', 'shoes', 'toys'] as const;
const PRODUCTS = 60;

/**
 * A shop's click stream: users come in sessions (a burst of clicks seconds apart, browsing
 * categories and products, sometimes adding to the cart and buying) separated by minutes of
 * silence — the shape session windows are made for. Within a session clicks are at most 25 s apart;
 * a user's sessions may occasionally come close enough to merge, as real ones do.
 * Defaults: 20 users, 6 sessions a minute, 10 minutes of event time, up to 2 s late.
 *
 * @example
 * ```ts
 * clickStream({ users: 5, sessionsPerMinute: 2 }, seed);
 * ```
 */
export function clickStream(options: ClickStreamOptions = {}, seed = 0): Source<Click> {
  const { users = 20, sessionsPerMinute = 6 } = options;
  const dataset = resolveDataset(
    options,
    { name: 'click-stream', durationMs: 600_000, maxDelayMs: 2_000 },
    seed,
  );
  requireKeysPerPartition('users', users, dataset.partitions);
  requirePositive(sessionsPerMinute, 'sessionsPerMinute');
  const usersOf = Array.from({ length: dataset.partitions }, (_, partition) =>
    keysOf(users, dataset.partitions, partition).map((user) => keyName('user', user, users)),
  );

  return episodeSource({
    name: dataset.name,
    seed,
    partitions: dataset.partitions,
    delay: dataset.delay,
    timeline: (partition) => {
      const share = (usersOf[partition]?.length ?? 0) / users;
      return datasetTimeline(dataset, (sessionsPerMinute * share) / 60_000, 'exponential');
    },
    // One episode is one session of one user.
    episode: ({ partition, time, random }) =>
      session(random.pick(usersOf[partition] ?? []), time, random),
  });
}

function session(user: string, start: number, random: Random): Occurrence<Click>[] {
  const clicks: Occurrence<Click>[] = [];
  const click = (ts: number, page: string, action: ClickAction) =>
    clicks.push({ eventTime: ts, value: { user, page, action, ts } });
  let ts = start;
  let page = random.weighted<string>([
    ['/', 4],
    ['/search', 2],
    [categoryPage(random), 3],
    [productPage(random), 3],
  ]);
  click(ts, page, 'view');
  // Sessions have on average about five clicks: each click is followed by another with p = 0.8.
  let count = 1;
  while (count < 20 && random.chance(0.8)) {
    count++;
    ts += thinkTime(random);
    if (page.startsWith('/product/') && random.chance(0.25)) {
      click(ts, page, 'add_to_cart');
      if (random.chance(0.5)) {
        ts += thinkTime(random);
        click(ts, '/checkout', 'purchase');
        break;
      }
      continue;
    }
    page = random.chance(0.6) ? productPage(random) : categoryPage(random);
    click(ts, page, 'view');
  }
  return clicks;
}

/** Seconds between two clicks: typically a few, never more than {@link MAX_THINK_TIME_MS}. */
function thinkTime(random: Random): number {
  return Math.min(MAX_THINK_TIME_MS, 1_000 + Math.round(random.exponential(5_000)));
}

function categoryPage(random: Random): string {
  return `/category/${random.pick(CATEGORIES)}`;
}

function productPage(random: Random): string {
  return `/product/${random.int(1, PRODUCTS)}`;
}
