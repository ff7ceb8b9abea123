/**
 * Steps that happen to the whole job, in words: a checkpoint's barrier reaching an operator, the
 * checkpoint completing, a failure, a restart.
 * They tell what fault tolerance does as the run goes: what was saved, what crashed, what came back.
 */
import type { JobGraph } from 'streamlab';
import { formatTime } from '../run/format';
import { channelCount } from './barrier-view';
import type { AlignmentMark, BarrierMark, CheckpointMark } from './checkpoint-trace';
import type { JobMark, TraceModel } from './trace-model';

/** Longest part of a failure's message a step's caption quotes. */
const CAUSE_CHARS = 120;

export function jobCaption(model: TraceModel, graph: JobGraph, mark: JobMark): string {
  switch (mark.kind) {
    case 'checkpoint': {
      const done = `Checkpoint ${mark.checkpoint} completed (${formatBytes(mark.bytes)} of state)`;
      const commits = model.checkpoints.get(mark.checkpoint)?.commits ?? [];
      if (commits.length === 0) return done;
      const rows = commits.reduce((sum, t) => sum + t.rows, 0);
      const sinks = [
        ...new Set(commits.map((t) => graph.operators.find((o) => o.id === t.op)?.name ?? t.op)),
      ];
      return `${done}: ${sinks.join(' and ')} ${sinks.length === 1 ? 'commits its' : 'commit their'} transaction (${rows} ${rows === 1 ? 'row' : 'rows'})`;
    }
    case 'restart':
      return mark.checkpoint === null
        ? `Restart ${mark.attempt}: no checkpoint had completed, so the job starts over from the beginning; sources rewound`
        : `Restart ${mark.attempt}: state restored from checkpoint ${mark.checkpoint}; sources rewound`;
    case 'failure': {
      const name = graph.operators.find((o) => o.id === mark.op)?.name;
      const what = mark.injected
        ? `Failure injected${name === undefined ? '' : ` in ${name}`} at ${formatTime(mark.time)}`
        : `Failure at ${formatTime(mark.time)}${name === undefined ? '' : ` in ${name}`}: ${cut(mark.cause)}`;
      if (!mark.restarting) {
        return `${what}: the job fails for good, as its restart strategy allows no restart`;
      }
      const checkpoint = model.job.findLast((m) => m.kind === 'checkpoint' && m.seq < mark.seq);
      const from =
        checkpoint?.kind === 'checkpoint'
          ? `from checkpoint ${checkpoint.checkpoint}`
          : 'from the beginning (no checkpoint has completed)';
      const restart = model.job.find((m) => m.kind === 'restart' && m.seq > mark.seq);
      const when =
        restart === undefined
          ? 'after its restart delay'
          : `in ${formatTime(restart.time - mark.time)}`;
      return `${what}: the job restarts ${from} ${when}`;
    }
  }
}

/** A size in bytes as a reader takes it in: 640 B, 1.2 kB, 3.4 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function cut(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > CAUSE_CHARS ? `${line.slice(0, CAUSE_CHARS - 1)}…` : line;
}

/**
 * A checkpoint's barrier reaching an operator's input, in words: what the operator does about
 * it (waits for the barrier on its other inputs, or snapshots its state and passes it on).
 */
export function barrierCaption(model: TraceModel, graph: JobGraph, barrier: BarrierMark): string {
  const node = graph.operators.find((o) => o.id === barrier.op);
  const name = node?.name ?? barrier.op;
  const mark = model.checkpoints.get(barrier.checkpoint);
  const n = barrier.checkpoint;
  const snapshot = mark?.snapshots.find((s) => s.op === barrier.op && s.seq > barrier.seq);
  const size = snapshot === undefined ? '' : ` (${formatBytes(snapshot.bytes)})`;
  if (node?.kind === 'source') {
    const partitions = mark?.barriers.filter((b) => b.op === barrier.op).length ?? 1;
    const where = partitions > 1 ? `${name}, partition ${barrier.input + 1}` : name;
    return `Checkpoint ${n} begins at ${where}: it saves how far it has read${size} and sends a barrier downstream, between the records before the checkpoint and those after`;
  }
  const channels = channelCount(graph, barrier.op);
  const input = channels > 1 ? ` on input ${barrier.input + 1} of ${channels}` : '';
  const reaches = `Checkpoint ${n}’s barrier reaches ${name}${input}`;
  // It waits when it aligns and another of its inputs' barriers is still to come.
  const alignment = mark?.alignments.find((a) => a.op === barrier.op);
  const more = mark?.barriers.some(
    (b) =>
      b.op === barrier.op &&
      b.seq > barrier.seq &&
      (snapshot === undefined || b.seq < snapshot.seq),
  );
  const waits = alignment !== undefined && (more === true || snapshot === undefined);
  if (waits) {
    const held = alignment?.blocking
      ? `holding back the records behind it (exactly-once)`
      : 'letting the records behind it through (at-least-once)';
    const others = channels === 2 ? 'its other input' : 'its other inputs';
    return `${reaches}: it waits for the barrier on ${others}, ${held}`;
  }
  const preCommit = mark?.preCommits.find((t) => t.op === barrier.op && t.seq > barrier.seq);
  const saves =
    preCommit !== undefined
      ? `pre-commits its transaction (${preCommit.rows} ${preCommit.rows === 1 ? 'row' : 'rows'}), to commit when the checkpoint completes`
      : `snapshots its state${size}`;
  const aligned = channels > 1 ? ', the last of its inputs to get it' : '';
  const sink = graph.edges.some((e) => e.from === barrier.op) ? ' and passes the barrier on' : '';
  return `${reaches}${aligned}: it ${saves}${sink}${meanwhile(mark, barrier)}`;
}

/**
 * What became of the records that came, while the operator aligned, on inputs that already had
 * the barrier: the difference between exactly-once and at-least-once checkpoints.
 */
function meanwhile(mark: CheckpointMark | undefined, barrier: BarrierMark): string {
  // The alignment this barrier ended: its end is the next event in the trace.
  const alignment: AlignmentMark | undefined = mark?.alignments.find(
    (a) => a.op === barrier.op && a.endSeq === barrier.seq + 1,
  );
  if (alignment === undefined) return '';
  const n = alignment.records;
  if (n === 0) return '';
  const records = n === 1 ? '1 record' : `${n} records`;
  const waited = Math.round((alignment.endTime ?? alignment.time) - alignment.time);
  return alignment.blocking
    ? `. Then it processes the ${records} held back for ${waited} ms behind the earlier barrier, which belong to the next checkpoint (exactly-once)`
    : `. Its snapshot already counts ${records} that came after the earlier barrier: a restart from this checkpoint processes ${n === 1 ? 'it' : 'them'} again (at-least-once)`;
}
