// Grades a run of "Anatomy of a job" by what reached the 'counts' sink, and which click each count
// came from.
import {
  readInput,
  sinkProblem,
  formatCount,
  formatRecord,
  hasFields,
  sameRecord,
} from 'streamlab';
import type { CheckInput, CheckResult } from 'streamlab';

interface Click {
  user: string;
  page: string;
  ts: number;
}

// The clicks the starter produces to the topic. The monitoring bot's health checks tell a
// filtered pipeline from one that counts everything, and users who share pages (/home, /cart,
// /product/7, /checkout) tell counts keyed by user from counts keyed by page.
const CLICKS: Click[] = [
  { user: 'ada', page: '/home', ts: 1000 },
  { user: 'bo', page: '/search', ts: 1500 },
  { user: 'uptime-bot', page: '/health', ts: 2000 },
  { user: 'ada', page: '/product/7', ts: 2600 },
  { user: 'cy', page: '/home', ts: 3100 },
  { user: 'bo', page: '/product/7', ts: 3900 },
  { user: 'ada', page: '/cart', ts: 4400 },
  { user: 'uptime-bot', page: '/health', ts: 5000 },
  { user: 'cy', page: '/product/2', ts: 5600 },
  { user: 'bo', page: '/cart', ts: 6300 },
  { user: 'ada', page: '/checkout', ts: 7000 },
  { user: 'cy', page: '/search', ts: 7700 },
  { user: 'uptime-bot', page: '/health', ts: 8000 },
  { user: 'bo', page: '/checkout', ts: 8800 },
];

/** A count that reached the sink, with the click it was made from. */
interface Counted {
  readonly click: Click;
  readonly value: number;
  readonly user: unknown;
  readonly shown: string;
}

const SINK = 'counts';
const HEALTH = '/health';

const fail = (message: string): CheckResult => ({ pass: false, message });

const describe = (c: Click) => `${c.user}'s click on ${c.page} at ${c.ts} ms`;

/**
 * The click behind each record the pipeline read, by its position in `run.inputs` (the topic's
 * two partitions interleave, so the order is not the lesson's), or what is wrong with the source.
 */
function readClicks(run: CheckInput): Click[] | string {
  const { positions, missing, others } = readInput(run.inputs, CLICKS, { inOrder: false });
  if (missing !== undefined) {
    const what =
      run.inputs.length === 0
        ? 'it read nothing'
        : `${describe(CLICKS[missing] as Click)} was not among what it read`;
    return `The pipeline must read the lesson's ${CLICKS.length} clicks from the topic, unchanged, but ${what}. Put the topic and its clicks back as the starter had them (Reset brings the starter back) and compute the counts from them.`;
  }
  if (others.length > 0) {
    return `Besides the ${CLICKS.length} clicks, the pipeline read ${formatCount(others.length, 'other record')}, such as ${formatRecord(others[0]?.value)}. The counts must be computed from the clicks, not written into a source: read only the topic.`;
  }
  return run.inputs.map((_, at) => CLICKS[positions.indexOf(at)] as Click);
}

/** How many of `clicks` up to and including position `i` satisfy `same`. */
function countUpTo(clicks: readonly Click[], i: number, same: (c: Click) => boolean): number {
  return clicks.slice(0, i + 1).filter(same).length;
}

