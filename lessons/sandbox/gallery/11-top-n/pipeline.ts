// A ProcessWindowFunction is called once per window with every record the window holds, and with
// the window itself: enough to compare records with each other, as a ranking must. The price is
// that the window keeps every record until it fires.
import {
  ProcessWindowFunction,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from 'streamlab';
import type {
  CardTransaction,
  Collector,
  ProcessWindowContext,
  StreamExecutionEnvironment,
  TimeWindow,
} from 'streamlab';

/** How many shops to list per window. Try 5. */
const TOP = 3;

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromSource(
      // Fifty cards, two payments a second between them, for ten minutes.
      env.datasets.cardTransactions({ cards: 50 }),
      WatermarkStrategy.forBoundedOutOfOrderness<CardTransaction>(
        Time.seconds(3),
      ).withTimestampAssigner((payment) => payment.ts),
      'payments',
    )
    // One window for all payments, not one per shop: the ranking compares shops with each other.
    // Try Time.minutes(2).
    .windowAll(TumblingEventTimeWindows.of(Time.minutes(1)))
    .process(new TopShops())
    .sinkTo(env.collect('top shops'));
}

/** Adds up each shop's takings in the window and emits the TOP highest, one row per place. */
class TopShops extends ProcessWindowFunction<CardTransaction, Place, undefined> {
  process(
    _key: undefined,
    context: ProcessWindowContext<TimeWindow>,
    payments: readonly CardTransaction[],
    out: Collector<Place>,
  ) {
    const takings = new Map<string, { total: number; payments: number }>();
    for (const payment of payments) {
      const shop = takings.get(payment.merchant) ?? { total: 0, payments: 0 };
      takings.set(payment.merchant, {
        total: shop.total + payment.amount,
        payments: shop.payments + 1,
      });
    }
    const ranked = [...takings].sort(([, a], [, b]) => b.total - a.total).slice(0, TOP);
    const minute = context.window().start / 60_000;
    ranked.forEach(([merchant, shop], i) => {
      out.collect({
        minute,
        place: i + 1,
        merchant,
        payments: shop.payments,
        // Rounded to the cent: sums of cents in floating point gather tiny errors.
        euros: Math.round(shop.total * 100) / 100,
      });
    });
  }
}

/** One place of a window's ranking; `minute` is when the window starts. */
interface Place {
  minute: number;
  place: number;
  merchant: string;
  payments: number;
  euros: number;
}
