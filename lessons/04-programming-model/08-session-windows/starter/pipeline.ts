import { Time, TumblingEventTimeWindows, WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    // Source: twenty-two clicks of three users on a shop's web site, one arriving every second
    // of virtual time. `ts` is when the user clicked, in ms since the start.
    .fromCollection<Click>(
      [
        { user: 'ana', page: '/', ts: 0 },
        { user: 'ben', page: '/', ts: 3000 },
        { user: 'ana', page: '/search', ts: 8000 },
        { user: 'ana', page: '/product/7', ts: 20000 },
        { user: 'ben', page: '/category/books', ts: 15000 },
        { user: 'ben', page: '/product/3', ts: 40000 },
        { user: 'cai', page: '/', ts: 60000 },
        { user: 'cai', page: '/category/toys', ts: 64000 },
        { user: 'cai', page: '/product/12', ts: 70000 },
        { user: 'ben', page: '/', ts: 82000 },
        { user: 'ben', page: '/search', ts: 87000 },
        { user: 'ana', page: '/', ts: 95000 },
        { user: 'ana', page: '/category/garden', ts: 99000 },
        { user: 'ben', page: '/product/9', ts: 101000 },
        { user: 'cai', page: '/search', ts: 118000 },
        { user: 'ana', page: '/product/21', ts: 121000 },
        { user: 'cai', page: '/product/40', ts: 126000 },
        { user: 'ana', page: '/checkout', ts: 130000 },
        { user: 'cai', page: '/checkout', ts: 150000 },
        { user: 'ben', page: '/', ts: 180000 },
        { user: 'ana', page: '/', ts: 205000 },
        { user: 'ana', page: '/category/shoes', ts: 209000 },
      ],
      { arrivalIntervalMs: 1000 },
    )
    // Event time: each click happened at its `ts`; clicks may arrive up to 5 s out of order.
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forBoundedOutOfOrderness<Click>(Time.seconds(5)).withTimestampAssigner(
        (click) => click.ts,
      ),
    )
    // Every click counts as one.
    .map((click) => ({ user: click.user, clicks: 1 }))
    .keyBy((click) => click.user)
    // Clicks per user per minute: tumbling windows of one minute, [0, 60000), [60000, 120000), …
    // Change them into sessions that end after 30 seconds without a click.
    .window(TumblingEventTimeWindows.of(Time.minutes(1)))
    .sum('clicks')
    .sinkTo(env.collect('clicks per session'));
}

/** One click: who clicked, on which page, and when (ms). */
interface Click {
  user: string;
  page: string;
  ts: number;
}
