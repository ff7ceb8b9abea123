import { describe, expect, it } from 'vitest';
import { type CardTransaction, cardTransactions } from '../../../../src/engine/datasets';
import { expectNonDecreasingArrivals, expectResumesExactly, readAll, recordsOf } from '../read';

const CONTINENT_OF: Record<string, string> = {};
for (const [continent, countries] of Object.entries({
  europe: ['DE', 'FR', 'NL', 'ES', 'IT', 'PL', 'GB'],
  americas: ['US', 'CA', 'MX', 'BR', 'AR'],
  asia: ['JP', 'SG', 'IN', 'KR'],
  oceania: ['AU', 'NZ'],
})) {
  for (const country of countries) CONTINENT_OF[country] = continent;
}

describe('cardTransactions', () => {
  const source = cardTransactions({ fraudRate: 0.05 }, 11);
  const events = readAll(source.createReader(0));
  const payments = recordsOf(events).map((r) => r.value);
  const frauds = payments.filter((p) => p.fraud !== undefined);

  it('has sensible defaults and arrives out of order within 3 s', () => {
    const defaults = recordsOf(readAll(cardTransactions().createReader(0)));
    // About 2 payments a second for 10 minutes.
    expect(defaults.length).toBeGreaterThan(1_000);
    expect(defaults.length).toBeLessThan(1_450);
    expect(source).toMatchObject({ name: 'card-transactions', partitions: 1, bounded: true });
    expectNonDecreasingArrivals(events);
    for (const record of recordsOf(events)) {
      expect(record.timestamp).toBe(record.value.ts);
      expect(record.arrivalTime - record.value.ts).toBeLessThanOrEqual(3_000);
    }
    expect(new Set(payments.map((p) => p.id)).size).toBe(payments.length);
    for (const payment of payments) {
      expect(payment.amount).toBeGreaterThan(0);
      expect(Math.round(payment.amount * 100) / 100).toBe(payment.amount);
      expect(CONTINENT_OF[payment.country]).toBeDefined();
    }
  });

  it('mostly pays at home: each card has one country for nearly all honest payments', () => {
    const byCard = new Map<string, CardTransaction[]>();
    for (const p of payments) byCard.set(p.card, [...(byCard.get(p.card) ?? []), p]);
    let home = 0;
    for (const cardPayments of byCard.values()) {
      const counts = new Map<string, number>();
      for (const p of cardPayments) counts.set(p.country, (counts.get(p.country) ?? 0) + 1);
      home += Math.max(...counts.values());
    }
    expect(home / payments.length).toBeGreaterThan(0.9);
  });

  it('hides a few frauds of both patterns, labelled', () => {
    const patterns = new Set(frauds.map((f) => f.fraud));
    expect(patterns).toEqual(new Set(['card-testing', 'impossible-travel']));
    expect(frauds.length).toBeLessThan(payments.length * 0.15);

    const testing = frauds.filter((f) => f.fraud === 'card-testing');
    const small = testing.filter((f) => f.amount < 2);
    expect(small.length).toBeGreaterThan(0);
    for (const probe of small) {
      const follow = testing.find(
        (f) =>
          f.card === probe.card && f.amount >= 500 && f.ts > probe.ts && f.ts - probe.ts <= 300_000,
      );
      expect(follow, `large charge after ${probe.id}`).toBeDefined();
    }

    for (const far of frauds.filter((f) => f.fraud === 'impossible-travel')) {
      const before = payments.filter(
        (p) =>
          p.card === far.card && p.ts < far.ts && far.ts - p.ts <= 300_000 && p.fraud === undefined,
      );
      expect(before.some((p) => CONTINENT_OF[p.country] !== CONTINENT_OF[far.country])).toBe(true);
    }
  });

  it('has no frauds when the rate is 0, and is deterministic per seed', () => {
    const honest = recordsOf(readAll(cardTransactions({ fraudRate: 0 }, 1).createReader(0)));
    expect(honest.some((r) => r.value.fraud !== undefined)).toBe(false);
    const again = recordsOf(readAll(cardTransactions({ fraudRate: 0.05 }, 11).createReader(0)));
    expect(again.map((r) => r.value)).toEqual(payments);
  });

  it('resumes exactly from any position', () => {
    expectResumesExactly(cardTransactions({ durationMs: 60_000, fraudRate: 0.2 }, 4), 0);
  });

  it('checks its options', () => {
    expect(() => cardTransactions({ fraudRate: 2 })).toThrow('fraudRate');
    expect(() => cardTransactions({ cards: 1, partitions: 2 })).toThrow('at least 2 cards');
  });
});
