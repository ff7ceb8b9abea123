/**
 * A running job: the compiled operators, the scheduler, the virtual clock, the sinks and the trace.
 *
 * The clock only moves when the scheduler hands out the next event. A job ends when every source
 * has ended (their maximum watermarks have then flushed every event-time window and timer); as in
 * Flink, processing-time timers still pending at that point do not fire.
 */
import { JobExecutionError, PipelineDefinitionError } from '../errors';
import { CheckpointBarrierHandler } from '../checkpointing/barrier-handler';
import { CheckpointCoordinator } from '../checkpointing/checkpoint-coordinator';
import type { CheckpointingMode } from '../checkpointing/checkpoint-config';
import { injectedFailure, isInjectedFailure } from '../checkpointing/failures';
import type { Failure } from '../checkpointing/failures';
import { RestartBackoff } from '../checkpointing/restart-strategies';
import type { RestartStrategyConfiguration } from '../checkpointing/restart-strategies';
import { ChainOperator } from '../operators/chain-operator';
import { SinkOperator } from '../operators/sink-operator';
import { TransactionalSinkOperator } from '../operators/transactional-sink-operator';
import { summarize } from '../summarize';
import { byName } from '../by-name';
import type { SourceOperator } from '../operators/source-operator';
import type { JobResult, SkippedRow } from '../result';
import type { SourceFormatError } from '../sources/text/source-format-error';
import { TraceRecorder } from '../trace';
import type { TraceOptions } from '../trace';
import type { Millis } from '../time';
import type { JobContext } from './job-context';
import { canGenerateCode } from './fusion';
import { InFlightChannel } from './in-flight-channel';
import type { Edge, StreamOperator } from './operator';
import { Partitioner } from '../parallelism/partitioner';
import { SubtaskContext } from '../parallelism/subtask-context';
import { addMetrics } from '../metrics';
import type { PhysicalPlan } from './compiler';
import { Scheduler } from './scheduler';
import type { ArrivalEvent, ScheduledEvent } from './scheduler';
import { SinkStore } from './sink-store';
import { Provenance } from './provenance';
import type { JobSnapshot, OperatorSnapshot, SourceSplitSnapshot } from './snapshot';

export interface JobOptions {
  /** Processing time between periodic watermarks; 0 turns periodic watermarks off. */
  readonly autoWatermarkInterval: Millis;
  readonly trace: TraceOptions;
  /** Keep where each collected record came from, for lesson checks (needs the trace on). */
  readonly provenance?: boolean;
  /** Checkpoint every `interval` ms of processing time (absent: no checkpoints). */
  readonly checkpointing?: { readonly interval: Millis; readonly mode: CheckpointingMode };
  /** What to do when the job fails (absent: fail, as without checkpointing). */
  readonly restartStrategy?: RestartStrategyConfiguration;
  /** Failures to inject, each once. */
  readonly failures?: readonly Failure[];
}

/** What one step of a job did: which source partition received a record, and when. */
export interface StepResult {
  /** Processing time of the arrival. */
  readonly time: Millis;
  /** Id of the source operator that received it. */
  readonly source: string;
  /** The source partition it arrived at. */
  readonly partition: number;
}

export class JobRuntime implements JobContext {
  readonly trace: TraceRecorder | null;
  readonly provenance: Provenance | null;
  private readonly recorder: TraceRecorder;
  private scheduler = new Scheduler();
  /** The running attempt's operators: a restart compiles the program afresh. */
  private current: PhysicalPlan;
  private operatorIndex = new Map<StreamOperator, number>();
  private emitters: StreamOperator[] = [];
  /** Sources whose due records may be drained in one fused loop (see {@link arrive}). */
  private batched = new Set<SourceOperator<unknown>>();
  /** The running attempt's delayed edges (`simulateNetworkDelay`). */
  private inFlight: InFlightChannel[] = [];
  /** Where each collect sink stood when it took its snapshot for the pending checkpoint. */
  private pendingCuts = new Map<string, number>();
  /** True once the input ended and the final checkpoint was asked for. */
  private finalCheckpoint = false;
  /** True while a checkpoint that waited for another is queued to be triggered. */
  private checkpointSoon = false;
  /** Set when the job checkpoints. */
  readonly coordinator: CheckpointCoordinator | null;
  /**
   * Set when failures are handled (checkpointing, a restart strategy or injected failures), or
   * once a failure is injected into the running job ({@link injectFailureNow}).
   */
  private recovery: Recovery | null;
  /** Processing time the event being handled was due at (earlier than the clock in a catch-up). */
  private due: Millis = 0;
  /** Rows sources left out, in the order they were read. */
  private readonly skippedRows: SkippedRow[] = [];
  private clock: Millis = 0;
  private lastRecordId = 0;
  private started = false;
  private ended = false;
  private failure: unknown;
  /** Set by {@link restore}: where the first periodic watermark tick goes (`undefined`: none). */
  private restoredTick: { readonly time: Millis | undefined } | undefined;

