/**
 * Runs process functions, one or two inputs, keyed or not (Flink's `ProcessOperator`,
 * `KeyedProcessOperator`, `CoProcessOperator`, `KeyedCoProcessOperator`).
 *
 * On a keyed stream the function gets keyed state (declared in `open`) and timers; timers are kept
 * per key, one per time and domain. In `onTimer`, `ctx.timestamp()` and side outputs carry the
 * timer's time in both domains; records collected on the main output carry it for event-time
 * timers and no timestamp for processing-time ones (Flink's `OnTimerContextImpl` and
 * `collector.eraseTimestamp()`).
 */
import { PipelineDefinitionError } from '../errors';
import type { Collector } from '../functions/collector';
import type {
  KeyedRuntimeContext,
  OnTimerContext,
  RuntimeContext,
  TimerService as UserTimerService,
} from '../functions/contexts';
import type { OutputTag } from '../output-tag';
import type { Key, WindowOrigin } from '../records';
import type { KeySelector } from '../runtime/operator';
import { StreamOperator } from '../runtime/operator';
import { TimerService } from '../runtime/timer-service';
import type { TimeDomain, Timer, TimerOwner, TimersSnapshot } from '../runtime/timer-service';
import { KeyedStateBackend } from '../state/keyed-state-backend';
import type { KeyedStateEntry, KeyedStateSnapshot } from '../state/keyed-state-backend';
import type { Millis } from '../time';

/** The function's entry points, adapted from whichever process function the learner wrote. */
export interface ProcessHandlers {
  open?(context: KeyedRuntimeContext): void;
  /** One handler per input. */
  readonly elements: readonly ((
    value: unknown,
    ctx: OnTimerContext<Key>,
    out: Collector<unknown>,
  ) => void)[];
  onTimer?(timestamp: Millis, ctx: OnTimerContext<Key>, out: Collector<unknown>): void;
}

/** A process function's managed state: its keyed state, and its timers by key. */
interface ProcessState {
  readonly keyed: KeyedStateSnapshot;
  /** Each key's timer times (the timers' owners), in the order keys first had timers. */
  readonly keyTimers: ReadonlyMap<Key, TimerOwner>;
  /** A timer's owner is its key's entry in `keyTimers`. */
  readonly timers: TimersSnapshot<null>;
}

export class ProcessOperator extends StreamOperator {
  readonly state: KeyedStateBackend;
  private readonly timers: TimerService;
  private readonly keyTimers = new Map<Key, TimerOwner>();
  private readonly keyed: boolean;
  /** The trace id of the record being processed, or undefined inside `onTimer`. */
  private currentId: number | undefined;
  private currentOrigin: WindowOrigin | undefined;
  private currentTimestamp: Millis | undefined;
  /** What the main output stamps on collected records: `currentTimestamp`, except as above. */
  private outputTimestamp: Millis | undefined;
  private currentDomain: TimeDomain = 'event-time';
  private readonly context: OnTimerContext<Key>;
  private readonly collector: Collector<unknown>;

  constructor(
    id: string,
    name: string,
    keySelectors: readonly (KeySelector<unknown> | undefined)[],
    private readonly handlers: ProcessHandlers,
  ) {
    super(
      id,
      name,
      keySelectors.length === 2
        ? 'co-process'
        : keySelectors[0] === undefined
          ? 'process'
          : 'keyed-process',
      keySelectors,
    );
    this.keyed = keySelectors.every((selector) => selector !== undefined);
    this.state = new KeyedStateBackend(this);
    this.timers = new TimerService((time) => this.job.wakeUpAt(this, time));
    this.collector = {
      collect: (value) => {
        const lineage = this.lineage();
        this.output.emit(value, this.outputTimestamp, lineage, this.currentOrigin);
      },
    };
    const timerService = this.timerService();
    this.context = {
      timestamp: () => this.currentTimestamp,
      timerService: () => timerService,
      output: <X>(tag: OutputTag<X>, value: X) =>
        this.output.emitToSide(
          tag as OutputTag<unknown>,
          value,
          this.currentTimestamp,
          this.lineage(),
        ),
      getCurrentKey: () => this.requireKey('getCurrentKey()'),
      timeDomain: () => this.currentDomain,
    };
  }

  /** Keyed state held right now. */
  override keyedState(): KeyedStateEntry[] {
    return this.state.entries();
  }

  override pendingProcessingTimers(): number {
    return this.timers.pendingProcessingTimers();
  }

  protected override snapshotOwnState(): ProcessState {
    return {
      keyed: this.state.snapshot(),
      keyTimers: this.keyTimers,
      timers: this.timers.snapshot(() => null),
    };
  }

  protected override restoreOwnState(state: ProcessState): void {
    this.state.restore(state.keyed);
    this.keyTimers.clear();
    for (const [key, owner] of state.keyTimers) this.keyTimers.set(key, owner);
    this.timers.restore(
      state.timers,
      (timer) => this.keyTimers.get(timer.key as Key) as TimerOwner,
    );
  }