export default function check(run: CheckInput): CheckResult {
  const problem = sinkProblem(run, SINK);
  if (problem !== undefined) return fail(problem);
  const got = run.sinks[SINK] ?? [];

  const read = readClicks(run);
  if (typeof read === 'string') return fail(read);

  if (got.length > 0 && got.every((value) => CLICKS.some((c) => sameRecord(value, c)))) {
    return fail(
      `The sink received the clicks themselves, such as ${formatRecord(got[0])}, not counts. Build the job between source and sink: .filter out the health checks, .map each click to { user, clicks: 1 }, .keyBy the user and .reduce by adding up clicks.`,
    );
  }

  // The people's clicks, in the order they were read: the running counts follow this order.
  const kept = read.filter((c) => c.page !== HEALTH);
  const origins = run.origins[SINK] ?? [];
  // How many of the user's own clicks were read up to and including `click`: the right count.
  const byUser = (click: Click) =>
    countUpTo(read, read.indexOf(click), (c) => c.user === click.user && c.page !== HEALTH);
  const counted: Counted[] = [];
  for (const [i, value] of got.entries()) {
    const behind = (origins[i] ?? []).map((at) => read[at]);
    const click = behind[behind.length - 1];
    if (click === undefined || behind.some((c) => c === undefined)) {
      return fail(
        `Count ${i + 1}, ${formatRecord(value)}, was not made from the clicks: each count must come from a click, through your operators.`,
      );
    }
    if (click.page === HEALTH) {
      return fail(
        `Count ${i + 1}, ${formatRecord(value)}, came from ${describe(click)}. Health checks are the monitoring bot, not a person: .filter out clicks on ${HEALTH} before counting.`,
      );
    }
    if (!hasFields(value) || typeof value.clicks !== 'number') {
      return fail(
        `Count ${i + 1} should look like { user: '${click.user}', clicks: ${byUser(click)} }, but it is ${formatRecord(value)}. Map each click to { user, clicks: 1 } and add the clicks up in .reduce.`,
      );
    }
    counted.push({ click, value: value.clicks, user: value.user, shown: formatRecord(value) });
  }

  // Which rule explains every count: per user (right), per page, one for everyone, or a reduce
  // that forgets. Judging all counts at once tells the mistakes apart where one count cannot.
  const rules: { name: string; count: (click: Click) => number; says: (c: Counted) => string }[] = [
    {
      name: 'page',
      count: (click) => countUpTo(read, read.indexOf(click), (c) => c.page === click.page),
      says: (c) =>
        `After ${describe(c.click)}, the count was ${c.shown}: that is how often ${c.click.page} was clicked so far. The stream is keyed by page; key it by user, .keyBy((count) => count.user), so each user's clicks meet in one count.`,
    },
    {
      name: 'everyone',
      count: (click) => countUpTo(read, read.indexOf(click), (c) => c.page !== HEALTH),
      says: (c) =>
        `After ${describe(c.click)}, the count was ${c.shown}: that is every person's clicks so far, added up in one count. Key the stream by user, .keyBy((count) => count.user), so each user gets a count of their own.`,
    },
    {
      name: 'forgets',
      count: () => 1,
      says: (c) =>
        `After ${describe(c.click)}, the count was ${c.shown}, but it was ${c.click.user}'s click number ${byUser(c.click)}. The reduce forgets the count so far: return { user: a.user, clicks: a.clicks + b.clicks }.`,
    },
  ];
  const wrong = counted.find((c) => c.value !== byUser(c.click) || c.user !== c.click.user);
  if (wrong !== undefined) {
    const rule = rules.find((r) => counted.every((c) => c.value === r.count(c.click)));
    if (rule !== undefined) {
      const first = counted.find((c) => c.value !== byUser(c.click)) ?? wrong;
      return fail(rule.says(first));
    }
    return fail(
      `After ${describe(wrong.click)}, expected { user: '${wrong.click.user}', clicks: ${byUser(wrong.click)} } (${wrong.click.user}'s clicks so far), got ${wrong.shown}.`,
    );
  }

  if (got.length < kept.length) {
    const missed = kept.find((c, i) => {
      const behind = origins[i] ?? [];
      return read[behind[behind.length - 1] as number] !== c;
    });
    return fail(
      `The sink has ${got.length} counts, but the people clicked ${kept.length} times${missed ? `: ${describe(missed)} gave no count` : ''}. A running count emits one updated count per click.`,
    );
  }
  if (got.length > kept.length) {
    return fail(
      `The sink has ${got.length} counts, one more per click than the ${kept.length} people's clicks: each click should update its user's count once.`,
    );
  }
  for (const [i, value] of got.entries()) {
    if (hasFields(value) && Object.keys(value).length !== 2) {
      return fail(
        `Count ${i + 1} is ${formatRecord(value)}: keep just the user and the count, { user, clicks }.`,
      );
    }
  }

  const finals = [...new Set(kept.map((c) => c.user))]
    .map((user) => `${user} ${kept.filter((c) => c.user === user).length}`)
    .join(', ');
  return {
    pass: true,
    message: `All ${kept.length} running counts are right, health checks left out. Final counts: ${finals}.`,
  };
}