  constructor(
    plan: PhysicalPlan,
    readonly sinks: SinkStore,
    private readonly options: JobOptions,
    /** Compiles the program afresh, for a restart (needed when failures are handled). */
    private readonly rebuild?: () => PhysicalPlan,
  ) {
    this.recorder = new TraceRecorder(options.trace, () => this.clock);
    this.trace = this.recorder.enabled ? this.recorder : null;
    this.provenance = this.trace !== null && options.provenance === true ? new Provenance() : null;
    const { checkpointing, restartStrategy, failures = [] } = options;
    this.coordinator =
      checkpointing === undefined
        ? null
        : new CheckpointCoordinator(checkpointing.interval, checkpointing.mode, {
            plan: () => this.current,
            trace: this.trace,
            now: () => this.clock,
            nextWatermarkTick: () => (this.ended ? undefined : this.scheduler.nextTick()),
            snapshotted: (operator) => {
              if (operator instanceof SinkOperator && operator.collects !== undefined) {
                const rows = this.sinks.outputs.get(operator.collects)?.length ?? 0;
                this.pendingCuts.set(operator.collects, rows);
              }
            },
            completed: (latest) => {
              // The rows each plain sink held when the checkpoint's barrier reached it: a
              // restart from it writes those after again.
              if (this.recovery !== null) {
                const rows = new Map([...this.sinks.rowCounts(), ...this.pendingCuts]);
                this.recovery.sinkCuts = { checkpoint: latest.id, rows };
              }
              this.pendingCuts = new Map();
            },
            inFlight: () => this.inFlight.some((channel) => channel.busy),
            triggerSoon: () => {
              this.checkpointSoon = true;
              this.scheduler.job('checkpoint', this.clock, QUEUED);
            },
          });
    this.recovery =
      checkpointing === undefined && restartStrategy === undefined && failures.length === 0
        ? null
        : {
            backoff: new RestartBackoff(restartStrategy ?? { kind: 'no-restart' }),
            failures: failures.map((failure) => ({ failure, fired: false, seen: 0 })),
            attempt: 0,
            sinkCuts: undefined,
          };
    this.current = plan;
    this.install(plan);
  }

  /** The running attempt's compiled job. */
  get plan(): PhysicalPlan {
    return this.current;
  }

  /** Makes `plan` the running attempt: wires its operators to this job and its checkpoints. */
  private install(plan: PhysicalPlan): void {
    this.current = plan;
    this.operatorIndex = new Map();
    plan.operators.forEach((operator, index) => this.operatorIndex.set(operator, index));
    this.emitters = plan.operators.filter((operator) => operator.generatesWatermarks);
    for (const operator of plan.operators) {
      // A subtask of a parallel operator says which it is in every trace event it records.
      const context =
        operator.parallelism === 1 ? this : new SubtaskContext(this, operator.subtask);
      operator.setup(context, plan.channels.get(operator) ?? 0);
    }
    const coordinator = this.coordinator;
    if (coordinator !== null) {
      const blocking = coordinator.mode === 'EXACTLY_ONCE';
      for (const operator of plan.operators) {
        const channels = plan.channels.get(operator) ?? 0;
        operator.barriers = new CheckpointBarrierHandler(
          operator,
          channels,
          blocking,
          coordinator,
          operator.job.trace,
        );
      }
    } else {
      for (const operator of plan.operators) {
        if (operator instanceof TransactionalSinkOperator) {
          throw new PipelineDefinitionError(
            `The sink "${operator.name}" is transactional (DeliveryGuarantee.EXACTLY_ONCE): it ` +
              'commits its rows when a checkpoint completes, so it needs checkpointing. Call ' +
              'env.enableCheckpointing(interval) first, or use a plain env.collect(name).',
          );
        }
      }
    }
    const recordFailures = this.recovery?.failures.some(({ failure }) => failure.kind === 'record');
    if (recordFailures === true) this.armRecordFailures(plan);
    this.batched = new Set();
    this.inFlight = delayedEdges(plan);
    // An operator failing on its n-th record counts in `receive`, which a fused loop bypasses; an
    // operator blocking a channel while it aligns barriers holds records there.
    if (
      this.trace === null &&
      canGenerateCode() &&
      recordFailures !== true &&
      this.inFlight.length === 0
    ) {
      for (const source of plan.sources) if (batchSafeBehind(source)) this.batched.add(source);
    }
  }

