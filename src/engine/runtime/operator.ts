/**
 * The physical operator: what the compiled job runs. Each operator owns its state, receives records
 * and watermarks on numbered input channels, and pushes what it emits to the operators downstream.
 *
 * Records and watermarks travel synchronously along edges, depth first, so the order of events on
 * every edge is the order in which they were emitted, as on a Flink channel.
 */
import { UserFunctionError, JobExecutionError, isOperatorFailure } from '../errors';
import { emptyMetrics } from '../metrics';
import type { OperatorMetrics } from '../metrics';
import { isKey } from '../records';
import { isPromise, notSynchronous } from '../functions/synchronous';
import type { Key, WindowOrigin } from '../records';
import { summarize } from '../summarize';
import type { Millis } from '../time';
import { WatermarkValve } from '../watermarks/valve';
import type { ValveOutput } from '../watermarks/valve';
import type { OutputTag } from '../output-tag';
import type { KeyedStateEntry } from '../state/keyed-state-backend';
import { UncopyableState, copyState } from '../state/copy-state';
import type { CopiedState } from '../state/copy-state';
import type { OperatorSnapshot } from './snapshot';
import type { CheckpointBarrierHandler } from '../checkpointing/barrier-handler';
import type { Failure, FusedRecord, FusionBuilder } from './fusion';
import type { JobContext } from './job-context';

/** The lineage of an emitted record with none: shared, never written. */
const NO_LINEAGE: readonly number[] = Object.freeze([]);
/**
 * One record's way into an operator (or out of one, to all its readers) on the untraced fast path:
 * its value and event time. Nothing else travels: such records carry no trace id and no window
 * origin, and the job's clock already reads their arrival time (see `StreamOperator.pushInto`).
 */
export type Push = (value: unknown, timestamp: Millis | undefined) => void;

/** Extracts the key of a record on a keyed input. */
export type KeySelector<T, K extends Key = Key> = (value: T) => K;

/** How a key selector is named when it fails: the operator does not know which call gave it. */
const KEY_SELECTOR = 'The key selector (the function given to keyBy, where or equalTo)';

/**
 * What an edge leads to: an operator, or a partitioner choosing one of the subtasks of a parallel
 * operator for each record (see `parallelism/partitioner.ts`).
 */
export interface EdgeTarget {
  receive(
    edge: Edge,
    value: unknown,
    timestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
    id: number,
  ): void;
  receiveWatermark(edge: Pick<Edge, 'channel'>, watermark: Millis): void;
  receiveBarrier(channel: number, checkpoint: number): void;
  receiveStatus(edge: Pick<Edge, 'channel'>, idle: boolean): void;
  pushInto(edge: Edge): Push;
  readonly batchSafe: boolean;
}

/** A connection from an operator's output to one input channel of another operator. */
export interface Edge {
  readonly target: EdgeTarget;
  /** Channel index at the target: one per incoming edge, for watermark combination. */
  readonly channel: number;
  /** Which logical input of the target (0, or 1 for the second input of a two-input operator). */
  readonly gate: number;
}

/** Where an operator's records, side-output records, watermarks and idleness go. */
export class Output {
  readonly edges: Edge[] = [];
  readonly sideEdges = new Map<string, Edge[]>();

  constructor(private readonly operator: StreamOperator) {}

  /**
   * Emits a new record on the main output and returns its id (0 when the trace is off). `lineage`
   * (the ids of the inputs behind it) is only needed while tracing; pass `undefined` otherwise.
   *
   * The record travels as arguments (value, timestamp, origin, id), not as an object: most records
   * pass straight through a few operators, and an object per hop would be most of their cost.
   */
  emit(
    value: unknown,
    timestamp: Millis | undefined,
    lineage: readonly number[] | undefined,
    origin: WindowOrigin | undefined,
  ): number {
    const operator = this.operator;
    operator.metrics.recordsOut++;
    const id = operator.job.trace === null ? 0 : this.traceEmit(value, timestamp, lineage, null);
    const edges = this.edges;
    if (edges.length === 1) {
      // Most outputs have one reader: a direct call, which the JIT can inline, and no loop.
      const edge = edges[0] as Edge;
      edge.target.receive(edge, value, timestamp, origin, id);
      return id;
    }
    for (let i = 0; i < edges.length; i++) {
      const edge = edges[i] as Edge;
      edge.target.receive(edge, value, timestamp, origin, id);
    }
    return id;
  }

