/**
 * (a) map → filter → sum over 1,000,000 in-memory events: Streamlab (trace off, and with the full
 * trace), RxJS 7, @most/core and a hand-written loop.
 *
 * Flink's DataStream API has no global reduce outside windows. Streamlab could sum a bounded stream
 * two faithful ways: a rolling `sum` on a stream keyed by one constant key, or `windowAll` over
 * `GlobalWindows` with a trigger that fires when the input ends (Flink's
 * `GlobalWindows.createWithEndOfStreamTrigger()`), which emits once, like the peers' `reduce`.
 * Both update one accumulator per record and cost the same here; the rolling sum is Flink's usual
 * running total and needs no hand-written trigger, so it is the one measured. Its running totals go
 * to an upsert table, which keeps the latest total in one slot (its update count is the number of
 * values added); a collecting sink would build a row per total, work the peers do not do.
 */
import { map as mostMap, filter as mostFilter, newStream, run } from '@most/core';
import { newDefaultScheduler } from '@most/scheduler';
import type { Sink as MostSink } from '@most/types';
import { filter as rxFilter, from, map as rxMap, reduce as rxReduce } from 'rxjs';
import { StreamExecutionEnvironment } from '../../src/engine/index';
import type { TraceLevel } from '../../src/engine/index';
import { defineSuite } from '../suite';

const EVENTS = 1_000_000;
const values = Array.from({ length: EVENTS }, (_, i) => i);

const increment = (n: number): number => n + 1;
const isEven = (n: number): boolean => n % 2 === 0;

/** The answer every contender must give: the sum, and how many values it added. */
interface Total {
  readonly sum: number;
  readonly count: number;
}

function total(sum: number, count: number): Total {
  return { sum, count };
}

function streamlab(level: TraceLevel): Total {
  const env = StreamExecutionEnvironment.create({ trace: { level } });
  env
    .fromCollection(values)
    .map(increment)
    .filter(isEven)
    .keyBy(() => 'all')
    .sum()
    .sinkTo(env.upsertTable('total', () => 'all'));
  const [row] = env.execute().tables['total'] ?? [];
  return total(row?.value as number, row?.updates ?? 0);
}

function rxjs(): Total {
  let result = total(0, 0);
  from(values)
    .pipe(
      rxMap(increment),
      rxFilter(isEven),
      rxReduce((acc, n) => total(acc.sum + n, acc.count + 1), result),
    )
    .subscribe((last) => (result = last));
  return result;
}

/** @most/core has no `fromArray`: a synchronous source that pushes the whole array at once. */
const mostValues = newStream<number>((sink, scheduler) => {
  const time = scheduler.currentTime();
  for (let i = 0; i < values.length; i++) sink.event(time, values[i] as number);
  sink.end(time);
  return { dispose() {} };
});

function most(): Total {
  let sum = 0;
  let count = 0;
  const sink: MostSink<number> = {
    event(_time, n) {
      sum += n;
      count++;
    },
    end() {},
    error(_time, error) {
      throw error;
    },
  };
  run(sink, newDefaultScheduler(), mostFilter(isEven, mostMap(increment, mostValues)));
  return total(sum, count);
}

function loop(): Total {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const n = increment(values[i] as number);
    if (!isEven(n)) continue;
    sum += n;
    count++;
  }
  return total(sum, count);
}

export default defineSuite({
  name: 'stateless: map → filter → sum',
  items: EVENTS,
  itemName: 'events',
  baseline: 'hand-written loop',
  contenders: {
    'hand-written loop': loop,
    '@most/core': most,
    'RxJS 7': rxjs,
    'Streamlab (trace off)': () => streamlab('counters'),
    'Streamlab (full trace)': () => streamlab('full'),
  },
  aims: [
    {
      contender: 'Streamlab (trace off)',
      against: '@most/core',
      minSpeed: 1,
      text: "at least @most/core's speed",
    },
    {
      contender: 'Streamlab (full trace)',
      minPerSecond: 3e6,
      text: 'a full trace recorded at 3 M events/s',
    },
  ],
});
