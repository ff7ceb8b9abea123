/**
 * The trace folded into what the views draw: per operator, the records that reached it (with
 * their fate), what it emitted, its watermark over processing time, its windows and their panes,
 * its timers and keyed-state writes.
 *
 * The fold is incremental: a run's trace only ever grows, and the run store folds each batch as it
 * arrives (`append`) and keeps only the fold, so the page never holds the raw events of a long run
 * (a 100 000-record run traces several times that many). `sync` folds a whole trace array, as
 * tests and one-off callers have it. Every list is in trace order (`seq` order, which is also
 * processing-time order), so the views answer "as of a moment" with a binary search (see
 * `at-time.ts` and `moment.ts`).
 */
import type { Key, PaneTiming, TraceEvent } from 'streamlab';
import { CheckpointTrace } from './checkpoint-trace';

/**
 * What became of a record at an operator: on time, late but still accepted within the allowed
 * lateness, dropped, or sent to the late-data side output.
 */
export type Fate = 'on-time' | 'late' | 'dropped' | 'side-output';

/** A record reaching an operator's input. */
export interface RecordMark {
  readonly id: number;
  readonly op: string;
  readonly seq: number;
  /** Processing time of arrival. */
  readonly time: number;
  readonly eventTime: number | null;
  readonly key: Key | null;
  readonly value: string;
  fate: Fate;
  /** The operator's watermark when a late record arrived. */
  lateBehind: number | null;
}

/** A record an operator emitted (main output, or the side output `tag`). */
export interface EmitMark {
  readonly id: number;
  readonly op: string;
  readonly seq: number;
  readonly time: number;
  readonly eventTime: number | null;
  readonly lineage: readonly number[];
  readonly tag: string | null;
  readonly value: string;
}

/** The operator's own (combined) watermark moving. */
export interface WatermarkMark {
  readonly seq: number;
  readonly time: number;
  readonly watermark: number;
}

/** One firing of a window. */
export interface PaneMark {
  readonly op: string;
  readonly key: Key | null;
  readonly start: number;
  readonly end: number;
  readonly seq: number;
  readonly time: number;
  /**
   * Seq of the firing's first event: the window's timer firing, else its first result (a
   * count trigger fires on an arrival), else the firing itself. The results that reach
   * downstream operators in between belong to this firing.
   */
  readonly fromSeq: number;
  readonly timing: PaneTiming;
  readonly index: number;
  readonly isLast: boolean;
  /** The first result record it emitted, 0 when it emitted none. */
  readonly record: number;
  /** That result's value, as the trace summarised it. */
  readonly value: string | null;
  /** For a field aggregation (`sum('celsius')`): the field and its value in that result. */
  readonly field: { readonly name: string; readonly value: number | string } | null;
}

/** Session windows of one key merging into one, when a record bridged them. */
export interface MergeMark {
  readonly op: string;
  readonly key: Key | null;
  readonly seq: number;
  readonly time: number;
  /** The merged window. */
  readonly start: number;
  readonly end: number;
  /** The windows that became it, in order. */
  readonly parts: readonly { readonly start: number; readonly end: number }[];
}

/** One lifetime of a window of one key: from its first element until it is purged or merged. */
export interface WindowMark {
  readonly op: string;
  readonly key: Key | null;
  readonly start: number;
  readonly end: number;
  readonly created: number;
  /** Seq of the event that created it: `window-created`, or the `window-merged` that made it. */
  readonly createdSeq: number;
  /** Seq of the arrival that opened it (for a merged session, of the earliest merged window's). */
  readonly fromSeq: number;
  /** Processing time it ended (purged or merged into another), or null while it lives. */
  closed: number | null;
  closedSeq: number | null;
  closedBy: 'trigger' | 'cleanup' | 'merged' | null;
  /** The time domain of its end-of-window timer: says whether elements fall in by event time. */
  domain: 'event-time' | 'processing-time' | null;
  readonly panes: PaneMark[];
}

export interface TimerMark {
  readonly op: string;
  readonly key: Key | null;
  readonly domain: 'event-time' | 'processing-time';
  readonly timestamp: number;
  readonly registered: number;
  readonly registeredSeq: number;
  fired: number | null;
  firedSeq: number | null;
}

/** The operator as a whole going idle or active again. */
export interface IdlenessMark {
  readonly seq: number;
  readonly time: number;
  readonly idle: boolean;
}

