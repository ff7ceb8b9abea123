/**
 * What process functions can see and do besides their input: time, timers, side outputs, state.
 */
import type { OutputTag } from '../output-tag';
import type { TimeDomain } from '../runtime/timer-service';
import type {
  ListState,
  ListStateDescriptor,
  MapState,
  MapStateDescriptor,
  ValueState,
  ValueStateDescriptor,
} from '../state/descriptors';
import type { Millis } from '../time';

export type { TimeDomain };

/** Time and timers, as Flink's `TimerService`. Timers need a keyed stream. */
export interface TimerService {
  /** The virtual processing time. */
  currentProcessingTime(): Millis;
  /** The operator's current watermark: how far event time has certainly progressed. */
  currentWatermark(): Millis;
  /** Calls `onTimer` for the current key once the watermark reaches `time`. One timer per time. */
  registerEventTimeTimer(time: Millis): void;
  /** Calls `onTimer` for the current key once processing time reaches `time`. */
  registerProcessingTimeTimer(time: Millis): void;
  /** Deletes the current key's event-time timer at `time`, if there is one. */
  deleteEventTimeTimer(time: Millis): void;
  /** Deletes the current key's processing-time timer at `time`, if there is one. */
  deleteProcessingTimeTimer(time: Millis): void;
}

/** Given to `processElement`. */
export interface Context {
  /** The event time of the record being processed (`undefined` if it has none). */
  timestamp(): Millis | undefined;
  /** The clocks and, on a keyed stream, the current key's timers. */
  timerService(): TimerService;
  /** Sends `value` to the side output `tag`, with the current record's timestamp. */
  output<X>(tag: OutputTag<X>, value: X): void;
}

/** Given to `processElement` on a keyed stream. */
export interface KeyedContext<K> extends Context {
  /** The key of the record being processed. */
  getCurrentKey(): K;
}

/** Given to `onTimer`: `timestamp()` is the timer's time for event-time timers. */
export interface OnTimerContext<K> extends KeyedContext<K> {
  /** Which clock the timer was set on. */
  timeDomain(): TimeDomain;
}

/** Given to `open`. */
export interface RuntimeContext {
  /** The name of the operator running the function. */
  readonly operatorName: string;
}

/** Given to `open` on a keyed stream: where keyed state is declared. */
export interface KeyedRuntimeContext extends RuntimeContext {
  /** The {@link ValueState} `descriptor` names: one value per key. */
  getState<T>(descriptor: ValueStateDescriptor<T>): ValueState<T>;
  /** The {@link ListState} `descriptor` names: a list per key. */
  getListState<T>(descriptor: ListStateDescriptor<T>): ListState<T>;
  /** The {@link MapState} `descriptor` names: a map per key. */
  getMapState<UK, UV>(descriptor: MapStateDescriptor<UK, UV>): MapState<UK, UV>;
}
