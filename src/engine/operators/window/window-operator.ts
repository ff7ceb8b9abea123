/**
 * The window operator, following Flink's `WindowOperator` (and `EvictingWindowOperator`) rule for
 * rule:
 *
 * - each element goes to the windows its assigner gives; a window is skipped when it is late, that
 *   is when `maxTimestamp + allowedLateness ≤ watermark` (event time only);
 * - an element is dropped, or sent to the late-data side output, only when all its windows were
 *   skipped and `timestamp + allowedLateness ≤ watermark`;
 * - session windows merge on arrival (overlapping or touching), and the trigger merges with them;
 * - the trigger decides every firing and purge; a firing emits the result with timestamp
 *   `maxTimestamp`;
 * - a cleanup timer at `maxTimestamp + allowedLateness` (event time) or `maxTimestamp`
 *   (processing time) clears the window for good.
 */
import { isOperatorFailure } from '../../errors';
import type { Collector } from '../../functions/collector';
import { requireSynchronous } from '../../functions/synchronous';
import type { ProcessWindowContext, ProcessWindowFunction } from '../../functions/window-functions';
import type { OutputTag } from '../../output-tag';
import type { Key, WindowBounds, WindowOrigin } from '../../records';
import type { KeySelector } from '../../runtime/operator';
import { StreamOperator } from '../../runtime/operator';
import { TimerService } from '../../runtime/timer-service';
import type { TimeDomain, Timer } from '../../runtime/timer-service';
import type { CopiedState } from '../../state/copy-state';
import { summarize } from '../../summarize';
import { MAX_WATERMARK, MIN_WATERMARK } from '../../time';
import type { WindowFiredEvent } from '../../trace';
import type { Millis } from '../../time';
import { MergingWindowAssigner } from '../../windows/assigners/window-assigner';
import type { WindowAssigner } from '../../windows/assigners/window-assigner';
import type { EvictorContext } from '../../windows/evictors/evictor';
import type { PaneInfo } from '../../windows/pane';
import { EventTimeTrigger } from '../../windows/triggers/event-time-trigger';
import { isFire, isPurge } from '../../windows/triggers/trigger';
import type { Trigger, TriggerResult } from '../../windows/triggers/trigger';
import { GlobalWindow, TimeWindow, mergeTimeWindows } from '../../windows/window';
import type { Window } from '../../windows/window';
import type { WindowContents } from './window-contents';
import { newWindowEntry } from './window-entry';
import { FixedWindowIndex } from './fixed-window-index';
import type { WindowEntry, WindowTable } from './window-entry';
import { WindowTriggerContext } from './window-trigger-context';
import { snapshotColumns } from './window-columns';
import { windowCheckpoints } from './window-checkpoints';
import type { WindowCheckpoints } from './window-checkpoints';
import { isEmpty, snapshotWindows, timesOf } from './window-snapshot';
import type { WindowState } from './window-snapshot';

/** How the window's functions are named when one returns a Promise (see `synchronous.ts`). */
const ON_ELEMENT = "The trigger's onElement(...)";
const ON_EVENT_TIME = "The trigger's onEventTime(...)";
const ON_PROCESSING_TIME = "The trigger's onProcessingTime(...)";
const ON_MERGE = "The trigger's onMerge(...)";
const CLEAR = "The trigger's clear(...)";
const ASSIGN_WINDOWS = "The window assigner's assignWindows(...)";
const PROCESS = "The window function's process(...)";

/** Everything that defines a window operator. */
export interface WindowSpec {
  readonly assigner: WindowAssigner;
  readonly trigger: Trigger;
  readonly allowedLateness: Millis;
  readonly lateDataTag: OutputTag<unknown> | undefined;
  readonly contents: WindowContents;
  /** Runs on each firing's inputs; without it, each input is emitted as the result. */
  readonly process: ProcessWindowFunction<unknown, unknown, unknown, Window> | undefined;
  /**
   * For window joins: two inputs, and every element enters the window as `{ side, value }`
   * (side 0 or 1), as Flink's joins tag a union of both streams.
   */
  readonly twoInputs: boolean;
  /**
   * For the built-in field aggregations (`sum('celsius')`, …): the field that holds the result.
   * The trace names it on each firing, so a pane can be read as the learner thinks of it (the
   * sum), not as the whole record Flink returns.
   */
  readonly resultField?: string | number | undefined;
}

