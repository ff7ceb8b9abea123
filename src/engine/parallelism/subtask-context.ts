/**
 * What one parallel subtask sees of its job: the job itself, except that every trace event it
 * records says which subtask it came from. Operators running with parallelism 1 get the job
 * directly, so their events carry no `subtask` and cost nothing more.
 */
import type { SourceFormatError } from '../sources/text/source-format-error';
import type { Trace, TraceLevel, UnnumberedEvent } from '../trace';
import type { Millis } from '../time';
import type { Key } from '../records';
import type { JobContext } from '../runtime/job-context';
import type { InFlightChannel } from '../runtime/in-flight-channel';
import type { StreamOperator } from '../runtime/operator';
import type { Provenance } from '../runtime/provenance';

/** A trace that stamps each event with the subtask that recorded it. */
class SubtaskTrace implements Trace {
  constructor(
    private readonly trace: Trace,
    private readonly subtask: number,
  ) {}

  get level(): TraceLevel {
    return this.trace.level;
  }

  // The event is the caller's, made for this call: stamped in place rather than copied.
  add(event: UnnumberedEvent): void {
    (event as { subtask?: number }).subtask = this.subtask;
    this.trace.add(event);
  }

  arrival(
    op: string,
    input: number,
    record: number,
    eventTime: Millis | null,
    key: Key | null,
    value: unknown,
  ): void {
    this.trace.arrival(op, input, record, eventTime, key, value, this.subtask);
  }

  emit(
    op: string,
    record: number,
    eventTime: Millis | null,
    lineage: readonly number[],
    tag: string | null,
    value: unknown,
  ): void {
    this.trace.emit(op, record, eventTime, lineage, tag, value, this.subtask);
  }

  stateWrite(op: string, key: Key, state: string, value: unknown): void {
    this.trace.stateWrite(op, key, state, value, this.subtask);
  }
}

export class SubtaskContext implements JobContext {
  readonly trace: Trace | null;

  constructor(
    private readonly job: JobContext,
    subtask: number,
  ) {
    this.trace = job.trace === null ? null : new SubtaskTrace(job.trace, subtask);
  }

  get provenance(): Provenance | null {
    return this.job.provenance;
  }

  now(): Millis {
    return this.job.now();
  }

  dueTime(): Millis {
    return this.job.dueTime?.() ?? this.job.now();
  }

  arriveAt(time: Millis): void {
    this.job.arriveAt(time);
  }

  nextRecordId(): number {
    return this.job.nextRecordId();
  }

  wakeUpAt(operator: StreamOperator, time: Millis): void {
    this.job.wakeUpAt(operator, time);
  }

  deliverAt(channel: InFlightChannel, time: Millis): void {
    this.job.deliverAt(channel, time);
  }

  recordSideOutput(
    tagId: string,
    value: unknown,
    timestamp: Millis | undefined,
    operator: StreamOperator,
  ): void {
    this.job.recordSideOutput(tagId, value, timestamp, operator);
  }

  recordSkippedRow(operator: StreamOperator, problem: SourceFormatError): void {
    this.job.recordSkippedRow(operator, problem);
  }
}