export interface StateWriteMark {
  readonly seq: number;
  readonly time: number;
  readonly key: Key | null;
  readonly state: string;
  /** Summary of the new value, or null when the state was cleared. */
  readonly value: string | null;
}

/**
 * One subtask's watermarks: each input channel's (an edge from an upstream subtask, or a source
 * partition) and whether it was idle, and the subtask's own, the minimum of its active channels.
 */
export interface SubtaskWatermarks {
  readonly combined: WatermarkMark[];
  readonly inputs: Map<
    number,
    { readonly watermarks: WatermarkMark[]; readonly idleness: IdlenessMark[] }
  >;
}

/** Everything the trace says about one operator. */
export interface OperatorTrace {
  readonly arrivals: RecordMark[];
  readonly emits: EmitMark[];
  /**
   * The operator's watermark: at parallelism 1 its own; in parallel its low watermark, the
   * minimum over its subtasks (as Flink's web interface shows it), known once every subtask has one.
   */
  readonly watermarks: WatermarkMark[];
  /** Each subtask's watermarks, by subtask (0 at parallelism 1). */
  readonly subtasks: Map<number, SubtaskWatermarks>;
  /** In parallel, the subtask each key's records went to (by {@link keyId}). */
  readonly keySubtasks: Map<string, number>;
  readonly idleness: IdlenessMark[];
  readonly windows: WindowMark[];
  readonly panes: PaneMark[];
  /** Session merges, in order. */
  readonly merges: MergeMark[];
  /** Arrivals that were behind the watermark, in order (a subset of `arrivals`). */
  readonly late: RecordMark[];
  readonly timers: TimerMark[];
  /** The timers that fired, in the order they fired. */
  readonly firings: TimerMark[];
  readonly stateWrites: StateWriteMark[];
}

/** A key as a map key that keeps `1` and `"1"` apart. */
export function keyId(key: Key | null): string {
  return key === null ? '' : `${typeof key}:${String(key)}`;
}

const windowId = (key: Key | null, start: number, end: number) => `${keyId(key)}|${start}|${end}`;

/**
 * Something that happened to the whole job, on the processing-time axis: a checkpoint completed,
 * the job failed, or it restarted.
 */
export type JobMark =
  | {
      readonly kind: 'checkpoint';
      readonly seq: number;
      readonly time: number;
      readonly checkpoint: number;
      /** The checkpoint's estimated size in bytes. */
      readonly bytes: number;
    }
  | {
      readonly kind: 'failure';
      readonly seq: number;
      readonly time: number;
      /** The failing operator (`'-'`: the job itself). */
      readonly op: string;
      readonly cause: string;
      readonly injected: boolean;
      /** True when the job restarts after it; false when it fails for good. */
      readonly restarting: boolean;
    }
  | {
      readonly kind: 'restart';
      readonly seq: number;
      readonly time: number;
      readonly attempt: number;
      /** The checkpoint restored; `null`: from the beginning. */
      readonly checkpoint: number | null;
      /** The processing time the job went back to: its checkpoint's (0: the beginning). */
      readonly from: number;
    };

export class TraceModel {
  readonly operators = new Map<string, OperatorTrace>();
  /** Completed checkpoints, failures and restarts, in trace order. */
  readonly job: JobMark[] = [];
  /** Checkpoints with their barriers, snapshots and transactions. */
  readonly checkpoints = new CheckpointTrace();
  readonly emitsById = new Map<number, EmitMark>();
  /** Records sent to each side output, by tag, in order: the rows of `sideOutputs[tag]`. */
  readonly sideOutputs = new Map<string, EmitMark[]>();
  /** The distinct processing times at which something happened, ascending. */
  readonly moments: number[] = [];
  ended = false;
  /** Events folded so far. */
  size = 0;
  /** Seq of the newest event folded, -1 before the first. */
  lastSeq = -1;

  #source: readonly TraceEvent[] | undefined;
  #parallelism = new Map<string, number>();
  #openWindows = new Map<string, Map<string, WindowMark>>();
  #openTimers = new Map<string, Map<string, TimerMark>>();
  #lastCreated = new Map<string, WindowMark>();
  /** Per operator, the seq of its newest timer firing. */
  #lastTimerFired = new Map<string, number>();