/** An element of a window join, tagged with the input it came from. */
export interface SideTagged {
  readonly side: number;
  readonly value: unknown;
}

/** A window held by the operator, for inspection. */
export interface PendingWindow {
  /** The window's key (`undefined` after `windowAll`). */
  readonly key: Key | undefined;
  /** The first timestamp in the window. */
  readonly start: Millis;
  /** The first timestamp after it. */
  readonly end: Millis;
  /** Elements in the window's contents. */
  readonly count: number;
  /** The contents: the reduced value, the accumulator, or the list of elements. */
  readonly contents: unknown;
  /** How many times it has fired so far. */
  readonly panes: number;
  /** Its pending event-time timers: its trigger's, and an event-time window's cleanup timer. */
  readonly eventTimers: readonly Millis[];
  /** Its pending processing-time timers. */
  readonly processingTimers: readonly Millis[];
}

interface Firing {
  timestamp: Millis;
  lineage: readonly number[] | undefined;
  origin: WindowOrigin;
  firstRecord: number;
  /** The first result's value, kept only while tracing, for the firing's trace event. */
  firstValue: unknown;
}

export class WindowOperator extends StreamOperator {
  readonly timers: TimerService;
  /** Session windows, by key then start (fixed windows are in {@link fixed}). */
  private readonly windows: WindowTable = new Map();
  private readonly fixed = new FixedWindowIndex();
  /** Checkpoints of fixed windows of a built-in field aggregation (else `undefined`). */
  private readonly versions: WindowCheckpoints | undefined;
  private readonly assigner: WindowAssigner;
  private readonly trigger: Trigger;
  private readonly eventTime: boolean;
  private readonly merging: boolean;
  private readonly lateness: Millis;
  /**
   * Fixed event-time windows under the event-time trigger: an element of a window that holds
   * others, and whose end the watermark has not passed, changes none of its timers (see
   * `processElement`).
   */
  private readonly endTimerOnly: boolean;
  private readonly triggerContext: WindowTriggerContext;
  private readonly evictorContext: EvictorContext;
  /** The firing under way, if any: {@link firingState}, filled in for each firing. */
  private firing: Firing | undefined;
  /**
   * One object for every firing: firings never overlap (nothing the window function emits comes
   * back to this operator), and an object per firing was one more allocation per pane.
   */
  private readonly firingState: Firing = {
    timestamp: 0,
    lineage: undefined,
    origin: {
      key: undefined,
      window: { start: 0, end: 0 },
      pane: undefined as unknown as PaneInfo,
    },
    firstRecord: 0,
    firstValue: undefined,
  };
  /**
   * The bounds and pane of the last firing: the results of one window for every key fire one after
   * another and share them (both are read-only), instead of two objects per result.
   */
  private lastBounds: WindowBounds | undefined;
  private lastPane: PaneInfo | undefined;
  private readonly collector: Collector<unknown> = {
    collect: (value) => this.emitResult(value),
  };
  private readonly processContext: ProcessWindowContext<Window> & { entry?: WindowEntry };

  constructor(
    id: string,
    name: string,
    keySelectors: readonly (KeySelector<unknown> | undefined)[],
    private readonly spec: WindowSpec,
  ) {
    super(id, name, 'window', keySelectors);
    this.assigner = spec.assigner;
    this.trigger = spec.trigger;
    this.eventTime = spec.assigner.isEventTime();
    this.merging = spec.assigner instanceof MergingWindowAssigner;
    this.lateness = spec.allowedLateness;
    // Not for merging windows: a merged window is new, its cleanup timer not yet registered.
    this.endTimerOnly =
      this.eventTime && !this.merging && spec.trigger.constructor === EventTimeTrigger;
    // The windows' timers are kept per window only once a snapshot needs them (see
    // `snapshotOwnStateCopied`): slots need only each timer's seq (see `window-slots.ts`).
    this.timers = new TimerService(
      (time) => this.job.wakeUpAt(this, time),
      false,
      (owner) => this.versions?.beforeTimerChange(owner as WindowEntry),
      (owner, time, seq) => this.versions?.timerRegistered(owner as WindowEntry, time, seq),
    );
    this.triggerContext = new WindowTriggerContext(this);
    const { fieldAccumulator } = spec.contents;
    this.versions =
      this.merging || fieldAccumulator === undefined
        ? undefined
        : windowCheckpoints(
            this.timers,
            fieldAccumulator,
            this.triggerContext,
            this.endTimerOnly,
            this.lateness,
          );
    this.evictorContext = {
      getCurrentProcessingTime: () => this.job.now(),
      getCurrentWatermark: () => this.timers.currentWatermark,
    };
    this.processContext = {
      window: () => this.processContext.entry?.window as Window,
      pane: () => this.firing?.origin.pane as PaneInfo,
      currentProcessingTime: () => this.job.now(),
      currentWatermark: () => this.timers.currentWatermark,
      output: (tag, value) =>
        this.output.emitToSide(
          tag as OutputTag<unknown>,
          value,
          this.firing?.timestamp,
          this.firing?.lineage,
        ),
    };
  }

