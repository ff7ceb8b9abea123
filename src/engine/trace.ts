/**
 * The trace: everything that happens in a run, as flat, typed, structured-clone-friendly events
 * that a worker can post in batches (see {@link TraceRecorder.drain}).
 *
 * Every event has `seq` (its position in the run, from 0), `time` (processing time) and `op` (the
 * operator's id in the job graph). Record ids (`record`, `lineage`) are assigned when a record is
 * created; `lineage` lists the ids of the input records that contributed to an emitted record, so
 * a window result points at the events behind it.
 */
import type { Key } from './records';
import type { PaneTiming } from './windows/pane';
import type { Millis } from './time';
import { ARRIVAL, EMIT, STATE_WRITE, TraceColumns } from './trace-columns';

/** How much the trace keeps. Counters (metrics) are kept at every level. */
export type TraceLevel = 'full' | 'sampled' | 'counters';

/** Trace settings. */
export interface TraceOptions {
  /** `'full'`: every event; `'sampled'`: every event except that only one record-level event
   * (arrival, emit, state write) in `sampleEvery` is kept; `'counters'`: no events. Default
   * `'counters'`. */
  readonly level?: TraceLevel;
  /** The most events held before the oldest are dropped (default 100 000). */
  readonly limit?: number;
  /** For `'sampled'`: keep one record-level event in this many (default 100). */
  readonly sampleEvery?: number;
}

interface Base {
  /** Position of the event in the run, from 0. */
  readonly seq: number;
  /** Processing time of the event. */
  readonly time: Millis;
  /** Id of the operator where it happened. */
  readonly op: string;
  /**
   * Which parallel subtask of the operator it happened in, from 0: only set on operators that run
   * with a parallelism above 1.
   */
  readonly subtask?: number;
}

/** A record reached an operator's input. */
export interface ArrivalEvent extends Base {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'arrival';
  /** Input channel of the operator (an edge, or a source partition). */
  readonly input: number;
  /** The record's id. */
  readonly record: number;
  /** The record's event time (`null` when it has none). */
  readonly eventTime: Millis | null;
  /** The record's key, for keyed operators. */
  readonly key: Key | null;
  /** A printable summary of the record's value. */
  readonly value: string;
}

/** An operator emitted a record (on its main output, or to a side output when `tag` is set). */
export interface EmitEvent extends Base {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'emit';
  /** The emitted record's id. */
  readonly record: number;
  /** Its event time (`null` when it has none). */
  readonly eventTime: Millis | null;
  /** Ids of the input records behind this one. */
  readonly lineage: readonly number[];
  /** The side output it went to, or `null` for the main output. */
  readonly tag: string | null;
  /** A printable summary of its value. */
  readonly value: string;
}

/**
 * A watermark moved: `input` ≥ 0 is an input channel of the operator, `input` = -1 the operator's
 * own (combined) watermark, which is what it forwards downstream.
 */
export interface WatermarkEvent extends Base {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'watermark';
  /** The input channel, or -1 for the operator's own watermark. */
  readonly input: number;
  /** The new watermark. */
  readonly watermark: Millis;
}

/** An input channel (`input` ≥ 0) or the whole operator (`input` = -1) went idle or active. */
export interface IdlenessEvent extends Base {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'idleness';
  /** The input channel, or -1 for the whole operator. */
  readonly input: number;
  /** True when it went idle, false when it became active again. */
  readonly idle: boolean;
}

interface WindowBase extends Base {
  /** The window's key (`null` after `windowAll`). */
  readonly key: Key | null;
  /** The first timestamp in the window. */
  readonly start: Millis;
  /** The first timestamp after it. */
  readonly end: Millis;
}

/** A window got its first element. */
export interface WindowCreatedEvent extends WindowBase {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'window-created';
}

/** Session windows merged into `[start, end)`; the merged windows' bounds are listed in order. */
export interface WindowMergedEvent extends WindowBase {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'window-merged';
  /** The starts of the windows that merged. */
  readonly mergedStarts: readonly Millis[];
  /** Their ends, in the same order. */
  readonly mergedEnds: readonly Millis[];
}

