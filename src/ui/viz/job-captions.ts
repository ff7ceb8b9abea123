/**
 * Steps that happen to the whole job, in words: a checkpoint completing, a failure, a restart.
 * They tell what fault tolerance does as the run goes: what was saved, what crashed, what came back.
 */
import type { JobGraph } from 'streamlab';
import { formatTime } from '../run/format';
import type { JobMark, TraceModel } from './trace-model';

/** Longest part of a failure's message a step's caption quotes. */
const CAUSE_CHARS = 120;

export function jobCaption(model: TraceModel, graph: JobGraph, mark: JobMark): string {
  switch (mark.kind) {
    case 'checkpoint':
      return `Checkpoint ${mark.checkpoint} completed (${formatBytes(mark.bytes)} of state)`;
    case 'restart':
      return mark.checkpoint === null
        ? `Restart ${mark.attempt}: no checkpoint had completed, so the job starts over from the beginning; sources rewound`
        : `Restart ${mark.attempt}: state restored from checkpoint ${mark.checkpoint}; sources rewound`;
    case 'failure': {
      const name = graph.operators.find((o) => o.id === mark.op)?.name;
      const what = mark.injected
        ? `Failure injected at ${formatTime(mark.time)}`
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
