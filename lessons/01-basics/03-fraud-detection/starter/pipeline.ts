import { WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

// Twelve card payments, in the order they arrive. `ts` is when the card was used (ms since the
// shops opened), `amount` is in euros, `country` is where the payment was made, and `home` is the
// card's home country, looked up from the card's profile before the payment reached this pipeline.
const PAYMENTS: Payment[] = [
  { card: 'card-1', ts: 15_000, amount: 42.1, country: 'DE', home: 'DE' },
  { card: 'card-2', ts: 41_000, amount: 650, country: 'FR', home: 'FR' },
  { card: 'card-3', ts: 63_000, amount: 12.5, country: 'NL', home: 'NL' },
  { card: 'card-1', ts: 88_000, amount: 820, country: 'US', home: 'DE' },
  { card: 'card-2', ts: 102_000, amount: 35, country: 'ES', home: 'FR' },
  { card: 'card-3', ts: 131_000, amount: 500, country: 'JP', home: 'NL' },
  { card: 'card-3', ts: 149_000, amount: 710, country: 'DE', home: 'NL' },
  { card: 'card-1', ts: 170_000, amount: 18, country: 'DE', home: 'DE' },
  { card: 'card-2', ts: 196_000, amount: 1240, country: 'BR', home: 'FR' },
  { card: 'card-3', ts: 214_000, amount: 510, country: 'GB', home: 'NL' },
  { card: 'card-1', ts: 238_000, amount: 3.2, country: 'DE', home: 'DE' },
  { card: 'card-2', ts: 255_000, amount: 95, country: 'FR', home: 'FR' },
];

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    // Source: the payments, one every 100 ms of virtual time.
    .fromCollection(PAYMENTS)
    // Event time: each payment happened at its `ts`, which puts it on the chart's event-time axis.
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.noWatermarks<Payment>().withTimestampAssigner((p) => p.ts),
    )
    // Your operators go here, between the event time and the sink:
    // .filter(...) keeps only the payments for which your function returns true.
    // .map(...) turns each payment into a new value.

    // Sink: everything that reaches this point goes to the review queue, named 'review'.
    // For now every payment ends up there, not just the risky ones.
    .sinkTo(env.collect('review'));
}

/** One card payment: which card, when, how much, where it was made, and the card's home country. */
interface Payment {
  card: string;
  ts: number;
  amount: number;
  country: string;
  home: string;
}
