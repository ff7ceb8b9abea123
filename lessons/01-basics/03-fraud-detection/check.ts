// Grades a run of "Fraud detection" by what reached the 'review' sink, and where it came from.
import { formatRecord, hasFields, originOfEach, pipelineProblem } from 'streamlab';
import type { CheckInput, CheckResult, LessonPipeline } from 'streamlab';

interface Payment {
  card: string;
  ts: number;
  amount: number;
  country: string;
  home: string;
}

// The payments the starter program sends, in the same order. Each likely mistake flags a
// different set: 500 € in JP tells > from >=, 510 € in GB a limit a little too high, 650 € at
// home and 35 € in ES tell && from ||, and card-3 (from NL) paying 710 € in DE tells the card's own
// home country from one fixed country.
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

const LIMIT = 500;
const SINK = 'review';

const atHome = (p: Payment) => p.country === p.home;
const risky = (p: Payment) => p.amount > LIMIT && !atHome(p);
const RISKY = PAYMENTS.filter(risky);

const PIPELINE: LessonPipeline<Payment> = {
  sink: SINK,
  madeFrom: 'one record',
  unsourced: 'each entry must come from the payment it names, through .filter and .map.',
  input: {
    records: PAYMENTS,
    noun: 'payment',
    counted: 'twelve payments',
    restore:
      'Put the payments back as the starter had them (Reset brings the starter back) and pick the risky ones with .filter and .map.',
    readOnly:
      'The review queue must be computed from the payments, not written into a source: read only the payments.',
  },
};

const fail = (message: string): CheckResult => ({ pass: false, message });

/** `card-3's 500 € in JP (at 131 s)`: how the messages name a payment. */
const describe = (p: Payment) => `${p.card}'s ${p.amount} € in ${p.country} (at ${p.ts / 1000} s)`;

/** What is wrong with the set of flagged payments, or undefined when it is exactly the risky ones. */
function selectionProblem(flagged: readonly Payment[]): string | undefined {
  const has = (p: Payment) => flagged.includes(p);
  if (flagged.length === PAYMENTS.length) {
    return `Every payment reached the review queue: add a .filter that keeps only payments over ${LIMIT} € made outside the card's home country.`;
  }
  const homeExtra = flagged.find((p) => atHome(p));
  const smallAbroad = flagged.find((p) => !atHome(p) && p.amount <= LIMIT);
  if (homeExtra !== undefined && flagged.every(atHome) && !RISKY.some(has)) {
    return `Every flagged payment was made in its card's home country, such as ${describe(homeExtra)}, and none made abroad: the country comparison is the wrong way round. Flag a payment when payment.country !== payment.home.`;
  }
  const bigAtHome = flagged.find((p) => atHome(p) && p.amount > LIMIT);
  if (bigAtHome !== undefined && smallAbroad !== undefined) {
    return `${describe(bigAtHome)}, at home, and ${describe(smallAbroad)}, abroad but small, were flagged. A payment needs both to be risky: over ${LIMIT} € and outside the home country. Use && rather than ||.`;
  }
  const belowLimit = flagged.find((p) => p.amount < LIMIT);
  if (belowLimit !== undefined) {
    return `${describe(belowLimit)} was flagged, but it is not over ${LIMIT} €. Keep only payments with amount > ${LIMIT}.`;
  }
  const atLimit = flagged.find((p) => p.amount === LIMIT);
  if (atLimit !== undefined) {
    return `${describe(atLimit)} was flagged, but ${LIMIT} is not over ${LIMIT}: use > rather than >=.`;
  }
  if (homeExtra !== undefined) {
    const abroadMissed = RISKY.find((p) => !has(p));
    const hint =
      abroadMissed === undefined
        ? 'Flag a payment only when payment.country differs from payment.home.'
        : `And ${describe(abroadMissed)}, made with a card from ${abroadMissed.home}, was not flagged: the filter seems to compare with one fixed country. Compare payment.country with payment.home, each card's own home country.`;
    return `${describe(homeExtra)} was flagged, but ${homeExtra.country} is ${homeExtra.card}'s home country, so it is not a payment abroad. ${hint}`;
  }
  const missing = RISKY.filter((p) => !has(p));
  if (missing.length > 0) {
    const list = missing.map(describe).join(' and ');
    return `${list} ${missing.length === 1 ? 'is' : 'are'} over ${LIMIT} € and outside the card's home country, but ${missing.length === 1 ? 'was' : 'were'} not flagged. Is the limit exactly ${LIMIT}, and does the filter compare payment.country with payment.home?`;
  }
  const twice = flagged.find((p, i) => flagged.indexOf(p) !== i);
  if (twice !== undefined) {
    return `${describe(twice)} went to review more than once: each risky payment should go once.`;
  }
  return undefined;
}

/** What is wrong with one review entry, compared with the entry its payment should give. */
function entryProblem(got: unknown, payment: Payment): string | undefined {
  const want = {
    card: payment.card,
    ts: payment.ts,
    amount: payment.amount,
    country: payment.country,
  };
  if (!hasFields(got)) {
    return `expected an object like ${formatRecord(want)}, got ${formatRecord(got)}`;
  }
  if ('home' in got) {
    return `it is still a payment, ${formatRecord(got)}: add a .map that turns each one into { card, ts, amount, country }`;
  }
  for (const field of ['card', 'ts', 'amount'] as const) {
    if (got[field] !== want[field]) {
      return `expected ${field} ${formatRecord(want[field])}, got ${formatRecord(got[field])}`;
    }
  }
  if (got.country !== want.country) {
    const why = got.country === payment.home ? `, the card's home country` : '';
    return `expected country ${formatRecord(want.country)} (where the payment was made), got ${formatRecord(got.country)}${why}`;
  }
  return undefined;
}

export default function check(run: CheckInput): CheckResult {
  const problem = pipelineProblem(run, PIPELINE);
  if (problem !== undefined) return fail(problem);
  const got = run.sinks[SINK] ?? [];

  // Which payment each entry came from: exactly one, through the learner's operators.
  const flagged = originOfEach(run, SINK).map((at) => PAYMENTS[at as number] as Payment);

  const selection = selectionProblem(flagged);
  if (selection !== undefined) return fail(selection);

  for (const [i, value] of got.entries()) {
    const wrong = entryProblem(value, flagged[i] as Payment);
    if (wrong !== undefined) return fail(`Entry ${i + 1} of ${RISKY.length}: ${wrong}.`);
  }

  return {
    pass: true,
    message: `All ${RISKY.length} risky payments went to review: ${RISKY.map(describe).join('; ')}.`,
  };
}