  /**
   * Event-time windows under the event-time trigger ask for no wake-ups: their timers are all in
   * event time. Processing-time windows, and other triggers, may.
   */
  override get batchSafe(): boolean {
    return this.eventTime && this.trigger.constructor === EventTimeTrigger;
  }

  /** The windows held right now, by key then start. */
  pendingWindows(): PendingWindow[] {
    const entries = this.merging
      ? [...this.windows.values()].flatMap((byStart) => [...byStart.values()])
      : this.fixed.entries();
    const pending: PendingWindow[] = [];
    for (const entry of entries) {
      pending.push({
        key: entry.key,
        start: entry.window.start,
        end: entry.window.end,
        count: entry.count,
        contents: entry.contents,
        panes: entry.panes,
        eventTimers: [...entry.eventTimers],
        processingTimers: [...entry.processingTimers],
      });
    }
    return pending;
  }

  override pendingProcessingTimers(): number {
    return this.timers.pendingProcessingTimers();
  }

  /**
   * The windows: in columns for the built-in field aggregations when every window fits them (see
   * `window-columns.ts`), for fixed windows in slots or copy-on-write (see `window-checkpoints.ts`),
   * else as rows, each copied only if touched since the last snapshot (see `window-snapshot.ts`).
   */
  protected override snapshotOwnStateCopied(
    checkpoint: number | undefined,
  ): CopiedState<WindowState> {
    const created = this.fixed.createdCount;
    if (this.versions !== undefined) {
      const columns = this.versions.snapshot(this.fixed, created, checkpoint);
      if (columns !== undefined) return columns;
    }
    // Columns and rows list each window's timers from the window (see `TimerService.ownerTimers`).
    this.timers.keepPerOwner();
    const entries = this.merging
      ? [...this.windows.values()].flatMap((byStart) => [...byStart.values()])
      : this.fixed.inCreationOrder();
    const { fieldAccumulator } = this.spec.contents;
    if (this.versions === undefined && fieldAccumulator !== undefined) {
      const columns = snapshotColumns(entries, created, this.timers, fieldAccumulator.recordField);
      if (columns !== undefined) return columns;
    }
    return snapshotWindows(entries, created, this.timers, this.spec.contents);
  }

  override notifyCheckpointComplete(checkpoint: number): void {
    this.versions?.completed(checkpoint);
  }

  protected override restoreOwnState(state: WindowState): void {
    const tracing = this.job.trace !== null;
    const entries = state.windows.map((saved): WindowEntry => {
      const { bounds } = saved;
      const window =
        bounds === null ? GlobalWindow.get() : new TimeWindow(bounds.start, bounds.end);
      return {
        ...newWindowEntry(saved.key, window, tracing),
        count: saved.count,
        contents: saved.contents,
        panes: saved.panes,
        triggerState: saved.triggerState,
        eventTimers: timesOf(saved.eventTimers),
        processingTimers: timesOf(saved.processingTimers),
        created: saved.created,
        keySince: saved.keySince,
      };
    });
    this.timers.restoreClock(state.timers);
    if (entries.some((entry) => !isEmpty(entry.triggerState))) {
      this.triggerContext.restoredState = true;
    }
    state.windows.forEach((saved, i) => {
      const entry = entries[i] as WindowEntry;
      this.timers.restoreOwnerTimers(entry.key, entry, {
        event: saved.eventTimers,
        processing: saved.processingTimers,
      });
    });
    if (this.merging) {
      for (const entry of entries) this.windowsOf(entry.key).set(entry.window.start, entry);
    } else {
      this.fixed.restore(entries, state.created);
    }
  }

