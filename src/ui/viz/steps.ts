/**
 * Steps: a run told one engine event at a time. A step is a record arriving at an operator (with
 * its fate when it was late), an operator's watermark moving, a window firing, sessions merging, a
 * process function's timer firing, a record sent to a side output, a checkpoint's barrier reaching
 * an operator, a checkpoint completing, a failure or a restart. Each shows what followed
 * from it until the next step begins: a record arriving at a window shows the window it opened.
 *
 * Steps are found in the folded trace (`TraceModel`) with binary searches over its lists, which
 * are in trace order; nothing here keeps a copy of the trace.
 */
import type { JobGraph } from 'streamlab';
import { formatTime } from '../run/format';
import { keyLabel, paneResult, windowLabel } from './describe';
import { isBounded } from './event-time-view';
import { happenedBy, type Moment } from './moment';
import { barrierCaption, jobCaption } from './job-captions';
import type { BarrierMark } from './checkpoint-trace';
import type {
  EmitMark,
  JobMark,
  MergeMark,
  OperatorTrace,
  PaneMark,
  RecordMark,
  TimerMark,
  TraceModel,
  WatermarkMark,
} from './trace-model';

export type StepKind =
  | 'arrival'
  | 'watermark'
  | 'pane'
  | 'merge'
  | 'timer'
  | 'side-output'
  | 'barrier'
  | 'checkpoint'
  | 'failure'
  | 'restart';

export interface Step {
  readonly kind: StepKind;
  /** Seq of its first trace event. */
  readonly seq: number;
  /** Processing time it happened at. */
  readonly time: number;
  /** What the views show for it: its events and what followed, until the next step begins. */
  readonly moment: Moment;
  /** What happened, in words. */
  readonly caption: string;
}

/** The first step after `at`, or null when the trace folded so far has none. */
export function stepAfter(model: TraceModel, graph: JobGraph, at: Moment): Step | null {
  const tracks = tracksOf(model, graph);
  const next = nearest(tracks, (track) => countBy(track, at));
  return next === null ? null : stepOf(model, graph, tracks, next);
}

/**
 * The step before the one `at` shows; when `at` lies past the end of the step it is in (the
 * learner scrubbed there), that step. Null at the first step.
 */
export function stepBefore(model: TraceModel, graph: JobGraph, at: Moment): Step | null {
  const tracks = tracksOf(model, graph);
  const current = latest(tracks, (track) => countBy(track, at) - 1);
  if (current === null) return null;
  const step = stepOf(model, graph, tracks, current);
  if (!happenedBy(step.moment, at.time, at.seq)) return step;
  const previous = latest(tracks, (track) => lowerBound(track, current.seq) - 1);
  return previous === null ? null : stepOf(model, graph, tracks, previous);
}

/** Which step `step` is, counting from 1. */
export function stepNumber(model: TraceModel, graph: JobGraph, step: Step): number {
  const tracks = tracksOf(model, graph);
  let count = 0;
  for (const track of tracks) count += lowerBound(track, step.seq + 1);
  // Less the arrivals and side outputs folded into another step (see `folded`).
  for (const trace of model.operators.values()) {
    for (const pane of trace.panes) {
      if (pane.fromSeq >= step.seq) break;
      if (pane.seq - pane.fromSeq < 2) continue;
      const to = Math.min(pane.seq, step.seq + 1);
      for (const track of tracks) {
        if (track.kind !== 'arrival' && track.kind !== 'side-output') continue;
        count -= lowerBound(track, to) - lowerBound(track, pane.fromSeq + 1);
      }
    }
    for (const record of trace.late) {
      if (record.seq >= step.seq) break;
      if (record.fate !== 'side-output' || inFiring(model, record.seq)) continue;
      if (sentAside(trace, record) !== undefined) count--;
    }
  }
  return count;
}

/** A step's first event, in one of the lists it is found in. */
interface Anchor {
  readonly track: Track;
  readonly index: number;
  readonly seq: number;
}

type Mark =
  RecordMark | WatermarkMark | PaneMark | MergeMark | TimerMark | EmitMark | JobMark | BarrierMark;

/** One list of step events, in trace order: one operator's arrivals, watermarks, panes, … */
interface Track {
  /** `job`: checkpoints, failures and restarts, one list (each mark says which it is). */
  readonly kind: Exclude<StepKind, JobMark['kind']> | 'job';
  readonly op: string;
  readonly list: readonly Mark[];
  /** The seq of the step's first event and its processing time. */
  readonly seq: (mark: Mark) => number;
  readonly time: (mark: Mark) => number;
  /** False for a mark that belongs to another step. */
  readonly own: (mark: Mark) => boolean;
}

type OperatorKind = JobGraph['operators'][number]['kind'];

/** Operators whose timers are the learner's: a window's own timers fire as its panes. */
const TIMER_KINDS: ReadonlySet<OperatorKind> = new Set(['process', 'keyed-process', 'co-process']);