/** A window fired; `record` is the id of the first result it emitted (0 when it emitted none). */
export interface WindowFiredEvent extends WindowBase {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'window-fired';
  /** Whether it fired before, at or after the end of the window. */
  readonly timing: PaneTiming;
  /** Which firing of the window it is: 0, 1, … */
  readonly index: number;
  /** True when no further firing of the window follows. */
  readonly isLast: boolean;
  /** The id of the first result it emitted (0 when none). */
  readonly record: number;
  /**
   * For the built-in field aggregations (`sum('celsius')`, …), which return a whole record: the
   * aggregated field and its value in the first result (a summary unless a number or a string).
   */
  readonly field: { readonly name: string; readonly value: number | string } | null;
}

/** A window's contents were cleared: by its trigger (`'trigger'`) or at cleanup (`'cleanup'`). */
export interface WindowPurgedEvent extends WindowBase {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'window-purged';
  /** Cleared by its trigger, or for good at cleanup time. */
  readonly reason: 'trigger' | 'cleanup';
}

/**
 * A record arrived behind the watermark. `'accepted'`: within allowed lateness, it updates its
 * windows; `'dropped'` and `'side-output'`: all its windows were past their allowed lateness.
 */
export interface LateEvent extends Base {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'late';
  /** The late record's id. */
  readonly record: number;
  /** Its key (`null` when the stream is not keyed). */
  readonly key: Key | null;
  /** Its event time. */
  readonly eventTime: Millis;
  /** The operator's watermark when it arrived. */
  readonly watermark: Millis;
  /**
   * What became of it: accepted into its windows, dropped, or sent to the late-data side output.
   */
  readonly outcome: 'accepted' | 'dropped' | 'side-output';
}

/** A timer was registered or fired. */
export interface TimerEvent extends Base {
  /** Whether the timer was registered or fired. */
  readonly type: 'timer-registered' | 'timer-fired';
  /** The key the timer belongs to. */
  readonly key: Key | null;
  /** Which clock the timer is set on. */
  readonly domain: 'event-time' | 'processing-time';
  /** The time the timer is set for. */
  readonly timestamp: Millis;
}

/** Keyed state was written (`value` is a summary) or cleared (`value` is null). */
export interface StateWriteEvent extends Base {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'state-write';
  /** The key whose state was written. */
  readonly key: Key | null;
  /** The state's name, from its descriptor. */
  readonly state: string;
  /** A summary of the new value, or `null` when the state was cleared. */
  readonly value: string | null;
}

/** The run ended: every source was exhausted (or the requested end time was reached). */
export interface JobEndEvent extends Base {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'job-end';
  /** Processing-time timers still pending; like Flink, a finished job does not fire them. */
  readonly pendingProcessingTimers: number;
}

/**
 * The checkpoint coordinator triggered checkpoint `checkpoint`: barriers are being injected at every
 * source partition (`op` is `'-'`, the coordinator).
 */
export interface CheckpointTriggeredEvent extends Base {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'checkpoint-triggered';
  /** The checkpoint's id: 1, 2, … in the order they were triggered. */
  readonly checkpoint: number;
  /** Whether operators align their inputs' barriers (`'exactly-once'`) or not. */
  readonly mode: 'exactly-once' | 'at-least-once';
}

/** A checkpoint barrier reached input channel `input` of the operator (a source: its partition). */
export interface BarrierEvent extends Base {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'barrier';
  /** The checkpoint the barrier belongs to. */
  readonly checkpoint: number;
  /** The input channel (an edge, or a source partition). */
  readonly input: number;
}

/**
 * An operator with several input channels began waiting for a checkpoint's barrier on all of them
 * (`'alignment-start'`, at the first barrier, `input` is its channel), or had them all
 * (`'alignment-end'`, `input` is the last channel). In exactly-once mode the channels whose barrier
 * came are blocked in between; in at-least-once mode they are not (Flink's barrier tracker).
 */
