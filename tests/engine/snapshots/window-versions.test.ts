/**
 * A checkpoint's snapshot of fixed windows of a built-in aggregation is taken in slots (a `sum`
 * under the event-time trigger, see `window-slots.ts`) or copy-on-write (see `window-versions.ts`):
 * its windows are read only when a restart restores it, by which time the
 * job has changed most of them, some several checkpoints over, and cleaned some up. These check
 * that such a snapshot, read late, is the state when the checkpoint was taken: the job is run to
 * each checkpoint and snapshotted whole there (`JobController.snapshot()`), then run on almost to
 * the next, and the checkpoint's windows, read only then, must equal the whole snapshot's, with
 * the same size, which the checkpoint gave when it was taken. A restart from such a checkpoint
 * must restore the same state, and the job's output be the failure-free run's.
 */
import { describe, expect, it } from 'vitest';
import {
  Failure,
  RestartStrategies,
  SlidingEventTimeWindows,
  Time,
  Trigger,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from '../../../src/engine/index';
import type {
  JobController,
  StreamExecutionEnvironment,
  TimeWindow,
  TriggerContext,
  TriggerResult,
  WindowAssigner,
} from '../../../src/engine/index';
import type { FieldAggregation } from '../../../src/engine/functions/field-aggregations';
import type { JobSnapshot } from '../../../src/engine/runtime/snapshot';
import { stepwise } from './restart';
import { windowOperator } from './window-readings';
import type { Reading } from './window-readings';

const KEYS = ['a', 'b', 'c', 'd', 'e'];

// Out of order by up to 300 ms, labels of growing length (`max('label')` changes size).
const readings: Reading[] = Array.from({ length: 90 }, (_, i) => ({
  key: KEYS[(i * 3) % KEYS.length] as string,
  ts: i * 60 - ((i * 7) % 5) * 60,
  n: (i * 13) % 17,
  label: 'x'.repeat(1 + ((i * 5) % 9)),
}));

type Build = (env: StreamExecutionEnvironment) => void;

/**
 * Checkpoints every 270 ms, records every 23 ms, watermarks every 200 ms: no checkpoint falls on
 * the time of another event, so the state when a run stops at a checkpoint's time is the state
 * the checkpoint took.
 */
const INTERVAL = 270;

/**
 * Fires at the end of the window, like the event-time trigger, and sets a timer 150 ms after each
 * element, keeping no state: a window's timers change with nearly every element and every
 * watermark, so its timer lists are rebuilt several times between two checkpoints.
 */
class TickingTrigger extends Trigger<unknown, TimeWindow> {
  onElement(_: unknown, timestamp: number, window: TimeWindow, ctx: TriggerContext): TriggerResult {
    ctx.registerEventTimeTimer(window.maxTimestamp());
    ctx.registerEventTimeTimer(Math.min(timestamp + 150, window.maxTimestamp()));
    return 'CONTINUE';
  }

  onEventTime(time: number, window: TimeWindow): TriggerResult {
    return time === window.maxTimestamp() ? 'FIRE' : 'CONTINUE';
  }

  onProcessingTime(): TriggerResult {
    return 'CONTINUE';
  }

  clear(window: TimeWindow, ctx: TriggerContext): void {
    ctx.deleteEventTimeTimer(window.maxTimestamp());
  }

  toString(): string {
    return 'TickingTrigger()';
  }
}

/**
 * Like {@link TickingTrigger}, but each of its timers fires the window and purges it: windows are
 * emptied between checkpoints and filled again, their record then a copy of another element.
 */
class PurgingTickTrigger extends TickingTrigger {
  override onEventTime(): TriggerResult {
    return 'FIRE_AND_PURGE';
  }

  override toString(): string {
    return 'PurgingTickTrigger()';
  }
}

interface Case {
  readonly kind: FieldAggregation;
  readonly field: string;
  readonly assigner: WindowAssigner;
  readonly trigger?: Trigger<unknown, TimeWindow>;
  /** Allowed lateness in ms; 400 unless told. */
  readonly lateness?: number;
}

function program(
  { kind, field, assigner, trigger, lateness = 400 }: Case,
  failures: readonly number[] = [],
  input: readonly Reading[] = readings,
): Build {
  return (env) => {
    env.enableCheckpointing(INTERVAL);
    env.setRestartStrategy(RestartStrategies.fixedDelayRestart(failures.length, 100));
    for (const time of failures) env.injectFailure(Failure.atProcessingTime(time));
    const windowed = env
      .fromCollection(input, { arrivalIntervalMs: 23 })
      .assignTimestampsAndWatermarks(
        WatermarkStrategy.forBoundedOutOfOrderness<Reading>(300).withTimestampAssigner((r) => r.ts),
      )
      .keyBy((r) => r.key)
      .window(assigner)
      // Windows are kept after firing, so checkpoints hold windows that fired (panes) too.
      .allowedLateness(Time.milliseconds(lateness));
    if (trigger !== undefined) windowed.trigger(trigger as never);
    windowed[kind](field as never).sinkTo(env.collect('out'));
  };
}

/** The latest completed checkpoint: the coordinator's, which only a restart reads otherwise. */
function latestCheckpoint(job: JobController): { id: number; snapshot: JobSnapshot } | undefined {
  const runtime = (job as unknown as { job: { coordinator: { latest?: unknown } } }).job;
  return runtime.coordinator.latest as { id: number; snapshot: JobSnapshot } | undefined;
}

/** The checkpoint the trace says completed last, and the sizes it gave its operators' snapshots. */
function completed(job: JobController): { id: number; sizes: Map<string, number> } | undefined {
  const trace = job.drainTrace();
  const done = trace.filter((event) => event.type === 'checkpoint-completed').at(-1);
  if (done?.type !== 'checkpoint-completed') return undefined;
  const sizes = new Map<string, number>();
  for (const event of trace) {
    if (event.type === 'snapshot' && event.checkpoint === done.checkpoint) {
      sizes.set(event.op, event.bytes);
    }
  }
  return { id: done.checkpoint, sizes };
}

const tumbling = TumblingEventTimeWindows.of(Time.seconds(1));
const sliding = SlidingEventTimeWindows.of(Time.seconds(1), Time.milliseconds(400));

describe('checkpoints of windows taken in slots or copy-on-write', () => {
  const cases: [string, Case][] = [
    // In slots (see `window-slots.ts`): a sum under the event-time trigger.
    ['sum(n), tumbling', { kind: 'sum', field: 'n', assigner: tumbling }],
    ['sum(n), sliding', { kind: 'sum', field: 'n', assigner: sliding }],
    ['sum(n), tumbling, no lateness', { kind: 'sum', field: 'n', assigner: tumbling, lateness: 0 }],
    ['sum(n), sliding, no lateness', { kind: 'sum', field: 'n', assigner: sliding, lateness: 0 }],
    // Copy-on-write (see `window-versions.ts`).
    ['max(n), sliding', { kind: 'max', field: 'n', assigner: sliding }],
    ['max(label), tumbling', { kind: 'max', field: 'label', assigner: tumbling }],
    ['min(n), sliding', { kind: 'min', field: 'n', assigner: sliding }],
    [
      'sum(n), tumbling, a timer after each element',
      { kind: 'sum', field: 'n', assigner: tumbling, trigger: new TickingTrigger() },
    ],
    [
      'sum(n), tumbling, purged by a timer after each element',
      { kind: 'sum', field: 'n', assigner: tumbling, trigger: new PurgingTickTrigger() },
    ],
  ];

  it.each(cases)(
    '%s: a checkpoint read just before the next is the state it was taken of',
    (_, windows) => {
      const job = stepwise(program(windows), { trace: { level: 'full' } });
      let checkpoints = 0;
      let held = 0;
      for (let at = INTERVAL; !job.finished; at += INTERVAL) {
        job.advanceTo(at);
        const checkpoint = completed(job);
        if (job.finished || checkpoint === undefined) break;
        const whole = windowOperator(job.snapshot());
        // Its size was given when it was taken, before any of its windows was read.
        expect(checkpoint.sizes.get(whole.id)).toBe(whole.bytes);
        job.advanceTo(at + INTERVAL - 1);
        const latest = latestCheckpoint(job);
        // The input ended meanwhile, and the final checkpoint superseded this one.
        if (latest?.id !== checkpoint.id) break;
        const taken = windowOperator(latest?.snapshot as JobSnapshot);
        expect(taken.bytes).toBe(whole.bytes);
        expect(structuredClone(taken.state)).toEqual(structuredClone(whole.state));
        checkpoints++;
        held += (whole.state as { windows: unknown[] }).windows.length;
      }
      expect(checkpoints).toBeGreaterThan(5);
      expect(held).toBeGreaterThan(2 * checkpoints);
    },
  );

  it.each(cases)(
    '%s: restarts from such checkpoints give the failure-free output',
    (_, windows) => {
      const expected = stepwise(program(windows)).runToEnd().outputs['out'];
      for (let failAt = 300; failAt < 2_000; failAt += 137) {
        const failures = [failAt, failAt + 411];
        const got = stepwise(program(windows, failures), {
          trace: { level: 'full' },
        }).runToEnd();
        expect(got.trace.some((event) => event.type === 'restart')).toBe(true);
        const rows = (got.outputs['out'] ?? []).filter((row) => row.duplicate !== true);
        expect(rows.map((row) => row.value)).toEqual(expected?.map((row) => row.value));
      }
    },
  );

  it('sum(n): a slot used again before the next checkpoint holds the new window, not the old', () => {
    // Checkpoints at 270 and 540 ms, the first taken whole (no copy is kept). Between them: a's
    // window gets two records, the watermark at 400 ms cleans it up, and b's first window, of one
    // record, takes its slot.
    const at = (ts: number, key: string, n: number): Reading => ({ key, ts, n, label: 'x' });
    const input = [
      ...Array.from({ length: 12 }, (_, i) => at(1200 + i, 'c', 1)),
      at(1000, 'a', 10),
      at(1010, 'a', 20),
      at(1520, 'c', 1),
      at(1521, 'c', 1),
      at(1522, 'c', 1),
      at(1523, 'c', 1),
      at(1524, 'c', 1),
      at(1525, 'c', 1),
      at(1600, 'b', 7),
      // On past the second checkpoint, in c's window.
      ...Array.from({ length: 12 }, (_, i) => at(1530 + i, 'c', 1)),
    ];
    const windows: Case = {
      kind: 'sum',
      field: 'n',
      assigner: TumblingEventTimeWindows.of(Time.milliseconds(100)),
      lateness: 0,
    };
    const job = stepwise(program(windows, [], input), { trace: { level: 'full' } });
    job.advanceTo(2 * INTERVAL);
    expect(completed(job)?.id).toBe(2);
    const whole = windowOperator(job.snapshot());
    const held = (whole.state as { windows: { key: string }[] }).windows;
    expect(held.some((w) => w.key === 'b')).toBe(true);
    expect(held.some((w) => w.key === 'a')).toBe(false);
    const taken = windowOperator(latestCheckpoint(job)?.snapshot as JobSnapshot);
    expect(structuredClone(taken.state)).toEqual(structuredClone(whole.state));
  });
});