  /**
   * Folds the events of `trace` not folded yet. A different array (a new run) or a shorter one
   * starts over. Returns true when anything changed.
   */
  sync(trace: readonly TraceEvent[]): boolean {
    if (trace !== this.#source || trace.length < this.size) {
      this.#clear();
      this.#source = trace;
    }
    if (trace.length === this.size) return false;
    for (let i = this.size; i < trace.length; i++) this.add(trace[i] as TraceEvent);
    return true;
  }

  /** Folds the next events of the run, in order. */
  append(events: readonly TraceEvent[]): void {
    this.#source = undefined;
    for (let i = 0; i < events.length; i++) this.add(events[i] as TraceEvent);
  }

  /**
   * Takes the parallelism of each operator from the job graph: an operator's low watermark is
   * only known once every one of its subtasks has a watermark.
   */
  useGraph(graph: {
    readonly operators: readonly { readonly id: string; readonly parallelism: number }[];
  }): void {
    this.#parallelism = new Map(graph.operators.map((o) => [o.id, o.parallelism]));
  }

  /**
   * The watermarks of the subtask an event came from (`undefined`: an operator running as one
   * subtask, whose own watermarks are the operator's: one list serves as both).
   */
  #subtask(trace: OperatorTrace, subtask: number | undefined): SubtaskWatermarks {
    const index = subtask ?? 0;
    let found = trace.subtasks.get(index);
    if (found === undefined) {
      const combined = subtask === undefined ? trace.watermarks : [];
      trace.subtasks.set(index, (found = { combined, inputs: new Map() }));
    }
    return found;
  }

  #channel(
    subtask: SubtaskWatermarks,
    input: number,
  ): { readonly watermarks: WatermarkMark[]; readonly idleness: IdlenessMark[] } {
    let found = subtask.inputs.get(input);
    if (found === undefined) subtask.inputs.set(input, (found = { watermarks: [], idleness: [] }));
    return found;
  }

  /** After a subtask's watermark moved: the operator's low watermark, if it moved too. */
  #lowWatermark(op: string, trace: OperatorTrace, mark: WatermarkMark): void {
    const parallelism = this.#parallelism.get(op) ?? trace.subtasks.size;
    if (trace.subtasks.size < parallelism) return;
    let low = Infinity;
    for (const { combined } of trace.subtasks.values()) {
      low = Math.min(low, combined.at(-1)?.watermark ?? -Infinity);
    }
    const last = trace.watermarks.at(-1)?.watermark ?? -Infinity;
    if (low > last) trace.watermarks.push({ ...mark, watermark: low });
  }

  /** Forgets everything, for a new run. */
  reset(): void {
    this.#clear();
    this.#source = undefined;
    this.#parallelism = new Map();
  }

  operator(op: string): OperatorTrace {
    let found = this.operators.get(op);
    if (found === undefined) {
      found = {
        arrivals: [],
        emits: [],
        watermarks: [],
        subtasks: new Map(),
        keySubtasks: new Map(),
        idleness: [],
        windows: [],
        panes: [],
        merges: [],
        late: [],
        timers: [],
        firings: [],
        stateWrites: [],
      };
      this.operators.set(op, found);
    }
    return found;
  }

  /** The last processing time the trace reached. */
  get endTime(): number {
    return this.moments[this.moments.length - 1] ?? 0;
  }

  add(event: TraceEvent): void {
    this.size++;
    this.lastSeq = event.seq;
    if (this.moments[this.moments.length - 1] !== event.time) this.moments.push(event.time);
    switch (event.type) {
      case 'arrival': {
        const trace = this.operator(event.op);
        if (event.subtask !== undefined && event.key !== null) {
          trace.keySubtasks.set(keyId(event.key), event.subtask);
        }
        trace.arrivals.push({
          id: event.record,
          op: event.op,
          seq: event.seq,
          time: event.time,
          eventTime: event.eventTime,
          key: event.key,
          value: event.value,
          fate: 'on-time',
          lateBehind: null,
        });
        return;
      }
      case 'emit': {
        const mark: EmitMark = {
          id: event.record,
          op: event.op,
          seq: event.seq,
          time: event.time,
          eventTime: event.eventTime,
          lineage: event.lineage,
          tag: event.tag,
          value: event.value,
        };
        this.operator(event.op).emits.push(mark);
        this.emitsById.set(mark.id, mark);
        if (mark.tag !== null) {
          let list = this.sideOutputs.get(mark.tag);
          if (list === undefined) this.sideOutputs.set(mark.tag, (list = []));
          list.push(mark);
        }
        return;
      }
      case 'watermark': {
        const mark = { seq: event.seq, time: event.time, watermark: event.watermark };
        const trace = this.operator(event.op);
        const subtask = this.#subtask(trace, event.subtask);
        if (event.input >= 0) {
          this.#channel(subtask, event.input).watermarks.push(mark);
          return;
        }
        subtask.combined.push(mark);
        if (event.subtask !== undefined) this.#lowWatermark(event.op, trace, mark);
        return;
      }
      case 'idleness':
        if (event.input >= 0) {
          const subtask = this.#subtask(this.operator(event.op), event.subtask);
          this.#channel(subtask, event.input).idleness.push({
            seq: event.seq,
            time: event.time,
            idle: event.idle,
          });
        }
        if (event.input === -1) {
          this.operator(event.op).idleness.push({
            seq: event.seq,
            time: event.time,
            idle: event.idle,
          });
        }
        return;
      case 'late':
        this.#late(event.op, event.record, event.outcome, event.watermark);
        return;
      case 'window-created': {
        // The arrival that opened the window is the operator's newest one.
        const fromSeq = this.operator(event.op).arrivals.at(-1)?.seq ?? event.seq;
        this.#openWindow(event, fromSeq);
        return;
      }
      case 'window-merged':
        this.#merge(event);
        return;
      case 'window-fired':
        this.#fire(event);
        return;
      case 'window-purged': {
        const open = this.#openWindows.get(event.op);
        const id = windowId(event.key, event.start, event.end);
        const window = open?.get(id);
        if (window) {
          window.closed = event.time;
          window.closedSeq = event.seq;
          window.closedBy = event.reason;
          open?.delete(id);
        }
        return;
      }
      case 'timer-registered':
      case 'timer-fired':
        this.#timer(event);
        return;
      case 'state-write':
        this.operator(event.op).stateWrites.push({
          seq: event.seq,
          time: event.time,
          key: event.key,
          state: event.state,
          value: event.value,
        });
        return;
      case 'job-end':
        this.ended = true;
        return;
      case 'checkpoint-completed':
        this.checkpoints.add(event);
        this.job.push({
          kind: 'checkpoint',
          seq: event.seq,
          time: event.time,
          checkpoint: event.checkpoint,
          bytes: event.bytes,
        });
        return;
      case 'failure':
        this.job.push({
          kind: 'failure',
          seq: event.seq,
          time: event.time,
          op: event.op,
          cause: event.cause,
          injected: event.injected,
          restarting: event.restarting,
        });
        return;
      case 'restart':
        this.job.push({
          kind: 'restart',
          seq: event.seq,
          time: event.time,
          attempt: event.attempt,
          checkpoint: event.checkpoint,
          from: event.from,
        });
        return;
      case 'checkpoint-triggered':
      case 'barrier':
      case 'alignment-start':
      case 'alignment-end':
      case 'snapshot':
      case 'checkpoint-aborted':
      case 'transaction-opened':
      case 'transaction-pre-committed':
      case 'transaction-committed':
      case 'transaction-aborted':
        this.checkpoints.add(event);
        return;
    }
  }

  #clear(): void {
    this.operators.clear();
    this.emitsById.clear();
    this.sideOutputs.clear();
    this.job.length = 0;
    this.checkpoints.clear();
    this.moments.length = 0;
    this.#openWindows.clear();
    this.#openTimers.clear();
    this.#lastCreated.clear();
    this.#lastTimerFired.clear();
    this.ended = false;
    this.size = 0;
    this.lastSeq = -1;
  }

  #late(op: string, record: number, outcome: 'accepted' | 'dropped' | 'side-output', wm: number) {
    const trace = this.operator(op);
    // The late event follows its record's arrival at once; look back from the newest arrival.
    for (let i = trace.arrivals.length - 1; i >= 0; i--) {
      const arrival = trace.arrivals[i] as RecordMark;
      if (arrival.id !== record) continue;
      arrival.fate = outcome === 'accepted' ? 'late' : outcome;
      arrival.lateBehind = wm;
      trace.late.push(arrival);
      return;
    }
  }

  #openWindow(
    {
      op,
      key,
      start,
      end,
      time,
      seq,
    }: Extract<TraceEvent, { type: 'window-created' | 'window-merged' }>,
    fromSeq: number,
  ) {
    let open = this.#openWindows.get(op);
    if (open === undefined) this.#openWindows.set(op, (open = new Map()));
    const id = windowId(key, start, end);
    let window = open.get(id);
    if (window === undefined) {
      window = {
        op,
        key,
        start,
        end,
        created: time,
        createdSeq: seq,
        fromSeq,
        closed: null,
        closedSeq: null,
        closedBy: null,
        domain: null,
        panes: [],
      };
      open.set(id, window);
      this.operator(op).windows.push(window);
    }
    this.#lastCreated.set(op, window);
    return window;
  }

  #merge(event: Extract<TraceEvent, { type: 'window-merged' }>) {
    this.operator(event.op).merges.push({
      op: event.op,
      key: event.key,
      seq: event.seq,
      time: event.time,
      start: event.start,
      end: event.end,
      parts: event.mergedStarts.map((start, i) => ({
        start,
        end: event.mergedEnds[i] as number,
      })),
    });
    const open = this.#openWindows.get(event.op);
    const target = windowId(event.key, event.start, event.end);
    let fromSeq = event.seq;
    event.mergedStarts.forEach((start, i) => {
      const id = windowId(event.key, start, event.mergedEnds[i] as number);
      const window = open?.get(id);
      if (window === undefined) return;
      fromSeq = Math.min(fromSeq, window.fromSeq);
      if (id === target) return;
      window.closed = event.time;
      window.closedSeq = event.seq;
      window.closedBy = 'merged';
      open?.delete(id);
    });
    this.#openWindow(event, fromSeq);
  }

  #fire(event: Extract<TraceEvent, { type: 'window-fired' }>) {
    const pane: PaneMark = {
      op: event.op,
      key: event.key,
      start: event.start,
      end: event.end,
      seq: event.seq,
      time: event.time,
      fromSeq: this.#firingStart(event),
      timing: event.timing,
      index: event.index,
      isLast: event.isLast,
      record: event.record,
      value: event.record === 0 ? null : (this.emitsById.get(event.record)?.value ?? null),
      field: event.field ?? null,
    };
    const trace = this.operator(event.op);
    trace.panes.push(pane);
    const id = windowId(event.key, event.start, event.end);
    const window =
      this.#openWindows.get(event.op)?.get(id) ??
      trace.windows.findLast((w) => windowId(w.key, w.start, w.end) === id);
    window?.panes.push(pane);
  }

  /**
   * Where a firing began. A window fires on its timer (the window operator's newest timer firing,
   * when nothing reached the operator and no pane fired since), or on an arrival: then its first
   * result is the firing's first event.
   */
  #firingStart(event: Extract<TraceEvent, { type: 'window-fired' }>): number {
    const trace = this.operator(event.op);
    const timer = this.#lastTimerFired.get(event.op);
    const since = Math.max(trace.arrivals.at(-1)?.seq ?? -1, trace.panes.at(-1)?.seq ?? -1);
    if (timer !== undefined && timer > since) return timer;
    const first = event.record === 0 ? undefined : this.emitsById.get(event.record);
    return first?.seq ?? event.seq;
  }

  #timer(event: Extract<TraceEvent, { type: 'timer-registered' | 'timer-fired' }>) {
    let open = this.#openTimers.get(event.op);
    if (open === undefined) this.#openTimers.set(event.op, (open = new Map()));
    const id = `${keyId(event.key)}|${event.domain}|${event.timestamp}`;
    if (event.type === 'timer-fired') {
      this.#lastTimerFired.set(event.op, event.seq);
      const timer = open.get(id);
      if (timer) {
        timer.fired = event.time;
        timer.firedSeq = event.seq;
        this.operator(event.op).firings.push(timer);
      }
      open.delete(id);
      return;
    }
    if (open.has(id)) return; // one timer per key and time, as the engine keeps them
    const timer: TimerMark = {
      op: event.op,
      key: event.key,
      domain: event.domain,
      timestamp: event.timestamp,
      registered: event.time,
      registeredSeq: event.seq,
      fired: null,
      firedSeq: null,
    };
    open.set(id, timer);
    this.operator(event.op).timers.push(timer);
    // A window registers its end-of-window timer right after it is created: its domain tells
    // whether elements fall into the window by event time or by arrival.
    const created = this.#lastCreated.get(event.op);
    if (created && created.domain === null && created.end - 1 === event.timestamp) {
      if (keyId(created.key) === keyId(event.key)) created.domain = event.domain;
    }
  }
}
