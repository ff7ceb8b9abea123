import { describe, expect, it } from 'vitest';
import {
  StreamExecutionEnvironment,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  checkInputFrom,
} from '../../src/engine';

interface Reading {
  sensor: string;
  ts: number;
  celsius: number;
}

const readings: Reading[] = [
  { sensor: 'a', ts: 1000, celsius: 70 },
  { sensor: 'b', ts: 2000, celsius: 85 },
  { sensor: 'a', ts: 3000, celsius: 90 },
  { sensor: 'b', ts: 6000, celsius: 60 },
];

function checked(build: (env: StreamExecutionEnvironment) => void, provenance = true) {
  const env = StreamExecutionEnvironment.create({ trace: { level: 'full' }, provenance });
  build(env);
  const controller = env.executeStepwise();
  return checkInputFrom(controller.runToEnd(), controller.provenance());
}

describe('where collected records came from', () => {
  it('lists the source records in arrival order, with their source and event time', () => {
    const run = checked((env) =>
      env
        .fromElements(...readings)
        .assignTimestampsAndWatermarks(
          WatermarkStrategy.forMonotonousTimestamps<Reading>().withTimestampAssigner((r) => r.ts),
        )
        .sinkTo(env.collect('all')),
    );
    expect(run.inputs.map((i) => i.value)).toEqual(readings);
    // fromElements assigns no event time; the strategy comes after the source.
    expect(run.inputs.every((i) => i.timestamp === undefined)).toBe(true);
    expect(new Set(run.inputs.map((i) => i.source)).size).toBe(1);
    expect(run.origins['all']).toEqual([[0], [1], [2], [3]]);
  });

  it('follows a record through filter and map to the reading it came from', () => {
    const run = checked((env) =>
      env
        .fromElements(...readings)
        .filter((r) => r.celsius > 80)
        .map((r) => ({ sensor: r.sensor, over: r.celsius - 80 }))
        .sinkTo(env.collect('alerts')),
    );
    expect(run.sinks['alerts']).toEqual([
      { sensor: 'b', over: 5 },
      { sensor: 'a', over: 10 },
    ]);
    expect(run.origins['alerts']).toEqual([[1], [2]]);
  });

  it('gives a window result the records of its pane', () => {
    const run = checked((env) =>
      env
        .fromCollection(readings, { name: 'readings' })
        .assignTimestampsAndWatermarks(
          WatermarkStrategy.forMonotonousTimestamps<Reading>().withTimestampAssigner((r) => r.ts),
        )
        .keyBy((r) => r.sensor)
        .window(TumblingEventTimeWindows.of(Time.seconds(5)))
        .sum('celsius')
        .sinkTo(env.collect('sums')),
    );
    expect(run.inputs.map((i) => i.source)).toEqual([
      'readings',
      'readings',
      'readings',
      'readings',
    ]);
    const byKey = Object.fromEntries(
      (run.sinks['sums'] as Reading[]).map((r, i) => [
        `${r.sensor}@${r.ts}`,
        run.origins['sums']?.[i],
      ]),
    );
    expect(byKey).toEqual({ 'a@1000': [0, 2], 'b@2000': [1], 'b@6000': [3] });
  });

  it('tells answers that did not come from the input: a second source of hard-coded results', () => {
    const run = checked((env) => {
      env.fromElements(...readings).sinkTo(env.collect('ignored'));
      env.fromElements({ sensor: 'b', over: 5 }).sinkTo(env.collect('alerts'));
    });
    expect(run.inputs).toHaveLength(5);
    const origin = run.origins['alerts']?.[0] ?? [];
    expect(origin.map((i) => run.inputs[i]?.value)).toEqual([{ sensor: 'b', over: 5 }]);
  });

  it('is empty when the run does not keep it', () => {
    const run = checked((env) => env.fromElements(1, 2).sinkTo(env.collect('n')), false);
    expect(run.inputs).toEqual([]);
    expect(run.origins).toEqual({});
  });
});
