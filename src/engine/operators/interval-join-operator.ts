/**
 * The interval join, following Flink's `IntervalJoinOperator`: for each key, a left element at time
 * `l` joins every right element at time `r` with `l + lower ≤ r ≤ l + upper` (bounds made inclusive
 * beforehand). Each side is buffered by timestamp until the watermark shows it can no longer match:
 *
 * - an element is late, and is dropped or side-output, when its timestamp is below the watermark;
 * - a buffered element is removed by an event-time timer at `ts + upper` (left) or `ts − lower`
 *   (right), or at `ts` itself when that bound is not positive;
 * - a result's timestamp is the larger of the two.
 */
import type { Collector } from '../functions/collector';
import { requireSynchronous } from '../functions/synchronous';
import type { ProcessJoinContext, ProcessJoinFunction } from '../functions/join-functions';
import type { OutputTag } from '../output-tag';
import type { Key, WindowOrigin } from '../records';
import type { KeySelector } from '../runtime/operator';
import { StreamOperator } from '../runtime/operator';
import { TimerService } from '../runtime/timer-service';
import type { Timer, TimerOwner, TimersSnapshot } from '../runtime/timer-service';
import { KeyedStateBackend } from '../state/keyed-state-backend';
import type { KeyedStateEntry, KeyedStateSnapshot } from '../state/keyed-state-backend';
import type { MapState } from '../state/descriptors';
import { MapStateDescriptor } from '../state/descriptors';
import type { Millis } from '../time';

/** A buffered element: value and the id of the record it came in (for lineage). */
interface Buffered {
  readonly value: unknown;
  readonly id: number;
}

/** The bounds and outputs of an interval join. */
export interface IntervalJoinSpec {
  /** Inclusive lower bound (exclusive bounds are converted before). */
  readonly lower: Millis;
  /** Inclusive upper bound. */
  readonly upper: Millis;
  readonly fn: ProcessJoinFunction<unknown, unknown, unknown>;
  readonly leftLateTag: OutputTag<unknown> | undefined;
  readonly rightLateTag: OutputTag<unknown> | undefined;
}

/** Owns the cleanup timers of one side of one key. */
interface SideTimers extends TimerOwner {
  readonly side: 'left' | 'right';
}

/** The timers of one key: cleanup of the left and of the right buffer. */
interface KeyCleanup {
  readonly left: SideTimers;
  readonly right: SideTimers;
}

/** The join's managed state: both buffers (keyed state), and their cleanup timers by key. */
interface JoinState {
  readonly keyed: KeyedStateSnapshot;
  readonly cleanup: ReadonlyMap<Key, KeyCleanup>;
  /** A timer's owner is the side of its key's entry in `cleanup`. */
  readonly timers: TimersSnapshot<'left' | 'right'>;
}

export class IntervalJoinOperator extends StreamOperator {
  readonly state: KeyedStateBackend;
  private readonly timers: TimerService;
  private readonly leftBuffer: MapState<Millis, Buffered[]>;
  private readonly rightBuffer: MapState<Millis, Buffered[]>;
  private readonly cleanup = new Map<Key, KeyCleanup>();
  private pair = { left: 0, right: 0, result: 0, lineage: undefined as number[] | undefined };
  private readonly context: ProcessJoinContext;
  private readonly collector: Collector<unknown>;

  constructor(
    id: string,
    name: string,
    keySelectors: readonly [KeySelector<unknown>, KeySelector<unknown>],
    private readonly spec: IntervalJoinSpec,
  ) {
    super(id, name, 'interval-join', keySelectors);
    this.state = new KeyedStateBackend(this);
    this.leftBuffer = this.state.getMapState(
      new MapStateDescriptor<Millis, Buffered[]>('left-buffer'),
    );
    this.rightBuffer = this.state.getMapState(
      new MapStateDescriptor<Millis, Buffered[]>('right-buffer'),
    );
    this.timers = new TimerService((time) => this.job.wakeUpAt(this, time));
    this.context = {
      leftTimestamp: () => this.pair.left,
      rightTimestamp: () => this.pair.right,
      timestamp: () => this.pair.result,
      output: <X>(tag: OutputTag<X>, value: X) =>
        this.output.emitToSide(
          tag as OutputTag<unknown>,
          value,
          this.pair.result,
          this.pair.lineage,
        ),
    };
    this.collector = {
      collect: (value) => this.output.emit(value, this.pair.result, this.pair.lineage, undefined),
    };
  }

  /** Both buffers, per key. */
  override keyedState(): KeyedStateEntry[] {
    return this.state.entries();
  }

  protected override snapshotOwnState(): JoinState {
    return {
      keyed: this.state.snapshot(),
      cleanup: this.cleanup,
      timers: this.timers.snapshot((timer) => (timer.owner as SideTimers).side),
    };
  }

  protected override restoreOwnState(state: JoinState): void {
    this.state.restore(state.keyed);
    this.cleanup.clear();
    for (const [key, owners] of state.cleanup) this.cleanup.set(key, owners);
    this.timers.restore(
      state.timers,
      (timer) => (this.cleanup.get(timer.key as Key) as KeyCleanup)[timer.owner],
    );
  }