export interface AlignmentEvent extends Base {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'alignment-start' | 'alignment-end';
  /** The checkpoint being aligned. */
  readonly checkpoint: number;
  /** The input channel whose barrier started or ended the alignment. */
  readonly input: number;
  /** Whether the channels that had the barrier were blocked meanwhile (exactly-once mode). */
  readonly blocking: boolean;
  /**
   * On `'alignment-end'`: how many records came meanwhile on channels that already had the
   * barrier. Blocking, they were held back and processed after the snapshot; not blocking, they
   * were processed before it, so they are in the snapshot and a restore from it processes them
   * again (the cause of at-least-once).
   */
  readonly records?: number;
}

/** The operator snapshotted its state for a checkpoint and acknowledged it to the coordinator. */
export interface SnapshotEvent extends Base {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'snapshot';
  /** The checkpoint the snapshot belongs to. */
  readonly checkpoint: number;
  /**
   * The snapshot's estimated size in bytes: all of the operator's state, including the parts
   * shared with the previous snapshot (Flink's full checkpoint size, not an incremental one).
   */
  readonly bytes: number;
}

/** Every operator acknowledged the checkpoint: it is complete and recovery may use it. */
export interface CheckpointCompletedEvent extends Base {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'checkpoint-completed';
  /** The completed checkpoint. */
  readonly checkpoint: number;
  /** The whole checkpoint's estimated size in bytes. */
  readonly bytes: number;
}

/** The checkpoint could not complete (an operator's state could not be snapshotted, or a failure). */
export interface CheckpointAbortedEvent extends Base {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'checkpoint-aborted';
  /** The aborted checkpoint. */
  readonly checkpoint: number;
  /** Why, in plain words. */
  readonly reason: string;
}

/**
 * The job failed: a function threw, the engine met a record it cannot process, or an injected
 * failure happened. `op` is the failing operator (`'-'` when the failure is not an operator's).
 */
export interface FailureEvent extends Base {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'failure';
  /** The error's message. */
  readonly cause: string;
  /** A summary of the record being processed, if there was one. */
  readonly record: string | null;
  /** True for a failure injected with `env.injectFailure(...)`. */
  readonly injected: boolean;
  /** True when the restart strategy restarts the job; false when the job fails for good. */
  readonly restarting: boolean;
}

/**
 * The job restarted (`op` is `'-'`): fresh operators, their state restored from checkpoint
 * `checkpoint` (or from the beginning, when `null`), and sources rewound to its offsets.
 */
export interface RestartEvent extends Base {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type: 'restart';
  /** 1 for the first restart, 2 for the second, … */
  readonly attempt: number;
  /** The checkpoint the job restarted from; `null`: from the beginning. */
  readonly checkpoint: number | null;
  /** The processing time the job restarts from: that of the checkpoint (0: the beginning). */
  readonly from: Millis;
}

/**
 * A transactional (two-phase-commit) sink's transaction changed: opened, pre-committed at a
 * checkpoint's barrier, committed when that checkpoint completed, or aborted after a failure.
 */
export interface TransactionEvent extends Base {
  /** Tells this event apart in a `TraceEvent`. */
  readonly type:
    | 'transaction-opened'
    | 'transaction-pre-committed'
    | 'transaction-committed'
    | 'transaction-aborted';
  /** The transaction's id: 1, 2, … per sink. */
  readonly transaction: number;
  /** The checkpoint it was pre-committed at (`null` while open, or aborted open). */
  readonly checkpoint: number | null;
  /** The rows written in it. */
  readonly rows: number;
}

/** Any trace event; switch on `type`. */
export type TraceEvent =
  | ArrivalEvent
  | EmitEvent
  | WatermarkEvent
  | IdlenessEvent
  | WindowCreatedEvent
  | WindowMergedEvent
  | WindowFiredEvent
  | WindowPurgedEvent
  | LateEvent
  | TimerEvent
  | StateWriteEvent
  | JobEndEvent
  | CheckpointTriggeredEvent
  | BarrierEvent
  | AlignmentEvent
  | SnapshotEvent
  | CheckpointCompletedEvent
  | CheckpointAbortedEvent
  | FailureEvent
  | RestartEvent
  | TransactionEvent;

/** A trace event before the recorder numbers it. */
export type UnnumberedEvent = Unnumbered<TraceEvent>;
type Unnumbered<E> = E extends TraceEvent ? Omit<E, 'seq' | 'time'> : never;

