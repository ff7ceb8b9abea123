// Session windows have no fixed size: a key's window lasts while its records come less than a gap
// apart. Each click opens a window of its own, [ts, ts + gap), and windows that overlap merge.
import { EventTimeSessionWindows, ProcessWindowFunction, Time, WatermarkStrategy } from 'streamlab';
import type {
  AggregateFunction,
  Click,
  Collector,
  ProcessWindowContext,
  StreamExecutionEnvironment,
  TimeWindow,
} from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromSource(
      // Four shoppers, two visits a minute between them, for ten minutes.
      env.datasets.clickStream({ users: 4, sessionsPerMinute: 2 }),
      WatermarkStrategy.forBoundedOutOfOrderness<Click>(Time.seconds(2)).withTimestampAssigner(
        (click) => click.ts,
      ),
      'clicks',
    )
    .keyBy((click) => click.user)
    // Try Time.seconds(10) (a pause to read a page splits a visit) or Time.minutes(2).
    .window(EventTimeSessionWindows.withGap(Time.seconds(30)))
    .aggregate(VISIT, new SessionSummary())
    .sinkTo(env.collect('sessions'));
}

/** Clicks and purchases so far; merging two sessions adds their counts. */
const VISIT: AggregateFunction<Click, Visit, Visit> = {
  createAccumulator: () => ({ clicks: 0, purchases: 0 }),
  add: (click, acc) => ({
    clicks: acc.clicks + 1,
    purchases: acc.purchases + (click.action === 'purchase' ? 1 : 0),
  }),
  getResult: (acc) => acc,
  merge: (a, b) => ({ clicks: a.clicks + b.clicks, purchases: a.purchases + b.purchases }),
};

/** Says who, from when to when (the session's window), and what happened in it. */
class SessionSummary extends ProcessWindowFunction<Visit, Session, string> {
  process(
    user: string,
    context: ProcessWindowContext<TimeWindow>,
    visits: readonly Visit[],
    out: Collector<Session>,
  ) {
    const visit = visits[0] ?? { clicks: 0, purchases: 0 };
    const { start, end } = context.window();
    out.collect({ user, start, end, ...visit });
  }
}

interface Visit {
  clicks: number;
  purchases: number;
}

/** One session: its window runs from the first click to 30 s after the last. */
interface Session extends Visit {
  user: string;
  start: number;
  end: number;
}
