// Mistake: keys by the page, so one window holds clicks of several users.
// The check answers: /holds clicks of .* a visit is one user's/
import { EventTimeSessionWindows, Time, WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

// Clicks per visit: a visit is a user's run of clicks that ends after 30 s without a click.
export default function pipeline(env: StreamExecutionEnvironment) {
  env
    // Source: a site's clicks from three users, in the order they happened, one arriving
    // every second of processing time.
    .fromCollection<Click>(CLICKS, { arrivalIntervalMs: 1000 })
    // Event time is each click's `timestamp`; the clicks arrive in order, so the watermark
    // can follow the highest timestamp seen.
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forMonotonousTimestamps<Click>().withTimestampAssigner((c) => c.timestamp),
    )
    // Each click counts one.
    .map((c) => ({ user: c.user, page: c.page, clicks: 1 }))
    // One count per user.
    .keyBy((v) => v.page)
    .window(EventTimeSessionWindows.withGap(Time.seconds(30)))
    // The clicks of each window, added up.
    .sum('clicks')
    .sinkTo(env.collect('visits'));
}

/** One click: who clicked, which page, and when (ms since the site's counters started). */
interface Click {
  user: string;
  page: string;
  timestamp: number;
}

// In the order they happen. Within a visit the pauses are at most 25 s; between two visits of
// the same user they are 40 s or more.
const CLICKS: Click[] = [
  { user: 'ana', page: '/home', timestamp: 0 },
  { user: 'ben', page: '/home', timestamp: 5000 },
  { user: 'ana', page: '/search', timestamp: 10000 },
  { user: 'ben', page: '/pricing', timestamp: 20000 },
  { user: 'chen', page: '/home', timestamp: 30000 },
  { user: 'ana', page: '/product/7', timestamp: 35000 },
  { user: 'ben', page: '/signup', timestamp: 45000 },
  { user: 'ana', page: '/cart', timestamp: 50000 },
  { user: 'chen', page: '/search', timestamp: 55000 },
  { user: 'chen', page: '/product/3', timestamp: 61000 },
  { user: 'ben', page: '/home', timestamp: 85000 },
  { user: 'ana', page: '/home', timestamp: 90000 },
  { user: 'ana', page: '/orders', timestamp: 100000 },
  { user: 'ben', page: '/docs', timestamp: 105000 },
  { user: 'ben', page: '/docs/windows', timestamp: 130000 },
  { user: 'chen', page: '/home', timestamp: 150000 },
  { user: 'ana', page: '/home', timestamp: 170000 },
];
