// Mistake: flags payments that are over the limit OR abroad (|| instead of &&).
// The check answers: /card-2's 650 € in FR \(at 41 s\), at home, and card-2's 35 € in ES \(at 102 s\).*Use && rather than \|\|/
import { WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

// Payments over this amount, in euros, made outside the card's home country go to review.
const LIMIT = 500;

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
    .fromCollection(PAYMENTS)
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.noWatermarks<Payment>().withTimestampAssigner((p) => p.ts),
    )
    // Keep payments over the limit (500 € itself is not over it) made outside the home country.
    .filter((payment) => payment.amount > LIMIT || payment.country !== payment.home)
    // Turn each one into an entry for the review queue: which card, when, how much and where.
    .map((payment) => ({
      card: payment.card,
      ts: payment.ts,
      amount: payment.amount,
      country: payment.country,
    }))
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