  /** Makes the operators named by `Failure.onRecord` fail on their n-th record. */
  private armRecordFailures(plan: PhysicalPlan): void {
    for (const armed of (this.recovery as Recovery).failures) {
      if (armed.failure.kind === 'record' && !armed.fired) this.armRecordFailure(plan, armed);
    }
  }

  /** Makes the operator `armed` names fail on its n-th record, counting from `armed.seen`. */
  private armRecordFailure(plan: PhysicalPlan, armed: ArmedFailure): void {
    const failure = armed.failure as Extract<Failure, { kind: 'record' }>;
    // Every subtask of the operator counts towards the n-th record, in the order they get them.
    const subtasks = plan.operators.filter(
      (op) =>
        op.name === failure.operator ||
        op.id === failure.operator ||
        (op instanceof ChainOperator && op.steps.includes(failure.operator)),
    );
    if (subtasks.length === 0 || subtasks.some((op) => op.kind === 'source')) {
      const names = plan.operators
        .filter((op) => op.kind !== 'source')
        .map((op) => `"${op.name}"`)
        .join(', ');
      throw new PipelineDefinitionError(
        `Failure.onRecord('${failure.operator}', ${failure.record}) names no operator that ` +
          `receives records. The operators are: ${names}.`,
      );
    }
    for (const operator of subtasks) {
      const receive = operator.receive;
      operator.receive = function (this: StreamOperator, edge, value, timestamp, origin, id) {
        if (!armed.fired && ++armed.seen === failure.record) {
          armed.fired = true;
          throw injectedFailure(
            { operatorId: this.id, operatorName: this.name, record: { value, timestamp } },
            `Failure.onRecord('${failure.operator}', ${failure.record})`,
          );
        }
        receive.call(this, edge, value, timestamp, origin, id);
      };
    }
  }

  now(): Millis {
    return this.clock;
  }

  dueTime(): Millis {
    return this.due;
  }

  arriveAt(time: Millis): void {
    this.clock = time;
  }

  nextRecordId(): number {
    return ++this.lastRecordId;
  }

  deliverAt(channel: InFlightChannel, time: Millis): void {
    this.scheduler.delivery(time, channel);
  }

  wakeUpAt(operator: StreamOperator, time: Millis): void {
    const index = this.operatorIndex.get(operator) ?? 0;
    // After a restart, the replayed events keep their order by the time they were due.
    const floor = this.recovery !== null && this.recovery.attempt > 0 ? this.due : this.clock;
    this.scheduler.wakeUp(Math.max(time, floor), operator, index);
  }

  recordSideOutput(tagId: string, value: unknown, timestamp: Millis | undefined): void {
    this.sinks.sideOutput(tagId, value, timestamp, this.clock);
  }

  recordSkippedRow(operator: StreamOperator, problem: SourceFormatError): void {
    const { source, line, column, reason, message } = problem;
    const row = { op: operator.id, time: this.clock, source, line, column, reason, message };
    Object.defineProperty(row, 'sourceText', { value: problem.sourceText, enumerable: false });
    this.skippedRows.push(row);
  }

  /** True once every source has ended. */
  get finished(): boolean {
    return this.ended;
  }