  protected processElement(
    gate: number,
    input: unknown,
    timestamp: Millis | undefined,
    _origin: WindowOrigin | undefined,
    id: number,
    key: Key | undefined,
  ): void {
    const value = this.spec.twoInputs ? tagged(input, gate) : input;
    if (this.eventTime && timestamp === undefined) {
      throw this.executionError(
        'this record has no timestamp, so event-time windows cannot place it. Give the stream ' +
          'timestamps and watermarks first (fromSource with a WatermarkStrategy, or ' +
          '.assignTimestampsAndWatermarks(...)), or use processing-time windows.',
        { value, timestamp },
      );
    }
    const windows = this.assign(value, timestamp);
    const watermark = this.timers.currentWatermark;
    let skipped = true;
    let behindWatermark = false;
    for (let i = 0; i < windows.length; i++) {
      const window = windows[i] as Window;
      const entry = this.merging
        ? this.mergeIn(key, window as TimeWindow, value, timestamp)
        : this.entryFor(key, window);
      if (entry === undefined) continue;
      entry.touched = true;
      this.versions?.beforeWrite(entry);
      skipped = false;
      const end = entry.window.maxTimestamp();
      if (this.eventTime && end <= watermark) behindWatermark = true;
      this.add(entry, value, timestamp, id);
      if (this.endTimerOnly && entry.count > 1 && end > watermark) {
        // The event-time trigger would register the timer at the window's end and go on, and the
        // cleanup timer would be registered: both were, by the window's first element, and only
        // the window's cleanup deletes them. So nothing would change: the call is skipped.
        this.versions?.elementAdded(entry);
        continue;
      }
      this.triggerContext.entry = entry;
      let result: TriggerResult;
      try {
        result = requireSynchronous(
          this.trigger.onElement(
            value,
            timestamp ?? MIN_WATERMARK,
            entry.window,
            this.triggerContext,
          ),
          ON_ELEMENT,
        );
      } catch (error) {
        throw this.userError(error, value, timestamp);
      }
      this.react(entry, result, undefined);
      this.registerCleanupTimer(entry);
      this.versions?.written(entry);
    }
    if (skipped) {
      if (this.eventTime && (timestamp as Millis) + this.lateness <= watermark) {
        this.handleLateElement(value, timestamp as Millis, id, key, watermark);
      }
    } else if (behindWatermark) {
      this.metrics.lateRecordsAccepted++;
      this.traceLate(id, timestamp, key, watermark, 'accepted');
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
    const entry = timer.owner as WindowEntry;
    // A window merged away or cleaned up keeps no timers that matter (Flink returns here too).
    if (!entry.alive) return;
    entry.touched = true;
    this.versions?.beforeWrite(entry);
    this.currentKey = timer.key;
    this.metrics.timersFired++;
    this.job.trace?.add({
      type: 'timer-fired',
      op: this.id,
      key: timer.key ?? null,
      domain,
      timestamp: timer.time,
    });
    this.triggerContext.entry = entry;
    let result: TriggerResult;
    try {
      result =
        domain === 'event-time'
          ? requireSynchronous(
              this.trigger.onEventTime(timer.time, entry.window, this.triggerContext),
              ON_EVENT_TIME,
            )
          : requireSynchronous(
              this.trigger.onProcessingTime(timer.time, entry.window, this.triggerContext),
              ON_PROCESSING_TIME,
            );
    } catch (error) {
      throw this.windowError(error, entry);
    }
    this.react(entry, result, { time: timer.time, domain });
    if (this.inWindowDomain(domain) && this.cleanupTime(entry.window) === timer.time) {
      this.clearAllState(entry);
    }
    if (entry.alive) this.versions?.written(entry);
  }

  private react(
    entry: WindowEntry,
    result: TriggerResult,
    timer: { time: Millis; domain: TimeDomain } | undefined,
  ): void {
    if (isFire(result)) this.fire(entry, timer);
    if (isPurge(result)) this.purge(entry, 'trigger');
  }

  private assign(value: unknown, timestamp: Millis | undefined): Window[] {
    try {
      return requireSynchronous(
        this.assigner.assignWindows(value, timestamp ?? MIN_WATERMARK, this.job.now()),
        ASSIGN_WINDOWS,
      );
    } catch (error) {
      throw this.userError(error, value, timestamp);
    }
  }

  private add(entry: WindowEntry, value: unknown, timestamp: Millis | undefined, id: number): void {
    try {
      this.spec.contents.add(entry, value, timestamp);
    } catch (error) {
      throw this.userError(error, value, timestamp);
    }
    entry.count++;
    entry.lineage?.push(id);
  }

  /** The entry of a non-merging window, created on first use; `undefined` if the window is late. */
  private entryFor(key: Key | undefined, window: Window): WindowEntry | undefined {
    if (this.isWindowLate(window)) return undefined;
    const existing = this.fixed.get(key, window.start);
    if (existing !== undefined) return existing;
    const entry = this.createEntry(key, window);
    this.fixed.add(entry);
    return entry;
  }

  /**
   * Adds a session window, merging it with the windows it overlaps or touches, as Flink's
   * `MergingWindowSet.addWindow` followed by the operator's merge function. Returns the window the
   * element belongs to, or `undefined` if that window is late.
   */
  private mergeIn(
    key: Key | undefined,
    window: TimeWindow,
    value: unknown,
    timestamp: Millis | undefined,
  ): WindowEntry | undefined {
    const byStart = this.windowsOf(key);
    // A key's windows in flight never overlap or touch (they would have merged), so the windows
    // the new one merges with are exactly those it overlaps or touches. None, or one that already
    // covers it: nothing merges, and nothing is built to find that out.
    let touching = 0;
    let touched: WindowEntry | undefined;
    for (const entry of byStart.values()) {
      if ((entry.window as TimeWindow).intersects(window)) {
        touching++;
        touched = entry;
      }
    }
    if (touching === 0) {
      if (this.isWindowLate(window)) return undefined;
      const entry = this.createEntry(key, window);
      byStart.set(window.start, entry);
      return entry;
    }
    if (
      touching === 1 &&
      touched !== undefined &&
      touched.window.start <= window.start &&
      window.end <= touched.window.end
    ) {
      return touched;
    }
    // Otherwise it merges: with two windows or more, or with one it reaches past.
    const existing = [...byStart.values()];
    let cover = window;
    let group: WindowEntry[] = [];
    mergeTimeWindows([...existing.map((e) => e.window as TimeWindow), window], (merged, result) => {
      cover = result;
      group = existing.filter((e) => merged.some((w) => w.equals(e.window)));
    });
    return this.merge(key, cover, group, byStart, value, timestamp);
  }

  private merge(
    key: Key | undefined,
    cover: TimeWindow,
    group: WindowEntry[],
    byStart: Map<Millis, WindowEntry>,
    value: unknown,
    timestamp: Millis | undefined,
  ): WindowEntry {
    const cleanup = this.cleanupTime(cover);
    if (
      this.eventTime
        ? cleanup !== undefined && cleanup <= this.timers.currentWatermark
        : cover.maxTimestamp() <= this.job.now()
    ) {
      // Windows in flight are never late and merging only extends them, so this cannot happen.
      throw this.executionError(
        `merging into ${cover.toString()} would produce a window that is already complete.`,
      );
    }
    const result = newWindowEntry(key, cover, this.job.trace !== null);
    const ctx = this.triggerContext;
    try {
      ctx.entry = result;
      ctx.merged = group;
      requireSynchronous(this.trigger.onMerge(cover, ctx), ON_MERGE);
      ctx.merged = [];
      for (const merged of group) {
        ctx.entry = merged;
        requireSynchronous(this.trigger.clear(merged.window, ctx), CLEAR);
        this.deleteCleanupTimer(merged);
      }
    } catch (error) {
      throw this.userError(error, value, timestamp);
    }
    // The first window's contents are the base, the others are merged into it in window order.
    for (const merged of group) {
      try {
        this.spec.contents.merge(result, merged);
      } catch (error) {
        throw this.userError(error, value, timestamp);
      }
      result.count += merged.count;
      if (result.lineage !== undefined && merged.lineage !== undefined) {
        result.lineage.push(...merged.lineage);
      }
      result.panes = Math.max(result.panes, merged.panes);
      merged.alive = false;
      byStart.delete(merged.window.start);
    }
    byStart.set(cover.start, result);
    this.job.trace?.add({
      type: 'window-merged',
      op: this.id,
      key: key ?? null,
      start: cover.start,
      end: cover.end,
      mergedStarts: group.map((e) => e.window.start),
      mergedEnds: group.map((e) => e.window.end),
    });
    return result;
  }

  private createEntry(key: Key | undefined, window: Window): WindowEntry {
    const entry = newWindowEntry(key, window, this.job.trace !== null);
    this.versions?.created(entry);
    this.job.trace?.add({
      type: 'window-created',
      op: this.id,
      key: key ?? null,
      start: window.start,
      end: window.end,
    });
    return entry;
  }

  private windowsOf(key: Key | undefined): Map<Millis, WindowEntry> {
    let byStart = this.windows.get(key);
    if (byStart === undefined) {
      byStart = new Map();
      this.windows.set(key, byStart);
    }
    return byStart;
  }

  private fire(entry: WindowEntry, timer: { time: Millis; domain: TimeDomain } | undefined): void {
    // Flink emits nothing for a window whose contents are empty (purged, or never filled).
    if (entry.count === 0) return;
    const window = entry.window;
    const pane = this.pane(entry, timer);
    const firing = this.firingState;
    firing.timestamp = window.maxTimestamp();
    firing.lineage = entry.lineage === undefined ? undefined : [...entry.lineage];
    // Its own: results keep their origin (an upsert table keeps it with the row).
    firing.origin = { key: entry.key, window: this.bounds(window), pane };
    firing.firstRecord = 0;
    firing.firstValue = undefined;
    this.firing = firing;
    this.processContext.entry = entry;
    try {
      const inputs = this.spec.contents.inputs(entry, this.evictorContext);
      const process = this.spec.process;
      if (process === undefined) {
        for (const input of inputs) this.emitResult(input);
      } else {
        const result = process.process(entry.key, this.processContext, inputs, this.collector);
        requireSynchronous(result, PROCESS);
      }
      this.spec.contents.afterFiring(entry, this.evictorContext);
    } catch (error) {
      throw this.windowError(error, entry);
    } finally {
      this.firing = undefined;
    }
    entry.panes++;
    this.metrics.windowsFired++;
    this.job.trace?.add({
      type: 'window-fired',
      op: this.id,
      key: entry.key ?? null,
      start: window.start,
      end: window.end,
      timing: pane.timing,
      index: pane.index,
      isLast: pane.isLast,
      record: firing.firstRecord,
      field: this.resultField(firing),
    });
    // Not kept alive till the next firing.
    firing.firstValue = firing.lineage = undefined;
  }

  /** The aggregated field of the firing's first result, for the trace. */
  private resultField(firing: Firing): WindowFiredEvent['field'] {
    const field = this.spec.resultField;
    if (field === undefined || firing.firstRecord === 0) return null;
    const value: unknown = (firing.firstValue as Record<string | number, unknown> | null)?.[field];
    return {
      name: String(field),
      value: typeof value === 'number' || typeof value === 'string' ? value : summarize(value),
    };
  }

  private emitResult(value: unknown): void {
    const firing = this.firing;
    if (firing === undefined) {
      throw this.executionError('a window function emitted outside of its process() call.');
    }
    const id = this.output.emit(value, firing.timestamp, firing.lineage, firing.origin);
    if (firing.firstRecord === 0) {
      firing.firstRecord = id;
      if (this.job.trace) firing.firstValue = value;
    }
  }

  /**
   * The pane of a firing. A firing by a timer in the window's own time domain is judged by the
   * timer's time (so timers that one big watermark jump fires in a row keep their order: early ones
   * stay EARLY); any other firing by the current time of the window's domain.
   */
  private pane(
    entry: WindowEntry,
    timer: { time: Millis; domain: TimeDomain } | undefined,
  ): PaneInfo {
    const end = entry.window.maxTimestamp();
    const byOwnTimer = timer !== undefined && this.inWindowDomain(timer.domain);
    const now = this.eventTime ? this.timers.currentWatermark : this.job.now();
    const time = byOwnTimer ? timer.time : now;
    const timing = time < end ? 'EARLY' : byOwnTimer && time === end ? 'ON_TIME' : 'LATE';
    const index = entry.panes;
    const isLast = byOwnTimer && this.cleanupTime(entry.window) === timer.time;
    const last = this.lastPane;
    if (last?.timing === timing && last.index === index && last.isLast === isLast) return last;
    this.lastPane = { timing, index, isFirst: index === 0, isLast };
    return this.lastPane;
  }

  private bounds(window: Window): WindowBounds {
    const last = this.lastBounds;
    if (last?.start === window.start && last.end === window.end) return last;
    this.lastBounds = { start: window.start, end: window.end };
    return this.lastBounds;
  }

  private purge(entry: WindowEntry, reason: 'trigger' | 'cleanup'): void {
    entry.count = 0;
    entry.contents = undefined;
    if (entry.lineage !== undefined) entry.lineage = [];
    this.job.trace?.add({
      type: 'window-purged',
      op: this.id,
      key: entry.key ?? null,
      start: entry.window.start,
      end: entry.window.end,
      reason,
    });
  }

  /** The window is done: drop its contents, its trigger's state and timers, and the entry. */
  private clearAllState(entry: WindowEntry): void {
    this.purge(entry, 'cleanup');
    this.triggerContext.entry = entry;
    try {
      requireSynchronous(this.trigger.clear(entry.window, this.triggerContext), CLEAR);
    } catch (error) {
      throw this.windowError(error, entry);
    }
    entry.alive = false;
    if (!this.merging) {
      this.versions?.dropped(entry);
      this.fixed.remove(entry);
      return;
    }
    const { key, window } = entry;
    const byStart = this.windows.get(key);
    byStart?.delete(window.start);
    if (byStart?.size === 0) this.windows.delete(key);
  }

  private handleLateElement(
    value: unknown,
    timestamp: Millis,
    id: number,
    key: Key | undefined,
    watermark: Millis,
  ): void {
    const tag = this.spec.lateDataTag;
    if (tag === undefined) {
      this.metrics.lateRecordsDropped++;
      this.traceLate(id, timestamp, key, watermark, 'dropped');
      return;
    }
    this.metrics.lateRecordsSideOutput++;
    this.traceLate(id, timestamp, key, watermark, 'side-output');
    const lineage = this.job.trace === null ? undefined : [id];
    this.output.emitToSide(tag, value, timestamp, lineage);
  }

  private traceLate(
    id: number,
    timestamp: Millis | undefined,
    key: Key | undefined,
    watermark: Millis,
    outcome: 'accepted' | 'dropped' | 'side-output',
  ): void {
    this.job.trace?.add({
      type: 'late',
      op: this.id,
      record: id,
      key: key ?? null,
      eventTime: timestamp ?? MIN_WATERMARK,
      watermark,
      outcome,
    });
  }

  /**
   * When the window's state goes: `maxTimestamp + allowedLateness` in event time, `maxTimestamp` in
   * processing time; `undefined` for windows that never end (the global window).
   */
  private cleanupTime(window: Window): Millis | undefined {
    const time = this.eventTime ? window.maxTimestamp() + this.lateness : window.maxTimestamp();
    return time >= MAX_WATERMARK ? undefined : time;
  }

  private isWindowLate(window: Window): boolean {
    if (!this.eventTime) return false;
    const cleanup = this.cleanupTime(window);
    return cleanup !== undefined && cleanup <= this.timers.currentWatermark;
  }

  private inWindowDomain(domain: TimeDomain): boolean {
    return this.eventTime ? domain === 'event-time' : domain === 'processing-time';
  }

  private registerCleanupTimer(entry: WindowEntry): void {
    const time = this.cleanupTime(entry.window);
    if (time === undefined) return;
    this.triggerContext.entry = entry;
    if (this.eventTime) this.triggerContext.registerEventTimeTimer(time);
    else this.triggerContext.registerProcessingTimeTimer(time);
  }

  private deleteCleanupTimer(entry: WindowEntry): void {
    const time = this.cleanupTime(entry.window);
    if (time === undefined) return;
    if (this.eventTime) this.timers.deleteEventTimeTimer(entry, time);
    else this.timers.deleteProcessingTimeTimer(entry, time);
  }

  /** A failure while computing a window: reported with the window as the "record". */
  private windowError(error: unknown, entry: WindowEntry): Error {
    if (isOperatorFailure(error)) return error;
    const description = { key: entry.key, window: entry.window.toString() };
    return this.userError(error, description, entry.window.maxTimestamp());
  }
}

function tagged(value: unknown, side: number): SideTagged {
  return { side, value };
}
