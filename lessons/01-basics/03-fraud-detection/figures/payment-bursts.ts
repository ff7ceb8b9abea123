// Card payments from three cards over half an hour. A card is flagged as soon as `threshold` of its
// payments fall in the same window of `window` minutes: the payment that reaches the threshold is
// the one held for review.
import {
  CountTrigger,
  ProcessWindowFunction,
  TestStream,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from 'streamlab';
import type {
  Collector,
  ProcessWindowContext,
  StreamExecutionEnvironment,
  TimeWindow,
} from 'streamlab';

interface Payment {
  card: string;
  ts: number;
  amount: number;
  merchant: string;
}

const minute = (m: number, s = 0) => (m * 60 + s) * 1000;

// card-1 pays now and then; card-2 goes shopping (four payments in four minutes, all honest);
// card-3 is stolen at about 16:00 and used five times in under three minutes.
const PAYMENTS: Payment[] = [
  { card: 'card-1', ts: minute(2, 10), amount: 3.2, merchant: 'Coffee House' },
  { card: 'card-3', ts: minute(3, 0), amount: 42.9, merchant: 'Fresh Market' },
  { card: 'card-2', ts: minute(5, 0), amount: 64.0, merchant: 'Fashion Hub' },
  { card: 'card-2', ts: minute(7, 30), amount: 24.5, merchant: 'Book Nook' },
  { card: 'card-2', ts: minute(8, 10), amount: 89.0, merchant: 'Fashion Hub' },
  { card: 'card-2', ts: minute(9, 0), amount: 4.8, merchant: 'Coffee House' },
  { card: 'card-1', ts: minute(9, 40), amount: 55.1, merchant: 'Fuel Stop' },
  { card: 'card-1', ts: minute(14, 5), amount: 4.1, merchant: 'Coffee House' },
  { card: 'card-1', ts: minute(14, 50), amount: 12.6, merchant: 'Corner Bakery' },
  { card: 'card-3', ts: minute(16, 10), amount: 1.0, merchant: 'giftcards.example' },
  { card: 'card-3', ts: minute(16, 40), amount: 250.0, merchant: 'giftcards.example' },
  { card: 'card-3', ts: minute(17, 25), amount: 480.0, merchant: 'Electro Mega' },
  { card: 'card-3', ts: minute(18, 5), amount: 720.0, merchant: 'Jewel Box' },
  { card: 'card-3', ts: minute(18, 50), amount: 950.0, merchant: 'Luxury Watches' },
  { card: 'card-2', ts: minute(20, 0), amount: 18.0, merchant: 'Cinema Palace' },
  { card: 'card-1', ts: minute(23, 30), amount: 31.7, merchant: 'City Pharmacy' },
  { card: 'card-2', ts: minute(27, 0), amount: 46.3, merchant: 'Fresh Market' },
];

/** How many payments the card made in the window so far. */
class Flag extends ProcessWindowFunction<Payment, number, string> {
  process(
    _card: string,
    _context: ProcessWindowContext<TimeWindow>,
    payments: readonly Payment[],
    out: Collector<number>,
  ) {
    out.collect(payments.length);
  }
}

export default function pipeline(
  env: StreamExecutionEnvironment,
  params: { window: number; threshold: number },
) {
  // Each payment reaches the pipeline half a second after the card was used.
  let script = TestStream.create<Payment>();
  let now = 0;
  for (const payment of PAYMENTS) {
    script = script.advanceProcessingTime(payment.ts + 500 - now).addElements(payment);
    now = payment.ts + 500;
  }
  env
    .fromSource(
      script.build('payments'),
      WatermarkStrategy.forMonotonousTimestamps<Payment>().withTimestampAssigner((p) => p.ts),
    )
    .keyBy((payment) => payment.card)
    .window(TumblingEventTimeWindows.of(Time.minutes(params.window)))
    // Decide at the payment that reaches the threshold, not when the window ends.
    .trigger(CountTrigger.of(params.threshold))
    .process(new Flag())
    .sinkTo(env.collect('flags'));
}