  /** True when some source never ends: running to the end needs a time limit. */
  get unbounded(): boolean {
    return this.plan.sources.some((source) => source.unbounded);
  }

  /**
   * Injects a failure into the running job at the current processing time, as
   * `Failure.atProcessingTime(now)` would have: it fires at the next event boundary (before
   * anything else due later; after what is still due now), and the job then restarts or fails by
   * its own rules. A job without failure handling gets it now, with no restarts: it fails. False
   * when the job has ended (or failed) and nothing was injected.
   */
  injectFailureNow(): boolean {
    if (this.ended || this.failure !== undefined) return false;
    this.recovery ??= unhandledRecovery();
    const failure: Failure = { kind: 'processing-time', time: this.clock };
    const index = this.recovery.failures.push({ failure, fired: false, seen: 0 }) - 1;
    this.scheduler.job('failure', this.clock, index);
    return true;
  }

  /**
   * Makes the running attempt's operator `operatorId` fail on the next record it receives, as
   * `Failure.onRecord(name, n)` with n its next record would have; a restart before that record
   * comes keeps the failure armed. Throws a `RangeError` for an id that names no operator, or a
   * source (it receives no records). False when the job has ended (or failed).
   */
  injectFailureOnNextRecord(operatorId: string): boolean {
    const operator = this.current.operators.find((op) => op.id === operatorId);
    if (operator === undefined) throw new RangeError(`No operator with id "${operatorId}".`);
    if (operator.kind === 'source') {
      throw new RangeError(`"${operator.name}" is a source: it receives no records to fail on.`);
    }
    if (this.ended || this.failure !== undefined) return false;
    this.recovery ??= unhandledRecovery();
    // Named as the learner knows it, unless another operator shares the name.
    const shared = this.current.operators.some(
      (op) => op !== operator && op.name === operator.name,
    );
    const failure: Failure = {
      kind: 'record',
      operator: shared ? operator.id : operator.name,
      record: 1,
    };
    const armed: ArmedFailure = { failure, fired: false, seen: 0 };
    this.recovery.failures.push(armed);
    this.armRecordFailure(this.current, armed);
    // The failure counts records in `receive`, which a fused source loop bypasses.
    this.batched = new Set();
    return true;
  }

  /** Processes events up to and including the next arrival; `undefined` once the job ended. */
  step(): StepResult | undefined {
    return this.guard(() => {
      this.start();
      for (let event = this.next(); event !== undefined; event = this.next()) {
        if (event.kind === 'arrival') {
          const { source, partition } = event;
          return { time: event.time, source: source.id, partition: source.splitOf(partition) };
        }
      }
      return undefined;
    });
  }

  /** Processes every event up to processing time `time`, then sets the clock to it. */
  advanceTo(time: Millis): void {
    this.guard(() => {
      this.start();
      while (!this.ended) {
        const upcoming = this.scheduler.peek();
        if (upcoming === undefined || upcoming.time > time) break;
        this.next(time);
      }
      if (!this.ended && time > this.clock) this.clock = time;
    });
  }

  /** Runs until every source ended (or, with `until`, until that processing time). */
  runToEnd(until?: Millis): void {
    if (until === undefined && this.unbounded) {
      throw new JobExecutionError(
        { operatorId: '-', operatorName: 'job' },
        'a source never ends, so the job would run forever: pass { until: <processing time> } to ' +
          'execute() or runToEnd(), or use a bounded source.',
      );
    }
    if (until !== undefined) this.advanceTo(until);
    else
      this.guard(() => {
        this.start();
        while (this.next(Infinity) !== undefined);
      });
  }