  /** Emits a record to the side output named by `tag`. */
  emitToSide(
    tag: OutputTag<unknown>,
    value: unknown,
    timestamp: Millis | undefined,
    lineage: readonly number[] | undefined,
  ): void {
    const operator = this.operator;
    operator.metrics.recordsToSideOutputs++;
    const id = operator.job.trace === null ? 0 : this.traceEmit(value, timestamp, lineage, tag.id);
    operator.job.recordSideOutput(tag.id, value, timestamp, operator);
    for (const edge of this.sideEdges.get(tag.id) ?? []) {
      edge.target.receive(edge, value, timestamp, undefined, id);
    }
  }

  /** Records an emitted record in the trace and returns its new id. */
  private traceEmit(
    value: unknown,
    timestamp: Millis | undefined,
    lineage: readonly number[] | undefined,
    tag: string | null,
  ): number {
    const { job, id: op } = this.operator;
    const id = job.nextRecordId();
    job.trace?.emit(op, id, timestamp ?? null, lineage ?? NO_LINEAGE, tag, value);
    if (lineage !== undefined) job.provenance?.derived(id, lineage);
    return id;
  }

  /** Forwards a watermark on every output, side outputs included. */
  emitWatermark(watermark: Millis): void {
    for (const edge of this.allEdges()) edge.target.receiveWatermark(edge, watermark);
  }

  /** Forwards a checkpoint barrier on every output, side outputs included, as Flink does. */
  emitBarrier(checkpoint: number): void {
    for (const edge of this.allEdges()) edge.target.receiveBarrier(edge.channel, checkpoint);
  }

  /** Forwards an idle/active status on every output. */
  emitStatus(idle: boolean): void {
    for (const edge of this.allEdges()) edge.target.receiveStatus(edge, idle);
  }

  private *allEdges(): Iterable<Edge> {
    yield* this.edges;
    for (const edges of this.sideEdges.values()) yield* edges;
  }
}

/** The kinds of operator, for the job graph. */
export type OperatorKind =
  | 'source'
  | 'timestamps'
  | 'chain'
  | 'process'
  | 'keyed-process'
  | 'rolling-reduce'
  | 'co-process'
  | 'window'
  | 'interval-join'
  | 'sink';

export abstract class StreamOperator implements EdgeTarget {
  readonly metrics: OperatorMetrics = emptyMetrics();
  /** Which of the operator's parallel instances this is, from 0 (Flink's subtask index). */
  subtask = 0;
  /** How many parallel instances the operator runs as. */
  parallelism = 1;
  readonly output: Output = new Output(this);
  /** Set by {@link StreamOperator.setup} before the job starts. */
  job!: JobContext;
  protected valve!: WatermarkValve;
  /** The key of the record (or timer) being processed, on keyed operators. */
  currentKey: Key | undefined = undefined;
  /** Set by the job when it checkpoints: what the operator does with barriers. */
  barriers: CheckpointBarrierHandler | null = null;
  private readonly valveOutput: ValveOutput = {
    watermark: (watermark) => this.advanceWatermark(watermark),
    status: (idle) => this.processStatus(idle),
  };

  protected constructor(
    readonly id: string,
    readonly name: string,
    readonly kind: OperatorKind,
    /** One key selector per logical input; `undefined` for an input that is not keyed. */
    protected readonly keySelectors: readonly (KeySelector<unknown> | undefined)[],
  ) {}

