/**
 * A running job: the compiled operators, the scheduler, the virtual clock, the sinks and the trace.
 *
 * The clock only moves when the scheduler hands out the next event. A job ends when every source
 * has ended (their maximum watermarks have then flushed every event-time window and timer); as in
 * Flink, processing-time timers still pending at that point do not fire.
 */
import { JobExecutionError } from '../errors';
import { byName } from '../by-name';
import type { SourceOperator } from '../operators/source-operator';
import type { JobResult, SkippedRow } from '../result';
import type { SourceFormatError } from '../sources/text/source-format-error';
import { TraceRecorder } from '../trace';
import type { TraceOptions } from '../trace';
import type { Millis } from '../time';
import type { JobContext } from './job-context';
import { canGenerateCode } from './fusion';
import type { StreamOperator } from './operator';
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
  private readonly scheduler = new Scheduler();
  private readonly operatorIndex = new Map<StreamOperator, number>();
  private readonly emitters: StreamOperator[];
  /** Sources whose due records may be drained in one fused loop (see {@link arrive}). */
  private readonly batched = new Set<SourceOperator<unknown>>();
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
    readonly plan: PhysicalPlan,
    readonly sinks: SinkStore,
    private readonly options: JobOptions,
  ) {
    this.recorder = new TraceRecorder(options.trace, () => this.clock);
    this.trace = this.recorder.enabled ? this.recorder : null;
    this.provenance = this.trace !== null && options.provenance === true ? new Provenance() : null;
    plan.operators.forEach((operator, index) => this.operatorIndex.set(operator, index));
    this.emitters = plan.operators.filter((operator) => operator.generatesWatermarks);
    for (const operator of plan.operators) operator.setup(this, plan.channels.get(operator) ?? 0);
    if (this.trace === null && canGenerateCode()) {
      for (const source of plan.sources) if (batchSafeBehind(source)) this.batched.add(source);
    }
  }

  now(): Millis {
    return this.clock;
  }

  arriveAt(time: Millis): void {
    this.clock = time;
  }

  nextRecordId(): number {
    return ++this.lastRecordId;
  }

  wakeUpAt(operator: StreamOperator, time: Millis): void {
    const index = this.operatorIndex.get(operator) ?? 0;
    this.scheduler.wakeUp(Math.max(time, this.clock), operator, index);
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

  /** Processes events up to and including the next arrival; `undefined` once the job ended. */
  step(): StepResult | undefined {
    return this.guard(() => {
      this.start();
      for (let event = this.next(); event !== undefined; event = this.next()) {
        if (event.kind === 'arrival') {
          return { time: event.time, source: event.source.id, partition: event.partition };
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
    for (const [name, records] of this.sinks.outputs) outputs[name] = [...records];
    const tables: Record<string, JobResult['tables'][string]> = byName();
    for (const [name, table] of this.sinks.tables) tables[name] = table.rows();
    const sideOutputs: Record<string, JobResult['sideOutputs'][string]> = byName();
    for (const [tag, records] of this.sinks.sideOutputs) sideOutputs[tag] = [...records];
    const operators: Record<string, JobResult['metrics']['operators'][string]> = byName();
    for (const operator of this.plan.operators) operators[operator.id] = { ...operator.metrics };
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
    const operators = new Map<string, OperatorSnapshot>();
    const sources = new Map<string, readonly SourceSplitSnapshot[]>();
    let bytes = 0;
    for (const operator of this.plan.operators) {
      const snapshot = operator.snapshotState();
      operators.set(operator.id, snapshot);
      bytes += snapshot.bytes;
    }
    for (const source of this.plan.sources) {
      const { state } = operators.get(source.id) as OperatorSnapshot;
      sources.set(source.id, (state as { partitions: readonly SourceSplitSnapshot[] }).partitions);
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
    const ids = new Set(this.plan.operators.map((operator) => operator.id));
    for (const id of snapshot.operators.keys()) {
      if (!ids.has(id)) {
        throw new JobExecutionError(
          { operatorId: id, operatorName: id },
          `the snapshot holds state of operator "${id}", which this job does not have: it was ` +
            'taken of another program.',
        );
      }
    }
    for (const operator of this.plan.operators) {
      const saved = snapshot.operators.get(operator.id);
      if (saved === undefined) {
        throw new JobExecutionError(
          { operatorId: operator.id, operatorName: operator.name },
          `the snapshot holds no state of operator "${operator.id}": it was taken of another program.`,
        );
      }
    }
    // The clock first: restored processing-time timers ask for wake-ups relative to it.
    this.clock = snapshot.processingTime;
    for (const operator of this.plan.operators) {
      operator.restoreState(snapshot.operators.get(operator.id) as OperatorSnapshot);
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
    this.checkEnd();
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
        if (!this.ended) this.scheduler.tick(this.clock + interval);
        break;
      }
    }
    return event;
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

/** True when every operator a source's records can reach is batch-safe. */
function batchSafeBehind(source: SourceOperator<unknown>): boolean {
  const seen = new Set<StreamOperator>();
  const pending: StreamOperator[] = [source];
  for (let operator = pending.pop(); operator !== undefined; operator = pending.pop()) {
    if (seen.has(operator)) continue;
    seen.add(operator);
    if (operator !== source && !operator.batchSafe) return false;
    for (const edge of operator.output.edges) pending.push(edge.target);
    for (const edges of operator.output.sideEdges.values()) {
      for (const edge of edges) pending.push(edge.target);
    }
  }
  return true;
}