  protected processElement(
    gate: number,
    value: unknown,
    timestamp: Millis | undefined,
    _origin: WindowOrigin | undefined,
    id: number,
    key: Key | undefined,
  ): void {
    const isLeft = gate === 0;
    const { lower, upper } = this.spec;
    // The right side sees the interval mirrored: r joins l when r − upper ≤ l ≤ r − lower.
    const relativeLower = isLeft ? lower : -upper;
    const relativeUpper = isLeft ? upper : -lower;
    if (timestamp === undefined) {
      throw this.executionError(
        'interval joins need event time, and this record has no timestamp. Assign timestamps and ' +
          'watermarks to both inputs (a WatermarkStrategy) before joining.',
        { value, timestamp },
      );
    }
    if (timestamp < this.timers.currentWatermark) {
      this.late(value, timestamp, id, isLeft, key);
      return;
    }
    const ours = isLeft ? this.leftBuffer : this.rightBuffer;
    const others = isLeft ? this.rightBuffer : this.leftBuffer;
    const bucket = ours.get(timestamp);
    const entry: Buffered = { value, id };
    ours.put(timestamp, bucket === undefined ? [entry] : [...bucket, entry]);
    for (const [otherTimestamp, entries] of others.entries()) {
      if (
        otherTimestamp < timestamp + relativeLower ||
        otherTimestamp > timestamp + relativeUpper
      ) {
        continue;
      }
      for (const other of entries) {
        if (isLeft) this.join(value, timestamp, id, other.value, otherTimestamp, other.id);
        else this.join(other.value, otherTimestamp, other.id, value, timestamp, id);
      }
    }
    const cleanupTime = relativeUpper > 0 ? timestamp + relativeUpper : timestamp;
    const owners = this.cleanupOf(key as Key);
    if (this.timers.registerEventTimeTimer(key, isLeft ? owners.left : owners.right, cleanupTime)) {
      this.job.trace?.add({
        type: 'timer-registered',
        op: this.id,
        key: key ?? null,
        domain: 'event-time',
        timestamp: cleanupTime,
      });
    }
  }

  protected override processWatermark(watermark: Millis): void {
    this.timers.advanceWatermark(watermark, this.onCleanup);
    this.output.emitWatermark(watermark);
  }

  private readonly onCleanup = (timer: Timer): void => {
    const key = timer.key as Key;
    this.currentKey = key;
    this.metrics.timersFired++;
    this.job.trace?.add({
      type: 'timer-fired',
      op: this.id,
      key,
      domain: 'event-time',
      timestamp: timer.time,
    });
    const { lower, upper } = this.spec;
    if ((timer.owner as SideTimers).side === 'left') {
      this.leftBuffer.remove(upper <= 0 ? timer.time : timer.time - upper);
    } else {
      this.rightBuffer.remove(lower <= 0 ? timer.time + lower : timer.time);
    }
    if (this.leftBuffer.isEmpty() && this.rightBuffer.isEmpty()) this.cleanup.delete(key);
  };

  private join(
    left: unknown,
    leftTimestamp: Millis,
    leftId: number,
    right: unknown,
    rightTimestamp: Millis,
    rightId: number,
  ): void {
    this.pair = {
      left: leftTimestamp,
      right: rightTimestamp,
      result: Math.max(leftTimestamp, rightTimestamp),
      lineage: this.job.trace === null ? undefined : [leftId, rightId],
    };
    try {
      const result = this.spec.fn.processElement(left, right, this.context, this.collector);
      requireSynchronous(result, "The ProcessJoinFunction's processElement(...)");
    } catch (error) {
      throw this.userError(error, { left, right }, this.pair.result);
    }
  }

  private late(
    value: unknown,
    timestamp: Millis,
    id: number,
    isLeft: boolean,
    key: Key | undefined,
  ): void {
    const tag = isLeft ? this.spec.leftLateTag : this.spec.rightLateTag;
    const outcome = tag === undefined ? 'dropped' : 'side-output';
    if (tag === undefined) this.metrics.lateRecordsDropped++;
    else this.metrics.lateRecordsSideOutput++;
    this.job.trace?.add({
      type: 'late',
      op: this.id,
      record: id,
      key: key ?? null,
      eventTime: timestamp,
      watermark: this.timers.currentWatermark,
      outcome,
    });
    if (tag !== undefined) {
      const lineage = this.job.trace === null ? undefined : [id];
      this.output.emitToSide(tag, value, timestamp, lineage);
    }
  }

  private cleanupOf(key: Key): KeyCleanup {
    let owners = this.cleanup.get(key);
    if (owners === undefined) {
      owners = {
        left: { side: 'left', eventTimers: [], processingTimers: [] },
        right: { side: 'right', eventTimers: [], processingTimers: [] },
      };
      this.cleanup.set(key, owners);
    }
    return owners;
  }
}