const bySeq = (mark: Mark) => (mark as { seq: number }).seq;
const byTime = (mark: Mark) => (mark as { time: number }).time;
const always = () => true;

/**
 * Every track of the run. Tracks whose marks are all steps come first, so the searches over
 * arrivals and side outputs, some of which belong to other steps, are bounded early.
 */
function tracksOf(model: TraceModel, graph: JobGraph): Track[] {
  const tracks: Track[] = [];
  const foldable: Track[] = [];
  const notInFiring = (mark: Mark) => !inFiring(model, bySeq(mark));
  // A lookup, not a search per operator: a program can build thousands of them.
  const kinds = new Map(graph.operators.map((o) => [o.id, o.kind]));
  for (const [op, trace] of model.operators) {
    const kind = kinds.get(op);
    foldable.push({
      kind: 'arrival',
      op,
      list: trace.arrivals,
      seq: bySeq,
      time: byTime,
      own: notInFiring,
    });
    tracks.push(
      { kind: 'watermark', op, list: trace.watermarks, seq: bySeq, time: byTime, own: always },
      {
        kind: 'pane',
        op,
        list: trace.panes,
        seq: (mark) => (mark as PaneMark).fromSeq,
        time: byTime,
        own: always,
      },
      { kind: 'merge', op, list: trace.merges, seq: bySeq, time: byTime, own: always },
    );
    if (kind !== undefined && TIMER_KINDS.has(kind)) {
      tracks.push({
        kind: 'timer',
        op,
        list: trace.firings,
        seq: (mark) => (mark as TimerMark).firedSeq ?? Infinity,
        time: (mark) => (mark as TimerMark).fired ?? Infinity,
        own: always,
      });
    }
  }
  for (const list of model.sideOutputs.values()) {
    foldable.push({
      kind: 'side-output',
      op: '',
      list,
      seq: bySeq,
      time: byTime,
      own: (mark) => !folded(model, mark as EmitMark),
    });
  }
  tracks.push({ kind: 'job', op: '', list: model.job, seq: bySeq, time: byTime, own: always });
  // A checkpoint's barrier hops operator to operator, most often within one instant: each hop is a
  // step, so stepping shows it advance.
  tracks.push({
    kind: 'barrier',
    op: '',
    list: model.checkpoints.barriers,
    seq: bySeq,
    time: byTime,
    own: always,
  });
  return [...tracks, ...foldable];
}

/**
 * True when event `seq` happened inside a window's firing: the pane's results reaching the
 * operators downstream belong to the firing's step, not steps of their own (the trace notes the
 * firing after its results).
 */
function inFiring(model: TraceModel, seq: number): boolean {
  for (const trace of model.operators.values()) {
    const panes = trace.panes;
    let lo = 0;
    let hi = panes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((panes[mid] as PaneMark).seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    const pane = panes[lo];
    if (pane !== undefined && pane.fromSeq < seq) return true;
  }
  return false;
}

/** A record sent to a side output belongs to another step: a firing, or its own late arrival. */
function folded(model: TraceModel, emit: EmitMark): boolean {
  if (inFiring(model, emit.seq)) return true;
  const trace = model.operators.get(emit.op);
  if (trace === undefined) return false;
  // The late record it could be: the operator's newest late arrival before it.
  const late = trace.late;
  let lo = 0;
  let hi = late.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((late[mid] as RecordMark).seq < emit.seq) lo = mid + 1;
    else hi = mid;
  }
  const record = late[lo - 1];
  return record?.fate === 'side-output' && sentAside(trace, record) === emit;
}

/** The late record `record` as the operator sent it to its late-data side output. */
function sentAside(trace: OperatorTrace, record: RecordMark): EmitMark | undefined {
  const emits = trace.emits;
  let lo = 0;
  let hi = emits.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((emits[mid] as EmitMark).seq <= record.seq) lo = mid + 1;
    else hi = mid;
  }
  const emit = emits[lo];
  return emit !== undefined && emit.tag !== null && emit.lineage.includes(record.id)
    ? emit
    : undefined;
}