  /**
   * Everything produced so far. Sinks, side outputs and operators are keyed by names the learner
   * chose, so `constructor` or `__proto__` must be a name like any other: no prototype.
   */
  result(): JobResult {
    const outputs: Record<string, JobResult['outputs'][string]> = byName();
    for (const name of this.sinks.outputs.keys()) outputs[name] = this.sinks.collectedRows(name);
    for (const [name, log] of this.sinks.transactionLogs) outputs[name] = log.rows();
    const tables: Record<string, JobResult['tables'][string]> = byName();
    for (const [name, table] of this.sinks.tables) tables[name] = table.rows();
    const sideOutputs: Record<string, JobResult['sideOutputs'][string]> = byName();
    for (const [tag, records] of this.sinks.sideOutputs) sideOutputs[tag] = [...records];
    const operators: Record<string, JobResult['metrics']['operators'][string]> = byName();
    // An operator's counters are its subtasks' together.
    for (const operator of this.plan.operators) {
      const sum = operators[operator.id];
      operators[operator.id] =
        sum === undefined ? { ...operator.metrics } : addMetrics(sum, operator.metrics);
    }
    return {
      outputs,
      tables,
      printed: [...this.sinks.printed],
      sideOutputs,
      skippedRows: [...this.skippedRows],
      metrics: { operators, traceEventsDropped: this.recorder.dropped },
      trace: this.recorder.events(),
      graph: this.plan.graph,
      processingTime: this.clock,
      finished: this.ended,
    };
  }

  /**
   * A consistent snapshot of the job between two events (see `snapshot.ts`): the processing time,
   * every operator's state and where every source partition stands. Taking one changes nothing:
   * the job goes on as if it had not been taken. What the sinks hold is not in it.
   */
  snapshot(): JobSnapshot {
    // A job that never ran is opened first, as its first step would: its state is then defined.
    this.guard(() => this.start());
    if (this.inFlight.some((channel) => channel.busy)) {
      throw new JobExecutionError(
        { operatorId: '-', operatorName: 'job' },
        'records are in flight on a delayed edge (simulateNetworkDelay), and a snapshot taken ' +
          'between two events holds no records in flight: take it when nothing is in flight, or ' +
          'let checkpoints take one (their barriers travel behind the records).',
      );
    }
    const operators = new Map<string, OperatorSnapshot>();
    const sources = new Map<string, readonly SourceSplitSnapshot[]>();
    let bytes = 0;
    for (const operator of this.plan.operators) {
      const snapshot = operator.snapshotState();
      operators.set(operator.task, snapshot);
      bytes += snapshot.bytes;
    }
    for (const source of this.plan.sources) {
      const { state } = operators.get(source.task) as OperatorSnapshot;
      sources.set(
        source.task,
        (state as { partitions: readonly SourceSplitSnapshot[] }).partitions,
      );
    }
    return {
      processingTime: this.clock,
      nextWatermarkTick: this.ended ? undefined : this.scheduler.nextTick(),
      operators,
      sources,
      bytes,
    };
  }

  /**
   * Makes this job, built from the same program as the job `snapshot` was taken of, go on from
   * there. Call it before the first step. Every operator must find its snapshot, by id and kind,
   * and every snapshot its operator (Flink's rule without `allowNonRestoredState`). Sources resume
   * where they stood, timers are queued again (processing-time ones with the scheduler), and the
   * periodic watermark tick comes when it was due. Sinks start empty: what the first job collected
   * stays with it.
   */
  restore(snapshot: JobSnapshot): void {
    if (this.started || this.restoredTick !== undefined) {
      throw new JobExecutionError(
        { operatorId: '-', operatorName: 'job' },
        'a job can only be restored from a snapshot once, before it starts.',
      );
    }
    const tasks = new Set(this.plan.operators.map((operator) => operator.task));
    for (const task of snapshot.operators.keys()) {
      if (!tasks.has(task)) {
        throw new JobExecutionError(
          { operatorId: task, operatorName: task },
          `the snapshot holds state of operator "${task}", which this job does not have: it was ` +
            'taken of another program (or of the same one at another parallelism).',
        );
      }
    }
    for (const operator of this.plan.operators) {
      const saved = snapshot.operators.get(operator.task);
      if (saved === undefined) {
        throw new JobExecutionError(
          { operatorId: operator.id, operatorName: operator.name },
          `the snapshot holds no state of operator "${operator.task}": it was taken of another ` +
            'program (or of the same one at another parallelism).',
        );
      }
    }
    // The clock first: restored processing-time timers ask for wake-ups relative to it.
    this.clock = snapshot.processingTime;
    this.due = snapshot.processingTime;
    this.restoreOperators(snapshot);
  }

