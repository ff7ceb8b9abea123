// Grades a run of "Session windows" by the counts that reached 'clicks per session': the user and
// session each belongs to, and the clicks behind it.
import {
  pipelineProblem,
  windowHolds,
  formatRecord,
  formatSeconds,
  hasFields,
  windowLabel,
} from 'streamlab';
import type { CheckInput, CheckResult, CollectedRecord, LessonPipeline } from 'streamlab';

interface Click {
  user: string;
  page: string;
  ts: number;
}

// The clicks the starter program sends, in the same order. Within a session, clicks are at most
// 25 s apart, some more than 10 s; between sessions, pauses are 42 s, 48 s, 75 s and 79 s. So a
// gap of 30 s gives 8 sessions, 10 s gives 14, 1 minute gives 6 and 2 minutes gives 3, and fixed
// windows of any size cut the sessions differently again.
const CLICKS: Click[] = [
  { user: 'ana', page: '/', ts: 0 },
  { user: 'ben', page: '/', ts: 3000 },
  { user: 'ana', page: '/search', ts: 8000 },
  { user: 'ana', page: '/product/7', ts: 20000 },
  { user: 'ben', page: '/category/books', ts: 15000 },
  { user: 'ben', page: '/product/3', ts: 40000 },
  { user: 'cai', page: '/', ts: 60000 },
  { user: 'cai', page: '/category/toys', ts: 64000 },
  { user: 'cai', page: '/product/12', ts: 70000 },
  { user: 'ben', page: '/', ts: 82000 },
  { user: 'ben', page: '/search', ts: 87000 },
  { user: 'ana', page: '/', ts: 95000 },
  { user: 'ana', page: '/category/garden', ts: 99000 },
  { user: 'ben', page: '/product/9', ts: 101000 },
  { user: 'cai', page: '/search', ts: 118000 },
  { user: 'ana', page: '/product/21', ts: 121000 },
  { user: 'cai', page: '/product/40', ts: 126000 },
  { user: 'ana', page: '/checkout', ts: 130000 },
  { user: 'cai', page: '/checkout', ts: 150000 },
  { user: 'ben', page: '/', ts: 180000 },
  { user: 'ana', page: '/', ts: 205000 },
  { user: 'ana', page: '/category/shoes', ts: 209000 },
];

const SINK = 'clicks per session';
const GAP = 30_000;
const USERS = [...new Set(CLICKS.map((c) => c.user))];
const ASSIGNER = 'EventTimeSessionWindows.withGap(Time.seconds(30))';

/** One session: a user's clicks, by their positions in CLICKS, and the window they make. */
interface Session {
  readonly user: string;
  readonly start: number;
  readonly end: number;
  readonly clicks: readonly number[];
}

/** The sessions `gap` makes: each user's clicks split wherever two are more than `gap` apart. */
function sessionsWith(gap: number): Session[] {
  const sessions: Session[] = [];
  for (const user of USERS) {
    const clicks = CLICKS.map((c, i) => ({ ...c, i }))
      .filter((c) => c.user === user)
      .sort((a, b) => a.ts - b.ts);
    let current: { start: number; last: number; clicks: number[] } | undefined;
    for (const click of clicks) {
      // Windows [ts, ts + gap) that overlap or touch merge, so a pause of exactly `gap` does not
      // end a session.
      if (current !== undefined && click.ts <= current.last + gap) {
        current.last = click.ts;
        current.clicks.push(click.i);
        continue;
      }
      if (current !== undefined) sessions.push(close(user, current, gap));
      current = { start: click.ts, last: click.ts, clicks: [click.i] };
    }
    if (current !== undefined) sessions.push(close(user, current, gap));
  }
  return sessions;
}

function close(user: string, s: { start: number; last: number; clicks: number[] }, gap: number) {
  return { user, start: s.start, end: s.last + gap, clicks: [...s.clicks].sort((a, b) => a - b) };
}

const EXPECTED = sessionsWith(GAP);

const PIPELINE: LessonPipeline<Click> = {
  sink: SINK,
  madeFrom: 'records',
  unsourced: 'every count must come from the clicks of its session.',
  input: {
    records: CLICKS,
    noun: 'click',
    restore:
      'Put the clicks back as the starter had them (Reset brings the starter back) and count them per session.',
    readOnly:
      'The counts must be computed from the clicks, not written into a source: read only the clicks.',
  },
};

const fail = (message: string): CheckResult => ({ pass: false, message });

/**
 * What is wrong with the windows: processing time, fixed windows instead of sessions, or a gap
 * other than 30 s. Sessions of gap g start at their first click and end g after their last.
 */