  /**
   * The subtask's name as Flink's web interface gives it: the operator's id, and for an operator
   * running in parallel its subtask, counted from 1 ("op-3 (2/4)"). Snapshots are kept by it.
   */
  get task(): string {
    return this.parallelism === 1
      ? this.id
      : `${this.id} (${this.subtask + 1}/${this.parallelism})`;
  }

  /** Connects the operator to its job, with one input channel per incoming edge (or partition). */
  setup(job: JobContext, channels: number): void {
    this.job = job;
    this.valve = new WatermarkValve(channels);
  }

  /** Runs once before the first record: user functions' `open` hooks run here. */
  open(): void {}

  /** The operator's combined input watermark. */
  get watermark(): Millis {
    return this.valve.watermark;
  }

  /** Per input channel: the last watermark and whether the channel is idle. */
  inputWatermarks(): { watermark: Millis; idle: boolean }[] {
    const idle = this.valve.channelIdleness();
    return this.valve.channelWatermarks().map((watermark, i) => ({ watermark, idle: !!idle[i] }));
  }

  /**
   * Processes one record of logical input `gate`: its value, event time (`undefined` when it has
   * none), window origin (on window results and what follows them) and trace id (0 when the trace
   * is off). `key` is set when that input is keyed.
   */
  protected abstract processElement(
    gate: number,
    value: unknown,
    timestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
    id: number,
    key: Key | undefined,
  ): void;

  /**
   * Reacts to the combined watermark advancing. Operators with event-time timers fire them first;
   * then the watermark goes downstream.
   */
  protected processWatermark(watermark: Millis): void {
    this.output.emitWatermark(watermark);
  }

  /** Reacts to all inputs going idle (or one becoming active again): tells the operators downstream. */
  protected processStatus(idle: boolean): void {
    this.job.trace?.add({ type: 'idleness', op: this.id, input: -1, idle });
    this.output.emitStatus(idle);
  }

  /** Called by the scheduler when processing time reaches a time the operator asked for. */
  onProcessingTime(_now: Millis): void {}

  /** Called every auto-watermark interval; operators that generate watermarks override it. */
  emitPeriodicWatermarks(): void {}

  /** True for operators that generate watermarks and so need periodic calls. */
  get generatesWatermarks(): boolean {
    return false;
  }

  /** The keyed state the operator holds, for inspection (none by default). */
  keyedState(): KeyedStateEntry[] {
    return [];
  }

  /**
   * Copies the operator's state, between two events: its watermarks and its own managed state
   * (see {@link snapshotOwnState}), as Flink's `StreamOperator.snapshotState`. Values user
   * functions keep in their own fields are not part of it, as in Flink: only managed state is.
   * Fails with a {@link JobExecutionError} naming where the state holds a value that cannot be
   * copied (a function, a symbol, a class instance).
   */
  snapshotState(checkpoint?: number): OperatorSnapshot {
    const watermarks = this.valve.snapshot();
    const state = this.copyOwnState(checkpoint);
    const bytes = watermarks.bytes + state.bytes;
    return {
      id: this.id,
      kind: this.kind,
      watermarks: watermarks.value,
      state: state.value,
      bytes,
    };
  }

  /**
   * Takes over a snapshot of the same operator of the same program, before the job starts (as
   * Flink's `initializeState` runs before `open`). The snapshot is copied again, so that it stays
   * as it was whatever the restored job does.
   */
  restoreState(snapshot: OperatorSnapshot): void {
    if (snapshot.id !== this.id || snapshot.kind !== this.kind) {
      throw this.executionError(
        `the snapshot of operator "${snapshot.id}" (${snapshot.kind}) cannot restore ` +
          `operator "${this.id}" (${this.kind}): it was taken of another program.`,
      );
    }
    this.valve.restore(copyState(snapshot.watermarks).value);
    this.restoreOwnState(copyState(snapshot.state).value);
  }

  /** Copies the own state; a value that cannot be copied fails naming this operator. */
  private copyOwnState(checkpoint: number | undefined): CopiedState<unknown> {
    try {
      return this.snapshotOwnStateCopied(checkpoint);
    } catch (error) {
      if (!(error instanceof UncopyableState)) throw error;
      throw this.executionError(`its state cannot be snapshotted: ${error.message}`);
    }
  }

