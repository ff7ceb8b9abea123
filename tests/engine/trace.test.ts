import { describe, expect, it } from 'vitest';
import { TestStream, TumblingEventTimeWindows } from '../../src/engine/index';
import type { ArrivalEvent, EmitEvent, TraceEvent } from '../../src/engine/index';
import type { Event } from './helpers';
import { at, ev, run } from './helpers';

function windowedRun(level: 'full' | 'sampled' | 'counters', limit?: number) {
  const script = TestStream.create<Event>()
    .addElements(at(ev('a', 1, 1)), at(ev('a', 2, 2)), at(ev('b', 3, 4)))
    .advanceWatermarkTo(20)
    .addElements(at(ev('a', 4, 8)))
    .advanceWatermarkToInfinity()
    .build();
  return run(
    (env) => {
      env
        .fromSource(script)
        .map((e) => ({ ...e, n: e.n * 10 }))
        .keyBy((e) => e.key)
        .window(TumblingEventTimeWindows.of(10))
        .sum('n')
        .sinkTo(env.collect('out'));
    },
    { trace: { level, ...(limit === undefined ? {} : { limit }) } },
  );
}

describe('the trace', () => {
  it('records arrivals, emits, watermarks, windows, timers and late records, numbered in order', () => {
    const { trace } = windowedRun('full');
    expect(trace.map((e) => e.seq)).toEqual(trace.map((_, i) => i));
    const types = new Set(trace.map((e) => e.type));
    for (const type of [
      'arrival',
      'emit',
      'watermark',
      'window-created',
      'window-fired',
      'window-purged',
      'timer-registered',
      'timer-fired',
      'late',
      'job-end',
    ]) {
      expect(types).toContain(type);
    }
    expect(trace.find((e) => e.type === 'late')).toMatchObject({
      eventTime: 4,
      watermark: 20,
      outcome: 'dropped',
    });
  });

  it('links each window result to the source records behind it (lineage)', () => {
    const { trace, graph } = windowedRun('full');
    const source = graph.operators[0]?.id;
    const emits = new Map<number, EmitEvent>();
    const arrivals = new Map<number, ArrivalEvent>();
    for (const event of trace) {
      if (event.type === 'emit') emits.set(event.record, event);
      if (event.type === 'arrival' && event.op === source) arrivals.set(event.record, event);
    }
    // Follow lineage back until ids that no operator emitted: the arrivals at the source.
    const roots = (id: number): number[] => emits.get(id)?.lineage.flatMap(roots) ?? [id];
    const fired = trace.find((e) => e.type === 'window-fired' && e.key === 'a');
    const recordId = fired?.type === 'window-fired' ? fired.record : -1;
    expect(roots(recordId).map((id) => arrivals.get(id)?.value)).toEqual([
      '{ key: "a", ts: 1, n: 1 }',
      '{ key: "a", ts: 2, n: 2 }',
    ]);
  });

  it("names a field aggregation's field and its result on each firing, for captions", () => {
    const { trace } = windowedRun('full');
    const fired = trace.filter((e) => e.type === 'window-fired');
    expect(fired.map((e) => [e.key, e.field])).toEqual([
      ['a', { name: 'n', value: 30 }],
      ['b', { name: 'n', value: 40 }],
    ]);
  });

  it('is plain data that survives structuredClone and JSON', () => {
    const { trace } = windowedRun('full');
    expect(structuredClone(trace)).toEqual(trace);
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
  });

  it('keeps only counters at level counters, and always counts', () => {
    const result = windowedRun('counters');
    expect(result.trace).toEqual([]);
    const window = Object.values(result.metrics.operators).find((m) => m.windowsFired > 0);
    expect(window).toMatchObject({
      recordsIn: 4,
      recordsOut: 2,
      windowsFired: 2,
      lateRecordsDropped: 1,
    });
  });

  it('samples record-level events at level sampled', () => {
    const full = windowedRun('full').trace;
    const sampled = windowedRun('sampled').trace;
    const recordLevel = (t: readonly TraceEvent[]): number =>
      t.filter((e) => e.type === 'arrival' || e.type === 'emit').length;
    expect(recordLevel(sampled)).toBeLessThan(recordLevel(full));
    expect(sampled.filter((e) => e.type === 'window-fired')).toHaveLength(2);
  });

  it('is bounded: the oldest events go first, and drops are counted', () => {
    const full = windowedRun('full').trace;
    const bounded = windowedRun('full', 10);
    expect(bounded.trace).toEqual(full.slice(-10));
    expect(bounded.metrics.traceEventsDropped).toBe(full.length - 10);
  });
});
