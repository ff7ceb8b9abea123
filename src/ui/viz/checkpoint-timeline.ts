/**
 * The checkpoint timeline as of a moment, laid out on a processing-time axis: each checkpoint from
 * its trigger to its completion (or abort), its size, the transactions it committed, each failure,
 * and each restart as a rewind from the failure back to the checkpoint it restored. What has not
 * happened by the moment is kept, marked `future`, so the axis holds still while a learner scrubs
 * and the view can dim it.
 */
import { scaleLinear, type ScaleLinear } from 'd3';
import type { JobGraph } from 'streamlab';
import { formatTime } from '../run/format';
import type { AlignmentMark, CheckpointMark } from './checkpoint-trace';
import { formatBytes } from './job-captions';
import { happenedBy, type Moment } from './moment';
import type { JobMark, TraceModel } from './trace-model';

type Failure = Extract<JobMark, { kind: 'failure' }>;
type Restart = Extract<JobMark, { kind: 'restart' }>;

/** Where a checkpoint stands at the moment shown. */
export type CheckpointState = 'completed' | 'aborted' | 'in-progress' | 'future';

export interface TimelineCheckpoint {
  readonly checkpoint: number;
  readonly state: CheckpointState;
  /** Left edge and width in pixels: from its trigger to its end (or the moment, in progress). */
  readonly x: number;
  readonly width: number;
  readonly triggered: number;
  /** When it completed or was aborted; null while in progress. */
  readonly ended: number | null;
  /** Its size as of the moment: the snapshots taken so far (all of them once complete). */
  readonly bytes: number;
  /** Each operator's snapshot, as of the moment, in the order they were taken. */
  readonly snapshots: readonly {
    readonly op: string;
    readonly name: string;
    readonly bytes: number;
  }[];
  /** Rows committed per transactional sink when it completed. */
  readonly commits: readonly { readonly sink: string; readonly rows: number }[];
  /**
   * Each alignment that took time, as of the moment, in words: how long the operator waited for
   * the last barrier, and what became of the records that came meanwhile.
   */
  readonly alignments: readonly string[];
  readonly reason: string | null;
  /** What it is, in words: for its label, and for screen readers. */
  readonly summary: string;
}

export interface TimelineFailure {
  readonly x: number;
  readonly time: number;
  readonly future: boolean;
  readonly summary: string;
  /** Rows of open transactions thrown away at the failure. */
  readonly abortedRows: number;
  /** The restart that followed, in words (see {@link restartLabel}); null when none did. */
  readonly restart: string | null;
}

export interface TimelineRestart {
  /** The failure's place, the restart's, and that of the state it went back to. */
  readonly xFailure: number;
  readonly x: number;
  readonly xFrom: number;
  readonly attempt: number;
  readonly checkpoint: number | null;
  readonly from: number;
  readonly future: boolean;
  /** "restarted from checkpoint 3, at 4 s" */
  readonly label: string;
}

export interface CheckpointTimeline {
  readonly x: ScaleLinear<number, number>;
  readonly checkpoints: readonly TimelineCheckpoint[];
  readonly failures: readonly TimelineFailure[];
  readonly restarts: readonly TimelineRestart[];
  /** The largest checkpoint of the run, for the size scale. */
  readonly maxBytes: number;
  /** True when some sink commits in transactions. */
  readonly transactional: boolean;
}

/** The narrowest a checkpoint is drawn: most trigger and complete at the same instant. */
export const MIN_CHECKPOINT_WIDTH = 6;

/** True when the run has something for the timeline: a checkpoint or a failure. */
export function hasCheckpointsOrFailures(model: TraceModel): boolean {
  return model.checkpoints.list.length > 0 || model.job.some((m) => m.kind === 'failure');
}

/** Each failure with the restart that followed it (none when the job failed for good). */
export function failuresWithRestarts(
  model: TraceModel,
): { readonly failure: Failure; readonly restart: Restart | undefined }[] {
  const pairs: { failure: Failure; restart: Restart | undefined }[] = [];
  for (const mark of model.job) {
    if (mark.kind === 'failure') pairs.push({ failure: mark, restart: undefined });
    else if (mark.kind === 'restart') {
      const last = pairs.at(-1);
      if (last !== undefined && last.restart === undefined) last.restart = mark;
    }
  }
  return pairs;
}

/** The restart in words, as the timeline labels its rewind. */
export function restartLabel(restart: Restart): string {
  return restart.checkpoint === null
    ? 'restarted from the beginning'
    : `restarted from checkpoint ${restart.checkpoint}, at ${formatTime(restart.from)}`;
}

export function checkpointTimeline(
  model: TraceModel,
  graph: JobGraph,
  at: Moment,
  width: number,
): CheckpointTimeline {
  const names = new Map(graph.operators.map((o) => [o.id, o.name]));
  const name = (op: string) => names.get(op) ?? op;
  const end = Math.max(model.endTime, at.time === Infinity ? 0 : at.time, 1);
  const x = scaleLinear()
    .domain([0, end])
    .range([0, Math.max(0, width)]);

  const checkpoints = model.checkpoints.list.map((mark) => placeCheckpoint(mark, at, x, name));
  const maxBytes = Math.max(
    0,
    ...model.checkpoints.list.map((m) => m.bytes ?? m.snapshots.reduce((s, p) => s + p.bytes, 0)),
  );

  const failures: TimelineFailure[] = [];
  const restarts: TimelineRestart[] = [];
  for (const { failure, restart } of failuresWithRestarts(model)) {
    const aborted = model.checkpoints.aborts.filter(
      (t) => t.seq > failure.seq && (restart === undefined || t.seq < restart.seq),
    );
    failures.push({
      x: x(failure.time),
      time: failure.time,
      future: !happenedBy(at, failure.time, failure.seq),
      summary: failureSummary(failure, name),
      abortedRows: aborted.reduce((sum, t) => sum + t.rows, 0),
      restart: restart === undefined ? null : restartLabel(restart),
    });
    if (restart !== undefined) {
      restarts.push({
        xFailure: x(failure.time),
        x: x(restart.time),
        xFrom: x(restart.from),
        attempt: restart.attempt,
        checkpoint: restart.checkpoint,
        from: restart.from,
        future: !happenedBy(at, restart.time, restart.seq),
        label: restartLabel(restart),
      });
    }
  }
  return {
    x,
    checkpoints,
    failures,
    restarts,
    maxBytes,
    transactional: model.checkpoints.transactional,
  };
}