  /**
   * The operator's own managed state as plain data, for {@link snapshotState} to copy: it may
   * refer to the live state, which is copied before anything changes. `null` when there is none.
   * `checkpoint` is set when the snapshot is taken for that checkpoint, at its barrier.
   */
  protected snapshotOwnState(_checkpoint?: number): unknown {
    return null;
  }

  /**
   * The own state already copied, and its size: by default {@link snapshotOwnState} copied whole.
   * An operator that can copy only what changed since its last snapshot, and share the rest with
   * it, overrides this (see the window operator). It throws {@link UncopyableState} for a value
   * that cannot be copied, with the path from the root of the own state.
   */
  protected snapshotOwnStateCopied(checkpoint: number | undefined): CopiedState<unknown> {
    return copyState(this.snapshotOwnState(checkpoint));
  }

  /** A checkpoint barrier arrived on input channel `channel` (a source: its partition). */
  receiveBarrier(channel: number, checkpoint: number): void {
    this.barriers?.processBarrier(channel, checkpoint);
  }

  /** Checkpoint `checkpoint` completed (Flink's `CheckpointListener`); transactional sinks commit. */
  notifyCheckpointComplete(_checkpoint: number): void {}

  /** Takes over what {@link snapshotOwnState} returned, as a copy the operator may keep. */
  protected restoreOwnState(_state: unknown): void {}

  /** Live processing-time timers (a finished job reports and drops them). */
  pendingProcessingTimers(): number {
    return 0;
  }

  /** Entry point for records arriving on an edge; see {@link Output.emit} for the arguments. */
  receive(
    edge: Edge,
    value: unknown,
    timestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
    id: number,
  ): void {
    const barriers = this.barriers;
    if (barriers !== null && barriers.aligning) {
      if (barriers.holdRecord(edge, value, timestamp, origin, id)) return;
    }
    this.metrics.recordsIn++;
    const selector = this.keySelectors[edge.gate];
    const key = selector === undefined ? undefined : this.selectKey(selector, value, timestamp);
    this.currentKey = key;
    if (this.job.trace !== null) this.traceArrival(edge, value, timestamp, id, key);
    this.processElement(edge.gate, value, timestamp, origin, id, key);
  }

  /**
   * True when the operator never asks for a processing-time wake-up, whatever records, watermarks
   * or user functions it sees. With the trace off, the job lets a source push a run of records
   * straight through its operators (see {@link pushInto}) only when all of them are: a wake-up
   * asked for during the run might be due before the run's later records.
   */
  get batchSafe(): boolean {
    return false;
  }

  /**
   * This operator's input `edge` as a {@link Push}, for the untraced fast path: a source whose
   * operators are all {@link batchSafe} drains the records due at once, taking each through every
   * operator before reading the next, with the clock set to its arrival time. That is exactly the
   * order of processing them one by one, minus the scheduler's round trip. Operators that can be
   * fused into the source's loop (see `fusion.ts`) never need this; the others are reached
   * through it.
   */
  pushInto(edge: Edge): Push {
    return (value, timestamp) => this.receive(edge, value, timestamp, undefined, 0);
  }

  /** The key of a record on keyed input `gate`, checked as {@link receive} checks it. */
  protected keyOf(gate: number, value: unknown, timestamp: Millis | undefined): Key {
    return this.selectKey(this.keySelectors[gate] as KeySelector<unknown>, value, timestamp);
  }

