import { describe, expect, it } from 'vitest';
import { type Click, MAX_THINK_TIME_MS, clickStream } from '../../../../src/engine/datasets';
import { expectNonDecreasingArrivals, expectResumesExactly, readAll, recordsOf } from '../read';

const clicksOf = (source: ReturnType<typeof clickStream>) =>
  Array.from({ length: source.partitions }, (_, p) =>
    recordsOf(readAll(source.createReader(p))).map((r) => r.value),
  );

/** Splits a user's clicks wherever they are more than `gapMs` apart. */
function sessions(clicks: readonly Click[], gapMs: number): Click[][] {
  const result: Click[][] = [];
  for (const click of clicks.toSorted((a, b) => a.ts - b.ts)) {
    const current = result.at(-1);
    const last = current?.at(-1);
    if (current && last && click.ts - last.ts <= gapMs) current.push(click);
    else result.push([click]);
  }
  return result;
}

describe('clickStream', () => {
  const source = clickStream({}, 3);
  const events = readAll(source.createReader(0));
  const clicks = recordsOf(events).map((r) => r.value);
  const byUser = new Map<string, Click[]>();
  for (const click of clicks) byUser.set(click.user, [...(byUser.get(click.user) ?? []), click]);

  it('has sensible defaults: 20 users browsing for 10 minutes, up to 2 s late', () => {
    expect(source).toMatchObject({ name: 'click-stream', partitions: 1, bounded: true });
    expect(byUser.size).toBeGreaterThan(15);
    expect(byUser.size).toBeLessThanOrEqual(20);
    expect(clicks.every((c) => /^user-\d\d$/.test(c.user))).toBe(true);
    expect(Math.max(...clicks.map((c) => c.ts))).toBeGreaterThan(500_000);
    expectNonDecreasingArrivals(events);
    for (const record of recordsOf(events)) {
      expect(record.timestamp).toBe(record.value.ts);
      expect(record.arrivalTime - record.value.ts).toBeLessThanOrEqual(2_000);
    }
  });

  it('comes in sessions: bursts of clicks seconds apart, separated by longer silences', () => {
    let totalSessions = 0;
    for (const userClicks of byUser.values()) totalSessions += sessions(userClicks, 30_000).length;
    // About 6 sessions a minute over 10 minutes; a few merge with the same user's next one.
    expect(totalSessions).toBeGreaterThan(35);
    expect(totalSessions).toBeLessThan(75);
    expect(clicks.length / totalSessions).toBeGreaterThan(3);
  });

  it('never leaves more than the think-time bound between two clicks of a session', () => {
    // With a thousand users a user's two sessions almost never fall within a minute of each other,
    // so every gap under a minute is a gap inside one session.
    const many = clicksOf(clickStream({ users: 1_000 }, 4))[0] ?? [];
    const users = new Map<string, Click[]>();
    for (const click of many) users.set(click.user, [...(users.get(click.user) ?? []), click]);
    const gaps = [...users.values()].flatMap((userClicks) =>
      userClicks
        .toSorted((a, b) => a.ts - b.ts)
        .flatMap((click, i, sorted) => (i === 0 ? [] : [click.ts - (sorted[i - 1] as Click).ts])),
    );
    const inSession = gaps.filter((gap) => gap < 60_000);
    expect(inSession.length).toBeGreaterThan(100);
    expect(Math.max(...inSession)).toBeLessThanOrEqual(MAX_THINK_TIME_MS);
  });

  it('looks like shopping: views, some carts, a few purchases after a cart', () => {
    const actions = new Set(clicks.map((c) => c.action));
    expect(actions).toEqual(new Set(['view', 'add_to_cart', 'purchase']));
    expect(clicks.filter((c) => c.action === 'view').length).toBeGreaterThan(clicks.length / 2);
    for (const purchase of clicks.filter((c) => c.action === 'purchase')) {
      expect(purchase.page).toBe('/checkout');
      const earlier = (byUser.get(purchase.user) ?? []).filter((c) => c.ts < purchase.ts);
      expect(earlier.some((c) => c.action === 'add_to_cart')).toBe(true);
    }
  });

  it('keeps each user in one partition and is deterministic per seed', () => {
    const split = clicksOf(clickStream({ users: 6, partitions: 3 }, 1));
    const usersPerPartition = split.map((part) => new Set(part.map((c) => c.user)));
    for (let a = 0; a < 3; a++) {
      for (let b = a + 1; b < 3; b++) {
        const shared = [...(usersPerPartition[a] ?? [])].filter((u) =>
          usersPerPartition[b]?.has(u),
        );
        expect(shared).toEqual([]);
      }
    }
    expect(clicksOf(clickStream({}, 5))).toEqual(clicksOf(clickStream({}, 5)));
    expect(clicksOf(clickStream({}, 5))).not.toEqual(clicksOf(clickStream({}, 6)));
  });

  it('resumes exactly from any position', () => {
    expectResumesExactly(clickStream({ durationMs: 120_000 }, 2), 0);
  });

  it('checks its options', () => {
    expect(() => clickStream({ sessionsPerMinute: 0 })).toThrow('sessionsPerMinute');
    expect(() => clickStream({ users: 0 })).toThrow('users');
    expect(() => clickStream({ durationMs: -1 })).toThrow('durationMs');
    expect(() => clickStream({ maxDelayMs: -1 })).toThrow('maxDelayMs');
  });
});
