import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SlidingEventTimeWindows,
  StreamExecutionEnvironment,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from '../../src/engine/index';
import type { EnvironmentOptions, JobResult, SourceEvent } from '../../src/engine/index';
import type { Event } from './helpers';
import { scriptedSource } from './helpers';

/** Random keyed events with arrival times that respect each partition's order. */
const arrivals = fc
  .array(
    fc.record({
      key: fc.constantFrom('a', 'b', 'c'),
      ts: fc.integer({ min: -2_000, max: 20_000 }),
      n: fc.integer({ min: 1, max: 9 }),
      gap: fc.integer({ min: 0, max: 400 }),
      partition: fc.integer({ min: 0, max: 1 }),
    }),
    { maxLength: 40 },
  )
  .map((items) => {
    const partitions: SourceEvent<Event>[][] = [[], []];
    const clocks = [0, 0];
    for (const { key, ts, n, gap, partition } of items) {
      clocks[partition] = (clocks[partition] ?? 0) + gap;
      partitions[partition]?.push({
        kind: 'record',
        value: { key, ts, n },
        arrivalTime: clocks[partition] ?? 0,
      });
    }
    return partitions;
  });

function pipeline(partitions: SourceEvent<Event>[][], lateness: number) {
  return (env: StreamExecutionEnvironment): void => {
    env
      .fromSource(
        scriptedSource(partitions),
        WatermarkStrategy.forBoundedOutOfOrderness<Event>(500).withTimestampAssigner((e) => e.ts),
      )
      .keyBy((e) => e.key)
      .window(TumblingEventTimeWindows.of(Time.seconds(2)))
      .allowedLateness(lateness)
      .sum('n')
      .sinkTo(env.collect('sums'));
  };
}

const options: EnvironmentOptions = { trace: { level: 'full' } };

function execute(build: (env: StreamExecutionEnvironment) => void): JobResult {
  const env = StreamExecutionEnvironment.create(options);
  build(env);
  return env.execute();
}

describe('properties', () => {
  it('results do not depend on how the run is stepped', () => {
    fc.assert(
      fc.property(
        arrivals,
        fc.integer({ min: 0, max: 1_000 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 10 }),
        (partitions, lateness, chunks) => {
          const whole = execute(pipeline(partitions, lateness));

          const env = StreamExecutionEnvironment.create(options);
          pipeline(partitions, lateness)(env);
          const stepped = env.executeStepwise();
          while (stepped.step() !== undefined);
          expect(stepped.result()).toEqual(whole);

          const env2 = StreamExecutionEnvironment.create(options);
          pipeline(partitions, lateness)(env2);
          const chunked = env2.executeStepwise();
          let time = 0;
          for (let i = 0; !chunked.finished; i++) {
            time += chunks[i % chunks.length] ?? 1;
            chunked.advanceTo(time);
          }
          expect(chunked.result()).toEqual(whole);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('watermarks never decrease, on any operator or input', () => {
    fc.assert(
      fc.property(arrivals, (partitions) => {
        const { trace } = execute(pipeline(partitions, 0));
        const last = new Map<string, number>();
        for (const event of trace) {
          if (event.type !== 'watermark') continue;
          const where = `${event.op}/${event.input}`;
          expect(event.watermark).toBeGreaterThan(last.get(where) ?? -Infinity);
          last.set(where, event.watermark);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('runs are deterministic: same program and seed, same outputs and trace, byte for byte', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const program = (env: StreamExecutionEnvironment): void => {
          env
            .fromSource(
              env.datasets.sensorReadings({ sensors: 3, maxDelayMs: 4_000, durationMs: 20_000 }),
              WatermarkStrategy.forBoundedOutOfOrderness<{
                ts: number;
                sensor: string;
                celsius: number;
              }>(Time.seconds(2)).withTimestampAssigner((r) => r.ts),
            )
            .keyBy((r) => r.sensor)
            .window(TumblingEventTimeWindows.of(Time.seconds(5)))
            .sum('celsius')
            .sinkTo(env.collect('sums'));
        };
        const run = (): string => {
          const env = StreamExecutionEnvironment.create({ seed, trace: { level: 'full' } });
          program(env);
          const result = env.execute();
          return JSON.stringify({ outputs: result.outputs, trace: result.trace });
        };
        expect(run()).toBe(run());
      }),
      { numRuns: 10 },
    );
  });

  it('event-time results do not depend on arrival batching when nothing is late', () => {
    fc.assert(
      fc.property(arrivals, (partitions) => {
        // Without watermarks before the end of input, no record can be late.
        const noWatermarks =
          (parts: SourceEvent<Event>[][]) => (env: StreamExecutionEnvironment) => {
            env
              .fromSource(
                scriptedSource(parts),
                WatermarkStrategy.noWatermarks<Event>().withTimestampAssigner((e) => e.ts),
              )
              .keyBy((e) => e.key)
              .window(SlidingEventTimeWindows.of(2_000, 500))
              .sum('n')
              .sinkTo(env.collect('sums'));
          };
        const batched = partitions.map((events) => events.map((e) => ({ ...e, arrivalTime: 0 })));
        const view = (result: JobResult): string[] =>
          (result.outputs['sums'] ?? [])
            .map((r) => `${String(r.key)} ${r.window?.start} ${(r.value as Event).n}`)
            .sort();
        expect(view(execute(noWatermarks(batched)))).toEqual(
          view(execute(noWatermarks(partitions))),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('tumbling windows partition the time line', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 1, max: 1e7 }),
        fc.integer({ min: 0, max: 1e7 - 1 }),
        (ts, size, rawOffset) => {
          const offset = rawOffset % size;
          const assigner = TumblingEventTimeWindows.of(size, offset);
          const [window, ...others] = assigner.assignWindows(null, ts, 0);
          expect(others).toEqual([]);
          expect(window?.start).toBeLessThanOrEqual(ts);
          expect(window?.end).toBe((window?.start ?? 0) + size);
          expect(ts).toBeLessThan(window?.end ?? 0);
          expect(((((window?.start ?? 0) - offset) % size) + size) % size).toBe(0);
          // The next timestamp is in this window or the adjacent one: no gaps, no overlaps.
          const [next] = assigner.assignWindows(null, ts + 1, 0);
          expect(next?.start === window?.start || next?.start === window?.end).toBe(true);
        },
      ),
    );
  });

  it('every record lands in exactly one tumbling window: the sums add up', () => {
    fc.assert(
      fc.property(arrivals, (partitions) => {
        const result = execute((env) => {
          env
            .fromSource(
              scriptedSource(partitions),
              WatermarkStrategy.noWatermarks<Event>().withTimestampAssigner((e) => e.ts),
            )
            .keyBy((e) => e.key)
            .window(TumblingEventTimeWindows.of(1_000))
            .sum('n')
            .sinkTo(env.collect('sums'));
        });
        const total = partitions
          .flat()
          .reduce((sum, e) => sum + (e.kind === 'record' ? e.value.n : 0), 0);
        const windowed = (result.outputs['sums'] ?? []).reduce(
          (sum, r) => sum + (r.value as Event).n,
          0,
        );
        expect(windowed).toBe(total);
      }),
      { numRuns: 60 },
    );
  });
});
