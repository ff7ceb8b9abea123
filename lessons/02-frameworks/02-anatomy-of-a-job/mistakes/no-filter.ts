// Mistake: counts the monitoring bot's health checks too (no filter).
// The check answers: /came from uptime-bot's click on \/health at 2000 ms.*\.filter out clicks on \/health/
import { Topic, topicSource } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  const clicks = Topic.create<Click>({ name: 'clicks', partitions: 2 });
  for (const click of CLICKS) clicks.produce(click, { key: click.user, timestamp: click.ts });

  env
    .fromSource(topicSource(clicks))
    .map((click) => ({ user: click.user, clicks: 1 }))
    // Every count of one user must meet in one place: partition by user.
    .keyBy((count) => count.user)
    .reduce((a, b) => ({ user: a.user, clicks: a.clicks + b.clicks }))
    .sinkTo(env.collect('counts'));
}

/** One click on the shop's site: who, which page, and when (ms). */
interface Click {
  user: string;
  page: string;
  ts: number;
}

const CLICKS: Click[] = [
  { user: 'ada', page: '/home', ts: 1000 },
  { user: 'bo', page: '/search', ts: 1500 },
  { user: 'uptime-bot', page: '/health', ts: 2000 },
  { user: 'ada', page: '/product/7', ts: 2600 },
  { user: 'cy', page: '/home', ts: 3100 },
  { user: 'bo', page: '/product/7', ts: 3900 },
  { user: 'ada', page: '/cart', ts: 4400 },
  { user: 'uptime-bot', page: '/health', ts: 5000 },
  { user: 'cy', page: '/product/2', ts: 5600 },
  { user: 'bo', page: '/cart', ts: 6300 },
  { user: 'ada', page: '/checkout', ts: 7000 },
  { user: 'cy', page: '/search', ts: 7700 },
  { user: 'uptime-bot', page: '/health', ts: 8000 },
  { user: 'bo', page: '/checkout', ts: 8800 },
];