  private restoreOperators(snapshot: JobSnapshot): void {
    for (const operator of this.plan.operators) {
      operator.restoreState(snapshot.operators.get(operator.task) as OperatorSnapshot);
    }
    this.restoredTick = { time: snapshot.nextWatermarkTick };
  }

  /** Removes and returns the trace events recorded since the last call. */
  drainTrace(): ReturnType<TraceRecorder['drain']> {
    return this.recorder.drain();
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    for (const operator of this.plan.operators) operator.open();
    this.plan.sources.forEach((source, index) => this.scheduleArrivals(source, index));
    const interval = this.options.autoWatermarkInterval;
    if (interval > 0 && this.emitters.length > 0) {
      const restored = this.restoredTick;
      if (restored === undefined) this.scheduler.tick(interval);
      else this.scheduler.tick(restored.time ?? this.clock + interval);
    }
    if (this.recovery !== null) this.scheduleJobEvents();
    this.checkEnd();
  }

  /** Queues the next checkpoint and the injected failures still to come. */
  private scheduleJobEvents(): void {
    const coordinator = this.coordinator;
    if (coordinator !== null) this.scheduler.job('checkpoint', this.clock + coordinator.interval);
    (this.recovery as Recovery).failures.forEach(({ failure, fired }, index) => {
      if (failure.kind === 'processing-time' && !fired) {
        this.scheduler.job('failure', Math.max(failure.time, this.clock), index);
      }
    });
  }

  /**
   * Handles the next scheduled event; `undefined` when there is none or the job ended. An arrival
   * may drain its partition up to processing time `drainUntil` (see {@link arrive}); stepping
   * passes none, so that each step ends with one arrival.
   */
  private next(drainUntil = -Infinity): ScheduledEvent | undefined {
    if (this.ended) return undefined;
    const event = this.scheduler.pop();
    if (event === undefined) return undefined;
    this.clock = Math.max(this.clock, event.time);
    this.due = event.time;
    if (this.recovery === null) this.handle(event, drainUntil);
    else
      try {
        this.handle(event, drainUntil);
      } catch (error) {
        this.fail(error);
      }
    return event;
  }

  private handle(event: ScheduledEvent, drainUntil: Millis): void {
    switch (event.kind) {
      case 'arrival':
        this.arrive(event, drainUntil);
        break;
      case 'timers':
        event.operator.onProcessingTime(this.clock);
        break;
      case 'tick': {
        for (const emitter of this.emitters) emitter.emitPeriodicWatermarks();
        const interval = this.options.autoWatermarkInterval;
        // The time it was due, not the clock: after a restart, the replay keeps its ticks.
        if (!this.ended) this.scheduler.tick(event.time + interval);
        break;
      }
      case 'checkpoint': {
        const coordinator = this.coordinator as CheckpointCoordinator;
        if (event.order === QUEUED) {
          // One that waited for the checkpoint before it (see `CheckpointCoordinator.trigger`).
          this.checkpointSoon = false;
          coordinator.trigger();
          this.checkEnd();
          break;
        }
        // Once the input ended, the final checkpoint is the last.
        if (this.finalCheckpoint) break;
        coordinator.trigger();
        if (!this.ended) this.scheduler.job('checkpoint', this.clock + coordinator.interval);
        break;
      }
      case 'delivery':
        event.channel.deliver(event.time);
        this.checkEnd();
        break;
      case 'failure': {
        const armed = (this.recovery as Recovery).failures[event.order];
        if (armed === undefined || armed.fired) break;
        armed.fired = true;
        throw injectedFailure(
          { operatorId: '-', operatorName: 'job' },
          `Failure.atProcessingTime(${(armed.failure as { time: Millis }).time})`,
        );
      }
      case 'restart':
        this.restart();
        break;
    }
  }