function placeCheckpoint(
  mark: CheckpointMark,
  at: Moment,
  x: ScaleLinear<number, number>,
  name: (op: string) => string,
): TimelineCheckpoint {
  const seen = (e: { seq: number; time: number }) => happenedBy(at, e.time, e.seq);
  const triggered = happenedBy(at, mark.triggered, mark.triggeredSeq);
  const completed =
    mark.completed !== null && happenedBy(at, mark.completed, mark.completedSeq as number);
  const aborted = mark.aborted !== null && happenedBy(at, mark.aborted, mark.abortedSeq as number);
  const state: CheckpointState = !triggered
    ? 'future'
    : completed
      ? 'completed'
      : aborted
        ? 'aborted'
        : 'in-progress';
  // A checkpoint still to come is drawn whole, as it will be; one in progress, as far as it got.
  // An operator running in parallel snapshots once per subtask: its size is theirs together.
  const byOp = new Map<string, number>();
  for (const s of state === 'future' ? mark.snapshots : mark.snapshots.filter(seen)) {
    byOp.set(s.op, (byOp.get(s.op) ?? 0) + s.bytes);
  }
  const snapshots = [...byOp].map(([op, bytes]) => ({ op, name: name(op), bytes }));
  const bytes =
    completed || (state === 'future' && mark.bytes !== null)
      ? (mark.bytes as number)
      : snapshots.reduce((sum, s) => sum + s.bytes, 0);
  const endTime = mark.completed ?? mark.aborted;
  const ended = state === 'in-progress' ? null : endTime;
  const right = x(ended ?? (state === 'in-progress' ? at.time : mark.triggered));
  const left = x(mark.triggered);
  const width = Math.max(MIN_CHECKPOINT_WIDTH, right - left);
  const commits = new Map<string, number>();
  for (const commit of state === 'future' ? mark.commits : mark.commits.filter(seen)) {
    commits.set(commit.op, (commits.get(commit.op) ?? 0) + commit.rows);
  }
  const committed = [...commits].map(([op, rows]) => ({ sink: name(op), rows }));
  const alignments = mark.alignments
    .filter(
      (a) =>
        a.endSeq !== null && (state === 'future' || happenedBy(at, a.endTime as number, a.endSeq)),
    )
    .filter((a) => (a.endTime as number) > a.time)
    .map((a) => alignmentText(a, name(a.op)));
  return {
    checkpoint: mark.checkpoint,
    state,
    // Centred on its span when the span is narrower than it is drawn.
    x: left - (width - (right - left)) / 2,
    width,
    triggered: mark.triggered,
    ended,
    bytes,
    snapshots,
    commits: committed,
    alignments,
    reason: state === 'aborted' || state === 'future' ? mark.reason : null,
    summary: checkpointSummary(mark.checkpoint, state, mark, bytes, committed),
  };
}

function checkpointSummary(
  n: number,
  state: CheckpointState,
  mark: CheckpointMark,
  bytes: number,
  commits: TimelineCheckpoint['commits'],
): string {
  const rows = commits.map(
    (c) => `${c.rows} ${c.rows === 1 ? 'row' : 'rows'} committed to ${c.sink}`,
  );
  const committed = rows.length > 0 ? `; ${rows.join(', ')}` : '';
  switch (state) {
    case 'completed': {
      const span =
        mark.completed === mark.triggered
          ? `at ${formatTime(mark.triggered)}`
          : `from ${formatTime(mark.triggered)} to ${formatTime(mark.completed)}`;
      return `Checkpoint ${n}: completed ${span}, ${formatBytes(bytes)} of state${committed}`;
    }
    case 'aborted':
      return `Checkpoint ${n}: aborted at ${formatTime(mark.aborted)}: ${mark.reason ?? ''}`;
    case 'in-progress':
      return `Checkpoint ${n}: in progress since ${formatTime(mark.triggered)}, ${formatBytes(bytes)} snapshotted so far`;
    case 'future':
      return `Checkpoint ${n}: not yet triggered (at ${formatTime(mark.triggered)})`;
  }
}

/** "total steps waited 300 ms for its last barrier, holding back 3 records (exactly-once)" */
function alignmentText(alignment: AlignmentMark, name: string): string {
  const waited = formatTime((alignment.endTime as number) - alignment.time);
  const n = alignment.records;
  const records = n === 1 ? '1 record' : `${n} records`;
  const meanwhile =
    n === 0
      ? ''
      : alignment.blocking
        ? `, holding back ${records} that came behind the earlier barriers (exactly-once)`
        : `, letting ${records} into its snapshot that a restart from it processes again (at-least-once)`;
  return `${name} waited ${waited} for its last barrier${meanwhile}`;
}

function failureSummary(failure: Failure, name: (op: string) => string): string {
  const where = failure.op === '-' ? '' : ` in ${name(failure.op)}`;
  const what = failure.injected ? 'Injected failure' : 'Failure';
  const then = failure.restarting ? '' : ': the job failed for good';
  return `${what}${where} at ${formatTime(failure.time)}${then}`;
}