  /**
   * Writes, into a fused loop, the key selection {@link receive} does for keyed input `gate`:
   * the learner's selector and the check that its result can be a key. Returns the local holding
   * the key. (Fused operators keep no keyed state that reads {@link currentKey}.)
   */
  protected fuseKey(code: FusionBuilder, gate: number, record: FusedRecord): string {
    const { value, timestamp } = record;
    const selector = this.keySelectors[gate] as KeySelector<unknown>;
    const fail: Failure = (error, v, ts) => this.userError(error, v, ts);
    const key = code.guarded('key', `${code.bind(selector)}(${value})`, fail, value, record);
    const keyError = code.bind((k: unknown, v: unknown, ts: Millis | undefined) =>
      this.keyError(k, v, ts),
    );
    code.line(
      `if (!${code.bind(isKey)}(${key})) throw ${keyError}(${key}, ${value}, ${timestamp});`,
    );
    return key;
  }

  /** Kept out of {@link receive}, so that the untraced path stays small enough to inline. */
  private traceArrival(
    edge: Edge,
    value: unknown,
    timestamp: Millis | undefined,
    id: number,
    key: Key | undefined,
  ): void {
    this.job.trace?.arrival(this.id, edge.channel, id, timestamp ?? null, key ?? null, value);
  }

  /** Entry point for watermarks arriving on an edge (or a source partition). */
  receiveWatermark(edge: Pick<Edge, 'channel'>, watermark: Millis): void {
    if (this.barriers?.holdWatermark(edge.channel, watermark) === true) return;
    const trace = this.job.trace;
    if (
      trace !== null &&
      !this.valve.channelIdle(edge.channel) &&
      this.valve.channelWatermark(edge.channel) < watermark
    ) {
      trace.add({ type: 'watermark', op: this.id, input: edge.channel, watermark });
    }
    this.valve.inputWatermark(edge.channel, watermark, this.valveOutput);
  }

  /** Entry point for idle/active statuses arriving on an edge (or from a source partition). */
  receiveStatus(edge: Pick<Edge, 'channel'>, idle: boolean): void {
    if (this.barriers?.holdStatus(edge.channel, idle) === true) return;
    if (this.valve.channelIdle(edge.channel) === idle) return;
    this.job.trace?.add({ type: 'idleness', op: this.id, input: edge.channel, idle });
    this.valve.inputStatus(edge.channel, idle, this.valveOutput);
  }

  /** Wraps a learner's function call: failures name this operator and the record. */
  protected userError(cause: unknown, value: unknown, timestamp: Millis | undefined): Error {
    if (isOperatorFailure(cause)) return cause;
    return new UserFunctionError(
      { operatorId: this.id, operatorName: this.name, record: { value, timestamp } },
      cause,
    );
  }

  /** A failure the engine detected while processing a record (or a timer, with no record). */
  protected executionError(
    problem: string,
    record?: { value: unknown; timestamp: Millis | undefined },
  ): JobExecutionError {
    return new JobExecutionError(
      {
        operatorId: this.id,
        operatorName: this.name,
        ...(record === undefined ? {} : { record }),
      },
      problem,
    );
  }

  private advanceWatermark(watermark: Millis): void {
    this.job.trace?.add({ type: 'watermark', op: this.id, input: -1, watermark });
    this.processWatermark(watermark);
  }

  private selectKey(
    selector: KeySelector<unknown>,
    value: unknown,
    timestamp: Millis | undefined,
  ): Key {
    let key: unknown;
    try {
      key = selector(value);
    } catch (error) {
      throw this.userError(error, value, timestamp);
    }
    if (!isKey(key)) throw this.keyError(key, value, timestamp);
    return key;
  }

  /**
   * The failure for a key selector that returned something that cannot be a key. Kept out of
   * {@link selectKey} (as every failure message is kept out of a per-record path): a function that
   * builds a message is too large for the JIT to inline into its callers.
   */
  protected keyError(key: unknown, value: unknown, timestamp: Millis | undefined): Error {
    // Asked only here, off the per-record path: a Promise is never a key, so it lands here.
    if (isPromise(key)) return this.userError(notSynchronous(KEY_SELECTOR), value, timestamp);
    return this.executionError(
      `keyBy returned ${summarize(key, 60)}, which cannot be a key. A key must be a string, ` +
        'a number or a boolean; to key by several fields, join them: (r) => `${r.a}|${r.b}`.',
      { value, timestamp },
    );
  }
}