/** Where operators record trace events: the job's recorder, or a subtask's view of it. */
export interface Trace {
  readonly level: TraceLevel;
  /** Records an event. */
  add(event: UnnumberedEvent): void;
  /**
   * Records an {@link ArrivalEvent}, subject to sampling, without an object made for it: a run
   * makes one per record and operator. `value` is the record's value itself, which the trace
   * summarizes (see `TraceColumns.pushRecordEvent`); `subtask` is -1 outside a parallel subtask.
   */
  arrival(
    op: string,
    input: number,
    record: number,
    eventTime: Millis | null,
    key: Key | null,
    value: unknown,
    subtask?: number,
  ): void;
  /** Records an {@link EmitEvent} as {@link arrival} records an arrival. */
  emit(
    op: string,
    record: number,
    eventTime: Millis | null,
    lineage: readonly number[],
    tag: string | null,
    value: unknown,
    subtask?: number,
  ): void;
  /**
   * Records a {@link StateWriteEvent} as {@link arrival} records an arrival: `value` is the
   * state's new value, `undefined` when it was cleared.
   */
  stateWrite(op: string, key: Key, state: string, value: unknown, subtask?: number): void;
}

/**
 * Keeps trace events in a bounded ring, in columns (see `trace-columns.ts`): when it is full the
 * oldest event is dropped and counted. Operators only call it when tracing is on, so a run at
 * level `'counters'` pays nothing.
 */
export class TraceRecorder implements Trace {
  readonly level: TraceLevel;
  private readonly sampleEvery: number;
  private readonly columns: TraceColumns;
  private recordEvents = 0;
  /** Events dropped because the ring was full. */
  dropped = 0;

  constructor(
    options: TraceOptions,
    private readonly clock: () => Millis,
  ) {
    this.level = options.level ?? 'counters';
    this.columns = new TraceColumns(Math.max(1, options.limit ?? 100_000));
    this.sampleEvery = Math.max(1, options.sampleEvery ?? 100);
  }

  /** True when events are recorded at all. */
  get enabled(): boolean {
    return this.level !== 'counters';
  }

  /** Records an event, numbered and timed now. */
  add(event: UnnumberedEvent): void {
    if (this.columns.push(event, this.clock())) this.dropped++;
  }

  arrival(
    op: string,
    input: number,
    record: number,
    eventTime: Millis | null,
    key: Key | null,
    value: unknown,
    subtask = -1,
  ): void {
    this.record(ARRIVAL, op, subtask, input, record, eventTime, key, value, undefined);
  }

  emit(
    op: string,
    record: number,
    eventTime: Millis | null,
    lineage: readonly number[],
    tag: string | null,
    value: unknown,
    subtask = -1,
  ): void {
    this.record(EMIT, op, subtask, record, eventTime, 0, lineage, tag, value);
  }

  stateWrite(op: string, key: Key, state: string, value: unknown, subtask = -1): void {
    this.record(STATE_WRITE, op, subtask, 0, 0, 0, key, state, value);
  }

  /**
   * Records an arrival, an emit or a state write from its fields, subject to sampling (see
   * `TraceColumns.pushRecordEvent`).
   */
  private record(
    code: number,
    op: string,
    subtask: number,
    a: number | null,
    b: number | null,
    c: number | null,
    x: unknown,
    y: unknown,
    z: unknown,
  ): void {
    if (this.sampledOut()) return;
    if (this.columns.pushRecordEvent(code, this.clock(), op, subtask, a, b, c, x, y, z)) {
      this.dropped++;
    }
  }

  /** At level `'sampled'`, whether this record-level event is one of those not kept. */
  private sampledOut(): boolean {
    return this.level === 'sampled' && this.recordEvents++ % this.sampleEvery !== 0;
  }

  /** The events held, oldest first, without removing them. */
  events(): TraceEvent[] {
    return this.columns.events();
  }

  /** Removes and returns the events held, oldest first: one batch for a consumer. */
  drain(): TraceEvent[] {
    const batch = this.columns.events();
    this.columns.clear();
    return batch;
  }
}
