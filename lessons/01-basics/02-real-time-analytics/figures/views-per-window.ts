// A shop's dashboard tile: page views counted per window of event time. `window` sets the
// window's length, `rate` how many page views the shop gets per second, on average.
import { Time, TumblingEventTimeWindows, WatermarkStrategy, generatorSource } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

interface PageView {
  page: string;
  ts: number;
}

const PAGES = ['/', '/search', '/category/books', '/category/garden', '/product/17', '/product/42'];

export default function pipeline(
  env: StreamExecutionEnvironment,
  params: { window: number; rate: number },
) {
  // Two minutes of page views at random moments, each reaching the pipeline up to 2 s late.
  const views = generatorSource<PageView>({
    name: 'page views',
    seed: env.seed,
    ratePerSecond: params.rate,
    untilEventTime: 120_000,
    eventTimeDelay: { distribution: 'exponential', meanMs: 500, maxMs: 2_000 },
    make: ({ eventTime, random }) => ({ page: random.pick(PAGES), ts: eventTime }),
  });
  env
    .fromSource(
      views,
      WatermarkStrategy.forBoundedOutOfOrderness<PageView>(2_000).withTimestampAssigner(
        (view) => view.ts,
      ),
    )
    .map(() => ({ views: 1 }))
    // One count for the whole shop, so no keyBy: windowAll puts every view in the same windows.
    .windowAll(TumblingEventTimeWindows.of(Time.seconds(params.window)))
    .sum('views')
    .sinkTo(env.collect('dashboard'));
}
