/**
 * What a running operator may ask of the job it belongs to: the clock, the trace, record ids,
 * processing-time wake-ups, and the collection of side outputs and skipped rows.
 */
import type { SourceFormatError } from '../sources/text/source-format-error';
import type { Trace } from '../trace';
import type { Millis } from '../time';
import type { InFlightChannel } from './in-flight-channel';
import type { StreamOperator } from './operator';
import type { Provenance } from './provenance';

export interface JobContext {
  /** The virtual processing time. */
  now(): Millis;
  /**
   * The processing time the event being handled was due at: the clock, except while a restarted
   * job reads its backlog again (see `JobRuntime.restart`). Absent: the clock.
   */
  dueTime?(): Millis;
  /**
   * Sets the clock to the arrival time of the record a source is about to push through its
   * operators (see `StreamOperator.pushInto`): a run of due records goes through without the
   * scheduler, so the source moves the clock itself, forward only.
   */
  arriveAt(time: Millis): void;
  /** The trace, or null when the run only keeps counters. */
  readonly trace: Trace | null;
  /** Where collected records came from, when the run keeps it (only while tracing). */
  readonly provenance: Provenance | null;
  /** A fresh record id (only called while tracing). */
  nextRecordId(): number;
  /** Asks to have `operator.onProcessingTime` called once processing time reaches `time`. */
  wakeUpAt(operator: StreamOperator, time: Millis): void;
  /** Asks to have `channel.deliver` called once processing time reaches `time`. */
  deliverAt(channel: InFlightChannel, time: Millis): void;
  /** Keeps a copy of every record sent to a side output, for the job result. */
  recordSideOutput(
    tagId: string,
    value: unknown,
    timestamp: Millis | undefined,
    operator: StreamOperator,
  ): void;
  /** Keeps a row a source left out (a text source's bad row under `onError: 'skip'`). */
  recordSkippedRow(operator: StreamOperator, problem: SourceFormatError): void;
}
