/**
 * (g) Session windows with merging: the keyed (1,000 keys) sum of `value` in event-time sessions
 * with a 500 ms gap, against a hand-written loop doing the same event-time logic (each event opens
 * a session of its own, merged with every session it overlaps or touches, as Flink's
 * `MergingWindowSet` does) and building the same result rows.
 *
 * Each key's events come in bursts of a few, under the gap apart, with quiet spells longer than
 * the gap plus the disorder in between. Arriving out of order, a burst's events often open
 * sessions apart that a later event bridges, so merges are common; and no event is late, so every
 * run finds the same sessions whenever watermarks happen to fire.
 */
import { EventTimeSessionWindows, Time } from '../../src/engine/index';
import { PriorityQueue } from '../../src/engine/runtime/priority-queue';
import { BOUND, KEYS, checksum, lcg, shuffled } from '../keyed-events';
import type { Checksum, Event, WindowSum } from '../keyed-events';
import { WATERMARK_EVERY, windowSuite } from '../window-loops';

const EVENTS = 300_000;
const GAP = Time.milliseconds(500);

/** Bursts of 1–8 events 50–400 ms apart, then quiet for 1.1–3 s, per key, in timestamp order. */
function sessionEvents(count: number, seed: number): Event[] {
  const random = lcg(seed);
  const perKey = Math.ceil(count / KEYS);
  const events: Event[] = [];
  for (let key = 0; key < KEYS; key++) {
    let ts = Math.floor(random() * 2_000);
    let left = 0;
    for (let n = 0; n < perKey; n++) {
      if (left === 0) {
        left = 1 + Math.floor(random() * 8);
        ts += GAP + BOUND + 100 + Math.floor(random() * 1_400);
      } else {
        ts += 50 + Math.floor(random() * 350);
      }
      left--;
      events.push({ key, ts, value: Math.floor(random() * 100) });
    }
  }
  events.sort((a, b) => a.ts - b.ts || a.key - b.key);
  return shuffled(events.slice(0, count), random);
}

const events = sessionEvents(EVENTS, 3);

interface Session {
  readonly key: number;
  /** Made in this order: ties in the queue go by it. */
  readonly seq: number;
  start: number;
  end: number;
  sum: number;
  /** Merged into another: its place in the queue is stale. */
  merged: boolean;
}

function loop(): Checksum {
  /** Each key's open sessions. */
  const open = new Map<number, Session[]>();
  /** Open sessions by end (merged ones are skipped when they come up). */
  const queue = new PriorityQueue<Session>(
    (a, b) => a.end < b.end || (a.end === b.end && a.seq < b.seq),
  );
  let made = 0;
  const results: WindowSum[] = [];
  let maxTimestamp = -Infinity;
  const fire = (watermark: number) => {
    for (let next = queue.peek(); next !== undefined && next.end - 1 <= watermark;) {
      const session = queue.pop() as Session;
      next = queue.peek();
      if (session.merged) continue;
      const { key, start, end, sum } = session;
      results.push({ key, start, end, sum });
      const sessions = open.get(key) as Session[];
      sessions.splice(sessions.indexOf(session), 1);
    }
  };
  for (let i = 0; i < events.length; i++) {
    const { key, ts, value } = events[i] as Event;
    if (ts > maxTimestamp) maxTimestamp = ts;
    let sessions = open.get(key);
    if (sessions === undefined) {
      sessions = [];
      open.set(key, sessions);
    }
    // The event's own session, merged with every open one it overlaps or touches.
    const session: Session = {
      key,
      seq: made++,
      start: ts,
      end: ts + GAP,
      sum: value,
      merged: false,
    };
    let grew = true;
    for (let j = 0; j < sessions.length; j++) {
      const other = sessions[j] as Session;
      if (other.start > session.end || other.end < session.start) continue;
      if (other.start <= session.start && other.end >= session.end) {
        // Inside a session already open: that one takes the event, unchanged otherwise.
        other.sum += value;
        grew = false;
        break;
      }
      session.start = Math.min(session.start, other.start);
      session.end = Math.max(session.end, other.end);
      session.sum += other.sum;
      other.merged = true;
      sessions.splice(j, 1);
      j = -1; // The merged session may now reach others: look again.
    }
    if (grew) {
      sessions.push(session);
      queue.push(session);
    }
    if ((i + 1) % WATERMARK_EVERY === 0) fire(maxTimestamp - BOUND - 1);
  }
  fire(Infinity);
  return checksum(results);
}

export default windowSuite(
  'window, sessions: 1,000 keys, 500 ms gap, merging, sum',
  events,
  EventTimeSessionWindows.withGap(GAP),
  loop,
);