  /**
   * Handles a failure: aborts the checkpoint being taken and the open transactions, and restarts
   * the job after the strategy's delay; when the strategy allows no more restarts, the job fails
   * with the failure, its message saying why it was not restarted.
   */
  private fail(error: unknown): never | void {
    const recovery = this.recovery as Recovery;
    const restarting = recovery.backoff.notifyFailure(this.clock);
    const site = error as { operatorId?: string; record?: { value: unknown } };
    this.trace?.add({
      type: 'failure',
      op: typeof site.operatorId === 'string' ? site.operatorId : '-',
      cause: error instanceof Error ? error.message : summarize(error, 200),
      record: site.record === undefined ? null : summarize(site.record.value),
      injected: isInjectedFailure(error),
      restarting,
    });
    this.coordinator?.abortPending('the job failed while it was being taken');
    for (const operator of this.plan.operators) {
      if (operator instanceof TransactionalSinkOperator) operator.abortOpen();
    }
    if (!restarting) {
      if (error instanceof Error) {
        error.message +=
          ` The job failed for good: recovery is suppressed by ${recovery.backoff.describe()}` +
          ` after ${recovery.attempt} restart${recovery.attempt === 1 ? '' : 's'}.`;
      }
      throw error;
    }
    // Nothing of the failed attempt happens any more: only its restart is queued.
    this.scheduler = new Scheduler();
    this.scheduler.job('restart', this.clock + recovery.backoff.backoff);
  }

  /**
   * Restarts the job: a fresh compilation of the program, its state restored from the latest
   * completed checkpoint (or none: from the beginning), its sources rewound to the checkpoint's
   * offsets. The clock does not go back: the records after the checkpoint are read again now, in
   * the order they first came (records, timers and watermark ticks by the time they were due), as
   * if the backlog were read at once.
   */
  private restart(): void {
    const recovery = this.recovery as Recovery;
    if (this.rebuild === undefined) throw new Error('A job that restarts needs a rebuild.');
    recovery.attempt++;
    const latest = this.coordinator?.latest;
    this.trace?.add({
      type: 'restart',
      op: '-',
      attempt: recovery.attempt,
      checkpoint: latest?.id ?? null,
      from: latest?.time ?? 0,
    });
    const cuts = recovery.sinkCuts;
    this.sinks.restarted(
      latest !== undefined && cuts?.checkpoint === latest.id ? cuts.rows : undefined,
    );
    this.install(this.rebuild());
    this.started = false;
    this.finalCheckpoint = false;
    this.checkpointSoon = false;
    this.pendingCuts = new Map();
    this.restoredTick = undefined;
    this.due = latest?.time ?? 0;
    if (latest !== undefined) this.restoreOperators(latest.snapshot);
    this.start();
  }

  /**
   * Processes an arrival, then the partition's next arrivals for as long as each would come out of
   * the queue next anyway (nothing else is due before it) and is due by `drainUntil`: the order of
   * events is exactly the queue's, without a queue operation per record.
   *
   * With the trace off, a source whose operators are all batch-safe takes such a run of records
   * through them in one generated loop (`SourceOperator.arriveBatch`). Nothing can join the queue
   * meanwhile (no operator behind the source asks for wake-ups; ticks are only queued between
   * events), so which records belong to the run is known before the first is processed.
   */
  private arrive(event: ArrivalEvent, drainUntil: Millis): void {
    const { source, partition, order } = event;
    const batched = drainUntil > -Infinity && this.batched.has(source);
    if (batched) this.arriveBatch(source, partition, order, drainUntil);
    else source.arrive(partition);
    let time = source.nextArrival(partition);
    while (time !== undefined && time <= drainUntil && this.scheduler.wouldComeFirst(time, order)) {
      this.clock = Math.max(this.clock, time);
      if (batched) this.arriveBatch(source, partition, order, drainUntil);
      else source.arrive(partition);
      time = source.nextArrival(partition);
    }
    if (time === undefined) this.checkEnd();
    else this.scheduler.nextArrival(event, time);
  }

  /** Processes the partition's next event, and after it the buffered records due with it. */
  private arriveBatch(
    source: SourceOperator<unknown>,
    partition: number,
    order: number,
    drainUntil: Millis,
  ): void {
    const first = this.scheduler.peek();
    let limit = first === undefined ? Infinity : first.time;
    let atLimit = first === undefined || first.kind !== 'arrival' || order < first.order;
    if (drainUntil < limit) {
      limit = drainUntil;
      atLimit = true;
    }
    source.arriveBatch(partition, limit, atLimit);
  }