  override open(): void {
    if (this.handlers.open === undefined) return;
    const base: RuntimeContext = { operatorName: this.name };
    const unkeyed = (): never => {
      throw new PipelineDefinitionError(
        `"${this.name}" runs on a stream that is not keyed, so it has no keyed state. Call ` +
          '.keyBy(...) first and use a KeyedProcessFunction (or KeyedCoProcessFunction).',
      );
    };
    const context: KeyedRuntimeContext = this.keyed
      ? {
          ...base,
          getState: (d) => this.state.getState(d),
          getListState: (d) => this.state.getListState(d),
          getMapState: (d) => this.state.getMapState(d),
        }
      : { ...base, getState: unkeyed, getListState: unkeyed, getMapState: unkeyed };
    try {
      this.handlers.open(context);
    } catch (error) {
      if (error instanceof PipelineDefinitionError) throw error;
      throw this.userError(error, undefined, undefined);
    }
  }

  protected processElement(
    gate: number,
    value: unknown,
    timestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
    id: number,
  ): void {
    this.currentId = id;
    this.currentOrigin = origin;
    this.currentTimestamp = timestamp;
    this.outputTimestamp = timestamp;
    const handler = this.handlers.elements[gate];
    try {
      // The handlers fail on a Promise, naming the learner's method (see process-handlers.ts).
      handler?.(value, this.context, this.collector);
    } catch (error) {
      throw this.userError(error, value, timestamp);
    }
  }

  protected override processWatermark(watermark: Millis): void {
    this.timers.advanceWatermark(watermark, this.onEventTimer);
    this.output.emitWatermark(watermark);
  }

  override onProcessingTime(now: Millis): void {
    this.timers.advanceProcessingTime(now, this.onProcessingTimer);
  }

  private readonly onEventTimer = (timer: Timer): void => this.onTimer(timer, 'event-time');
  private readonly onProcessingTimer = (timer: Timer): void =>
    this.onTimer(timer, 'processing-time');

  private onTimer(timer: Timer, domain: TimeDomain): void {
    const key = timer.key as Key;
    this.metrics.timersFired++;
    this.job.trace?.add({ type: 'timer-fired', op: this.id, key, domain, timestamp: timer.time });
    if (timer.owner.eventTimers.length === 0 && timer.owner.processingTimers.length === 0) {
      this.keyTimers.delete(key);
    }
    this.currentKey = key;
    this.currentId = undefined;
    this.currentOrigin = undefined;
    this.currentTimestamp = timer.time;
    this.outputTimestamp = domain === 'event-time' ? timer.time : undefined;
    this.currentDomain = domain;
    try {
      this.handlers.onTimer?.(timer.time, this.context, this.collector);
    } catch (error) {
      throw this.userError(
        error,
        `timer @ ${timer.time} for key ${String(key)}`,
        this.currentTimestamp,
      );
    }
  }

  private lineage(): number[] | undefined {
    if (this.job.trace === null) return undefined;
    return this.currentId === undefined ? [] : [this.currentId];
  }

  private requireKey(what: string): Key {
    const key = this.currentKey;
    if (!this.keyed || key === undefined) {
      throw new PipelineDefinitionError(
        `${what} needs a keyed stream: call .keyBy(...) before .process(...).`,
      );
    }
    return key;
  }

  private timerOwner(): { key: Key; owner: TimerOwner } {
    const key = this.requireKey('Timers');
    let owner = this.keyTimers.get(key);
    if (owner === undefined) {
      owner = { eventTimers: [], processingTimers: [] };
      this.keyTimers.set(key, owner);
    }
    return { key, owner };
  }

  private timerService(): UserTimerService {
    const trace = (domain: TimeDomain, key: Key, timestamp: Millis): void =>
      this.job.trace?.add({ type: 'timer-registered', op: this.id, key, domain, timestamp });
    return {
      currentProcessingTime: () => this.job.now(),
      currentWatermark: () => this.timers.currentWatermark,
      registerEventTimeTimer: (time) => {
        const { key, owner } = this.timerOwner();
        if (this.timers.registerEventTimeTimer(key, owner, checkTime(time)))
          trace('event-time', key, time);
      },
      registerProcessingTimeTimer: (time) => {
        const { key, owner } = this.timerOwner();
        if (this.timers.registerProcessingTimeTimer(key, owner, checkTime(time))) {
          trace('processing-time', key, time);
        }
      },
      deleteEventTimeTimer: (time) =>
        this.timers.deleteEventTimeTimer(this.timerOwner().owner, time),
      deleteProcessingTimeTimer: (time) =>
        this.timers.deleteProcessingTimeTimer(this.timerOwner().owner, time),
    };
  }
}

function checkTime(time: Millis): Millis {
  if (typeof time !== 'number' || !Number.isSafeInteger(time)) {
    throw new TypeError(`A timer needs a whole number of milliseconds, got ${String(time)}.`);
  }
  return time;
}
