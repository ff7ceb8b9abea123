// Mistake: a bound of 5 where 5 seconds was meant: the engine reads it as 5 ms.
// The check answers: /cy's click at 59500 ms was not counted.*\(A bare 5 would mean 5 ms\.\)/
import { Time, TumblingEventTimeWindows, WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    // Source: 30 clicks, one every 100 ms of processing time, a few out of order.
    .fromCollection(CLICKS)
    // Event time is each click's ts; the watermark trails the highest ts by 5 s.
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forBoundedOutOfOrderness<Click>(5).withTimestampAssigner(
        (click) => click.ts,
      ),
    )
    .map((click) => ({ user: click.user, clicks: 1 }))
    .keyBy((count) => count.user)
    // One-minute windows in event time: [0, 60000), [60000, 120000), …
    .window(TumblingEventTimeWindows.of(Time.minutes(1)))
    .sum('clicks')
    .sinkTo(env.collect('counts'));
}

/** One click: who clicked, and when it happened (event time, ms). */
interface Click {
  user: string;
  ts: number;
}

// In arrival order. A few clicks arrive after later ones: they were delayed on the way.
const CLICKS: Click[] = [
  { user: 'ada', ts: 4000 },
  { user: 'bo', ts: 9000 },
  { user: 'cy', ts: 12000 },
  { user: 'ada', ts: 18000 },
  { user: 'bo', ts: 25000 },
  { user: 'ada', ts: 31000 },
  { user: 'cy', ts: 38000 },
  { user: 'bo', ts: 44000 },
  { user: 'ada', ts: 51000 },
  { user: 'cy', ts: 57000 },
  { user: 'bo', ts: 61000 },
  { user: 'ada', ts: 64000 },
  { user: 'cy', ts: 59500 },
  { user: 'bo', ts: 67000 },
  { user: 'cy', ts: 66000 },
  { user: 'ada', ts: 59200 },
  { user: 'ada', ts: 75000 },
  { user: 'bo', ts: 88000 },
  { user: 'cy', ts: 95000 },
  { user: 'ada', ts: 101000 },
  { user: 'bo', ts: 109000 },
  { user: 'cy', ts: 116000 },
  { user: 'ada', ts: 119500 },
  { user: 'bo', ts: 121000 },
  { user: 'ada', ts: 124000 },
  { user: 'cy', ts: 119200 },
  { user: 'bo', ts: 127000 },
  { user: 'ada', ts: 133000 },
  { user: 'cy', ts: 139000 },
  { user: 'bo', ts: 145000 },
];