/** How many marks of `track` begin before `seq`. */
function lowerBound(track: Track, seq: number): number {
  let lo = 0;
  let hi = track.list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (track.seq(track.list[mid] as Mark) < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many marks of `track` had begun by `at`. */
function countBy(track: Track, at: Moment): number {
  let lo = 0;
  let hi = track.list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const mark = track.list[mid] as Mark;
    if (happenedBy(at, track.time(mark), track.seq(mark))) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The first mark of `track` from index `from` on (or back, with `direction` -1) that is a step
 * of its own, stopping at seq `bound`: past it another track's step is nearer. Without the bound,
 * a sink's arrivals, all inside firings, would be walked to the end.
 */
function ownFrom(track: Track, from: number, direction: 1 | -1, bound: number): Anchor | null {
  for (let i = from; i >= 0 && i < track.list.length; i += direction) {
    const mark = track.list[i] as Mark;
    const seq = track.seq(mark);
    if (direction === 1 ? seq >= bound : seq <= bound) return null;
    if (track.own(mark)) return { track, index: i, seq };
  }
  return null;
}

/** The earliest step among the tracks, each searched forward from index `from(track)`. */
function nearest(tracks: readonly Track[], from: (track: Track) => number): Anchor | null {
  let best: Anchor | null = null;
  for (const track of tracks) {
    const found = ownFrom(track, from(track), 1, best?.seq ?? Infinity);
    if (found !== null) best = found;
  }
  return best;
}

/** The latest step among the tracks, each searched back from index `from(track)`. */
function latest(tracks: readonly Track[], from: (track: Track) => number): Anchor | null {
  let best: Anchor | null = null;
  for (const track of tracks) {
    const found = ownFrom(track, from(track), -1, best?.seq ?? -Infinity);
    if (found !== null) best = found;
  }
  return best;
}

function stepOf(model: TraceModel, graph: JobGraph, tracks: Track[], anchor: Anchor): Step {
  const mark = anchor.track.list[anchor.index] as Mark;
  const time = anchor.track.time(mark);
  const next = nearest(tracks, (track) => lowerBound(track, anchor.seq + 1));
  return {
    kind: anchor.track.kind === 'job' ? (mark as JobMark).kind : anchor.track.kind,
    seq: anchor.seq,
    time,
    moment: { time, seq: next === null ? model.lastSeq : next.seq - 1 },
    caption: caption(model, graph, anchor.track, mark),
  };
}

function caption(model: TraceModel, graph: JobGraph, track: Track, mark: Mark): string {
  const name = (op: string) => graph.operators.find((o) => o.id === op)?.name ?? op;
  switch (track.kind) {
    case 'arrival':
      return arrivalCaption(model, name(track.op), mark as RecordMark);
    case 'watermark':
      return `Watermark at ${name(track.op)} reaches ${formatTime((mark as WatermarkMark).watermark)}`;
    case 'pane':
      return firingCaption(mark as PaneMark);
    case 'merge': {
      const merge = mark as MergeMark;
      const parts = merge.parts.map((w) => windowLabel(w.start, w.end));
      const list = `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
      return `Sessions ${list}${forKey(merge.key)} merge into ${windowLabel(merge.start, merge.end)}`;
    }
    case 'timer': {
      const timer = mark as TimerMark;
      const domain = timer.domain === 'event-time' ? 'Event-time' : 'Processing-time';
      return `${domain} timer at ${formatTime(timer.timestamp)} fires${forKey(timer.key)}`;
    }
    case 'side-output': {
      const emit = mark as EmitMark;
      return `${emit.value} goes to side output “${emit.tag ?? ''}” from ${name(emit.op)}`;
    }
    case 'job':
      return jobCaption(model, graph, mark as JobMark);
    case 'barrier':
      return barrierCaption(model, graph, mark as BarrierMark);
  }
}

const forKey = (key: RecordMark['key']) => (key === null ? '' : ` for key ${keyLabel(key)}`);

function arrivalCaption(model: TraceModel, opName: string, record: RecordMark): string {
  const eventTime =
    record.eventTime === null ? '' : ` (event time ${formatTime(record.eventTime)})`;
  const arrives = `${record.value}${eventTime} arrives at ${opName}`;
  const watermark = record.lateBehind;
  if (watermark === null || record.fate === 'on-time') return arrives;
  const behind =
    record.eventTime === null ? '' : ` ${formatTime(watermark - record.eventTime)} behind`;
  const fate =
    record.fate === 'late'
      ? 'late, but within the allowed lateness'
      : record.fate === 'dropped'
        ? 'dropped'
        : `sent to side output “${sideOutputTag(model, record) ?? '?'}”`;
  return `${arrives}${behind} the watermark ${formatTime(watermark)}: ${fate}`;
}

function sideOutputTag(model: TraceModel, record: RecordMark): string | null {
  const trace = model.operators.get(record.op);
  return trace === undefined ? null : (sentAside(trace, record)?.tag ?? null);
}

/** A step that fires a window, in words; the pane's box itself is captioned by `describe.ts`. */
function firingCaption(pane: PaneMark): string {
  const bounded = isBounded(pane.start) && isBounded(pane.end);
  const window = bounded ? `Window ${windowLabel(pane.start, pane.end)}` : 'The global window';
  const fires =
    pane.timing === 'EARLY' ? 'fires early' : pane.timing === 'LATE' ? 'fires late' : 'fires';
  // A field aggregation's result is its field (`n = 4.4`), as the pane's box says it.
  const result =
    pane.value === null
      ? 'and emits nothing'
      : pane.field !== null
        ? `with ${/^\d+$/.test(pane.field.name) ? `[${pane.field.name}]` : pane.field.name} = ${paneResult(pane)}`
        : `with ${paneResult(pane)}`;
  return `${window}${forKey(pane.key)} ${fires} ${result}`;
}
