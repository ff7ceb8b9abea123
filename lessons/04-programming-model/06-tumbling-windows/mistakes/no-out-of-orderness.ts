// Mistake: a watermark with no out-of-orderness bound, so the view at 4800 ms, arriving after the one at 5900 ms, is dropped as late.
// The check answers: /view of /home at 4800 ms was dropped as late.*forBoundedOutOfOrderness\(Time.seconds\(1\)\)/
import { Time, TumblingEventTimeWindows, WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    // Source: eighteen views of a shop's web pages, one arriving every second of virtual time.
    // `ts` is when the page was viewed, in ms since the start.
    .fromCollection<PageView>(
      [
        { page: '/home', ts: 400 },
        { page: '/search', ts: 1200 },
        { page: '/home', ts: 2100 },
        { page: '/cart', ts: 3000 },
        { page: '/home', ts: 4400 },
        { page: '/search', ts: 5000 },
        { page: '/home', ts: 5900 },
        { page: '/home', ts: 4800 },
        { page: '/cart', ts: 6500 },
        { page: '/search', ts: 7300 },
        { page: '/home', ts: 8200 },
        { page: '/search', ts: 9100 },
        { page: '/home', ts: 9900 },
        { page: '/cart', ts: 10000 },
        { page: '/home', ts: 11800 },
        { page: '/search', ts: 12600 },
        { page: '/home', ts: 13500 },
        { page: '/cart', ts: 14700 },
      ],
      { arrivalIntervalMs: 1000 },
    )
    // Event time: each view happened at its `ts`. The watermark follows the latest view closely,
    // as if views always arrived in order.
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forMonotonousTimestamps<PageView>().withTimestampAssigner(
        (view) => view.ts,
      ),
    )
    // Every view counts as one.
    .map((view) => ({ page: view.page, views: 1 }))
    .keyBy((view) => view.page)
    // Tumbling windows of five seconds of event time: [0, 5000), [5000, 10000), …
    .window(TumblingEventTimeWindows.of(Time.seconds(5)))
    // One result per page and window, once the watermark has passed the window's last millisecond.
    .sum('views')
    .sinkTo(env.collect('views per window'));
}

/** One view of a page: which page, and when (ms). */
interface PageView {
  page: string;
  ts: number;
}