function windowProblem(rows: readonly CollectedRecord[], origins: readonly number[][]): string {
  // The clicks behind result i, in event-time order.
  const clicksOf = (i: number) =>
    (origins[i] ?? []).map((o) => CLICKS[o] as Click).sort((a, b) => a.ts - b.ts);
  for (const [i, row] of rows.entries()) {
    const window = row.window;
    if (window === undefined) continue;
    const outside = clicksOf(i).find((c) => !windowHolds(window, c.ts));
    if (outside !== undefined) {
      return `The window ${windowLabel(window)} counted ${outside.user}'s click at ${outside.ts} ms, which did not happen in it: these windows follow processing time, when the clicks arrived. Use ${ASSIGNER}.`;
    }
  }
  const fixed = rows.find(
    (r, i) => r.window !== undefined && r.window.start !== clicksOf(i)[0]?.ts,
  );
  if (fixed?.window !== undefined) {
    const size = fixed.window.end - fixed.window.start;
    return `The window ${windowLabel(fixed.window)} of ${String(fixed.key)} does not start at a click: it is a fixed slice of ${formatSeconds(size)} of the clock, which cuts through sessions and lumps others together. A session window starts at a user's first click and ends 30 s after the last one: use ${ASSIGNER}.`;
  }
  // Every window is a session: its end is the gap after its last click.
  const gaps = rows.map((row, i) => (row.window?.end ?? 0) - (clicksOf(i).at(-1)?.ts ?? 0));
  const gap = gaps.find((g) => g !== GAP);
  if (gap === undefined) return '';
  const change = `Use ${ASSIGNER}: you get ${sessionsWith(gap).length} sessions instead of ${EXPECTED.length}.`;
  if (gap > GAP) {
    // A pause of more than 30 s inside one of the learner's sessions.
    const merged = rows.flatMap((_, i) => pausesIn(clicksOf(i)).filter((p) => p.pause > GAP));
    const example = merged[0];
    const detail =
      example === undefined
        ? ''
        : `: ${example.user}'s clicks at ${example.before} and ${example.after} ms, ${formatSeconds(example.pause)} apart, were counted as one session, though a pause of more than 30 s ends a session`;
    return `Your sessions end ${formatSeconds(gap)} after their last click, a gap of ${formatSeconds(gap)}${detail}. ${change}`;
  }
  // A pause inside one of the right sessions that the learner's gap splits.
  const split = EXPECTED.flatMap((session) =>
    pausesIn(session.clicks.map((c) => CLICKS[c] as Click)).filter((p) => p.pause > gap),
  )[0];
  const detail =
    split === undefined
      ? ''
      : `: ${split.user}'s clicks at ${split.before} and ${split.after} ms, ${formatSeconds(split.pause)} apart, ended up in different sessions, though they belong to one`;
  return `Your sessions end ${formatSeconds(gap)} after their last click, a gap of ${formatSeconds(gap)}${detail}. ${change}`;
}

/** The pauses between a user's consecutive clicks, in event-time order. */
function pausesIn(clicks: readonly Click[]) {
  const ordered = [...clicks].sort((a, b) => a.ts - b.ts);
  return ordered.slice(1).map((click, k) => {
    const before = (ordered[k] as Click).ts;
    return { user: click.user, before, after: click.ts, pause: click.ts - before };
  });
}

export default function check(run: CheckInput): CheckResult {
  const problem = pipelineProblem(run, PIPELINE);
  if (problem !== undefined) return fail(problem);
  const rows = run.outputs[SINK] ?? [];

  if (rows.length === 0) {
    return fail(
      `Nothing reached '${SINK}'. Count each user's clicks in session windows: .keyBy((click) => click.user).window(${ASSIGNER}).sum('clicks').`,
    );
  }
  if (rows.every((r) => r.window === undefined)) {
    return fail(
      `The sink got ${rows.length} running totals, one per click, and none belongs to a window. Put .window(${ASSIGNER}) between .keyBy(...) and .sum('clicks').`,
    );
  }
  for (const [i, row] of rows.entries()) {
    if (row.window === undefined) {
      return fail(
        `Result ${i + 1}, ${formatRecord(row.value)}, belongs to no window: send only the counts per session to '${SINK}'.`,
      );
    }
    if (row.key === undefined || !USERS.includes(String(row.key))) {
      const keyed =
        row.key === undefined ? 'not keyed at all' : `keyed by ${formatRecord(row.key)}`;
      return fail(
        `The count ${formatRecord(row.value)} for ${windowLabel(row.window)} is ${keyed}: sessions belong to a user, so key the clicks with .keyBy((click) => click.user) before .window(...).`,
      );
    }
  }

  const origins = (run.origins[SINK] ?? []).map((o) => [...o]);
  const windows = windowProblem(rows, origins);
  if (windows !== '') return fail(windows);

  const matched = new Set<Session>();
  for (const [i, row] of rows.entries()) {
    const window = row.window as { start: number; end: number };
    const user = String(row.key);
    const behind = origins[i] ?? [];
    const session = EXPECTED.find(
      (s) => s.user === user && s.start === window.start && s.end === window.end,
    );
    if (session === undefined || behind.join() !== session.clicks.join()) {
      return fail(
        `The session ${windowLabel(window)} of ${user} holds ${behind.length} clicks, but ${user} has no such session with a gap of 30 s.`,
      );
    }
    if (matched.has(session)) {
      return fail(
        `The session ${windowLabel(window)} of ${user} has more than one result, but each session gives one count.`,
      );
    }
    matched.add(session);
    const value = row.value;
    const clicks = session.clicks.length;
    if (!hasFields(value) || value.user !== user || value.clicks !== clicks) {
      return fail(
        `The result for ${user}'s session ${windowLabel(window)} is ${formatRecord(value)}, but it should be ${formatRecord({ user, clicks })}: count each click as 1 and sum the field 'clicks'.`,
      );
    }
  }
  const missing = EXPECTED.find((s) => !matched.has(s));
  if (missing !== undefined) {
    return fail(
      `There is no count for ${missing.user}'s session ${windowLabel(missing)}, which has ${missing.clicks.length} clicks.`,
    );
  }

  const per = USERS.map((u) => `${u} ${EXPECTED.filter((s) => s.user === u).length}`).join(', ');
  return {
    pass: true,
    message: `All ${EXPECTED.length} sessions are right (${per}), each from its first click to 30 s after its last, with the right number of clicks.`,
  };
}