  private scheduleArrivals(source: SourceOperator<unknown>, sourceIndex: number): void {
    for (let partition = 0; partition < source.partitionCount; partition++) {
      const time = source.nextArrival(partition);
      if (time !== undefined) this.scheduler.arrival(time, source, sourceIndex, partition);
    }
  }

  private checkEnd(): void {
    if (this.ended || !this.plan.sources.every((source) => source.finished)) return;
    // The records still in flight arrive first.
    if (this.inFlight.some((channel) => channel.carriesData)) return;
    const coordinator = this.coordinator;
    if (coordinator !== null) {
      // Flink's final checkpoint: once the input ended, one more commits what the sinks hold, and
      // no periodic one follows. Its barriers may be in flight (or it may wait for one in
      // progress): the job ends when it completes.
      if (!this.finalCheckpoint) {
        this.finalCheckpoint = true;
        coordinator.trigger();
      }
      if (coordinator.inProgress || this.checkpointSoon) return;
    }
    if (this.inFlight.some((channel) => channel.busy)) return;
    this.ended = true;
    let pending = 0;
    for (const operator of this.plan.operators) pending += operator.pendingProcessingTimers();
    this.trace?.add({ type: 'job-end', op: '-', pendingProcessingTimers: pending });
  }

  /** Runs `action`; after a failure the job stays failed and every later call rethrows it. */
  private guard<T>(action: () => T): T {
    if (this.failure !== undefined) throw this.failure;
    try {
      return action();
    } catch (error) {
      this.failure = error;
      this.ended = true;
      throw error;
    }
  }
}

/** A checkpoint event that triggers one that waited, rather than the periodic one. */
const QUEUED = 1;

/** The delayed edges of a plan: every operator's outputs that lead into an in-flight channel. */
function delayedEdges(plan: PhysicalPlan): InFlightChannel[] {
  const channels: InFlightChannel[] = [];
  for (const operator of plan.operators) {
    for (const edge of operator.output.edges) {
      if (edge.target instanceof InFlightChannel) channels.push(edge.target);
    }
    for (const edges of operator.output.sideEdges.values()) {
      for (const edge of edges)
        if (edge.target instanceof InFlightChannel) channels.push(edge.target);
    }
  }
  return channels;
}

/** True when every operator a source's records can reach is batch-safe. */
function batchSafeBehind(source: SourceOperator<unknown>): boolean {
  const seen = new Set<StreamOperator>();
  const pending: StreamOperator[] = [source];
  for (let operator = pending.pop(); operator !== undefined; operator = pending.pop()) {
    if (seen.has(operator)) continue;
    seen.add(operator);
    if (operator !== source && !operator.batchSafe) return false;
    for (const edge of operator.output.edges) pending.push(...readersOf(edge));
    for (const edges of operator.output.sideEdges.values()) {
      for (const edge of edges) pending.push(...readersOf(edge));
    }
  }
  return true;
}

/** The operators an edge hands records to: its target, or the subtasks a partitioner picks from. */
function readersOf(edge: Edge): StreamOperator[] {
  const { target } = edge;
  return target instanceof Partitioner
    ? target.edges.map((e) => e.target as StreamOperator)
    : [target as StreamOperator];
}

/** An injected failure: it fires once; `seen` counts records for `Failure.onRecord`. */
interface ArmedFailure {
  readonly failure: Failure;
  fired: boolean;
  seen: number;
}

/**
 * Recovery for a job that handles no failures, once one is injected into it while it runs: no
 * restarts, so the failure fails the job.
 */
function unhandledRecovery(): Recovery {
  return {
    backoff: new RestartBackoff({ kind: 'no-restart' }),
    failures: [],
    attempt: 0,
    sinkCuts: undefined,
  };
}

/** How the job recovers from failures. */
interface Recovery {
  readonly backoff: RestartBackoff;
  /** The injected failures: each fires once. */
  readonly failures: ArmedFailure[];
  /** Restarts so far. */
  attempt: number;
  /** How many rows each plain sink held when the latest checkpoint completed. */
  sinkCuts: { readonly checkpoint: number; readonly rows: ReadonlyMap<string, number> } | undefined;
}
