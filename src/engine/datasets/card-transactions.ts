import { Random } from '../random';
import { episodeSource, type Occurrence } from '../sources/generator/episode-source';
import type { Source } from '../sources/source';
import { requirePositive } from '../sources/validate';
import {
  type DatasetOptions,
  datasetTimeline,
  keyName,
  keysOf,
  requireKeysPerPartition,
  resolveDataset,
  round,
} from './dataset-options';

/**
 * How a fraud played out:
 * - `card-testing`: a tiny charge to check that a stolen card works, then a large one minutes later;
 * - `impossible-travel`: a charge on another continent minutes after the cardholder paid at home.
 */
export type FraudPattern = 'card-testing' | 'impossible-travel';

/** One card payment. */
export interface CardTransaction {
  /** Unique within the dataset. */
  readonly id: string;
  /** `card-001`, `card-002`, … */
  readonly card: string;
  /** In euros, to the cent. */
  readonly amount: number;
  /** Where the card was used: a shop name. */
  readonly merchant: string;
  /** Two-letter country code where the payment was made. */
  readonly country: string;
  /** When the payment was made (event time, ms). */
  readonly ts: number;
  /** The truth a detector should find: set on fraudulent payments only. */
  readonly fraud?: FraudPattern;
}

/** Options of {@link cardTransactions}. */
export interface CardTransactionsOptions extends DatasetOptions {
  /** Number of cards. Default 100. */
  readonly cards?: number;
  /** Payments (or fraud attempts) per second of event time. Default 2. */
  readonly ratePerSecond?: number;
  /** Share of episodes that are fraud attempts. Default 0.01. */
  readonly fraudRate?: number;
}

const CONTINENTS: Readonly<Record<string, readonly string[]>> = {
  europe: ['DE', 'FR', 'NL', 'ES', 'IT', 'PL', 'GB'],
  americas: ['US', 'CA', 'MX', 'BR', 'AR'],
  asia: ['JP', 'SG', 'IN', 'KR'],
  oceania: ['AU', 'NZ'],
};
const HOME_CONTINENTS: readonly (readonly [string, number])[] = [
  ['europe', 6],
  ['americas', 3],
  ['asia', 1],
];

/** Merchants and the mean amount spent there. */
const MERCHANTS: readonly (readonly [string, number])[] = [
  ['Corner Bakery', 8],
  ['Fresh Market', 45],
  ['Fuel Stop', 60],
  ['Coffee House', 5],
  ['City Pharmacy', 20],
  ['Book Nook', 25],
  ['Fashion Hub', 70],
  ['Rail Tickets', 40],
  ['Cinema Palace', 18],
  ['Hotel Central', 150],
];
const ONLINE_SHOPS = ['webstore.example', 'giftcards.example', 'streaming.example'] as const;
const BIG_TICKET = ['Electro Mega', 'Jewel Box', 'Luxury Watches'] as const;

/**
 * Card payments with a few frauds hidden among them, labelled in `fraud` so a detector's results can
 * be checked. Each card has a home country where almost all its payments happen. Frauds are
 * card testing (a charge under 2 € followed within minutes by one over 500 €) and impossible travel
 * (a payment on another continent minutes after one at home).
 * Defaults: 100 cards, 2 payments a second, 1 % fraud attempts, 10 minutes, up to 3 s late.
 *
 * @example
 * ```ts
 * cardTransactions({ cards: 20, fraudRate: 0.05 }, seed);
 * ```
 */
export function cardTransactions(
  options: CardTransactionsOptions = {},
  seed = 0,
): Source<CardTransaction> {
  const { cards = 100, ratePerSecond = 2, fraudRate = 0.01 } = options;
  const dataset = resolveDataset(
    options,
    { name: 'card-transactions', durationMs: 600_000, maxDelayMs: 3_000 },
    seed,
  );
  requireKeysPerPartition('cards', cards, dataset.partitions);
  requirePositive(ratePerSecond, 'ratePerSecond');
  if (!(fraudRate >= 0 && fraudRate <= 1)) {
    throw new RangeError(`fraudRate must be between 0 and 1, got ${fraudRate}.`);
  }
  const cardsOf = Array.from({ length: dataset.partitions }, (_, partition) =>
    keysOf(cards, dataset.partitions, partition).map((card) => {
      const name = keyName('card', card, cards);
      const random = Random.derive(seed, 'home', name);
      const continent = random.weighted(HOME_CONTINENTS);
      return { name, continent, home: random.pick(CONTINENTS[continent] ?? []) };
    }),
  );

  return episodeSource({
    name: dataset.name,
    seed,
    partitions: dataset.partitions,
    delay: dataset.delay,
    timeline: (partition) => {
      const share = (cardsOf[partition]?.length ?? 0) / cards;
      return datasetTimeline(dataset, (ratePerSecond * share) / 1_000, 'exponential');
    },
    episode: ({ partition, index, time, random }) => {
      const card = random.pick(cardsOf[partition] ?? []);
      const payments = random.chance(fraudRate)
        ? fraud(card, time, random)
        : [{ at: time, ...payment(card.home, random) }];
      return payments.map(({ at, ...rest }, sub): Occurrence<CardTransaction> => ({
        eventTime: at,
        value: { id: `tx-${partition}-${index}-${sub}`, card: card.name, ts: at, ...rest },
      }));
    },
  });
}

interface Payment {
  readonly at: number;
  readonly amount: number;
  readonly merchant: string;
  readonly country: string;
  readonly fraud?: FraudPattern;
}

interface Card {
  readonly name: string;
  readonly continent: string;
  readonly home: string;
}

/** An ordinary payment; now and then abroad, on the same continent (a weekend trip). */
function payment(home: string, random: Random): Omit<Payment, 'at'> {
  const [merchant, mean] = random.pick(MERCHANTS);
  const country = random.chance(0.97) ? home : random.pick(continentOf(home));
  // Even the smallest honest payment is a coin or two, never zero.
  return { amount: Math.max(0.5, round(random.logNormal(mean, 0.6))), merchant, country };
}

function fraud(card: Card, time: number, random: Random): Payment[] {
  const later = time + Math.round(random.between(30_000, 300_000));
  if (random.chance(0.5)) {
    const pattern = 'card-testing';
    return [
      {
        at: time,
        amount: round(random.between(0.5, 2)),
        merchant: random.pick(ONLINE_SHOPS),
        country: card.home,
        fraud: pattern,
      },
      {
        at: later,
        amount: round(random.between(500, 2_500)),
        merchant: random.pick(BIG_TICKET),
        country: card.home,
        fraud: pattern,
      },
    ];
  }
  const elsewhere = Object.entries(CONTINENTS).filter(
    ([continent]) => continent !== card.continent,
  );
  const [, countries] = random.pick(elsewhere);
  return [
    { at: time, ...payment(card.home, random), country: card.home },
    {
      at: later,
      amount: round(random.between(100, 900)),
      merchant: random.pick(BIG_TICKET),
      country: random.pick(countries),
      fraud: 'impossible-travel',
    },
  ];
}

function continentOf(country: string): readonly string[] {
  return Object.values(CONTINENTS).find((countries) => countries.includes(country)) ?? [country];
}
