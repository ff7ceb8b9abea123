/**
 * The helpers that read a whole run — its sinks, what its sources read, where each result came
 * from — on real runs of small pipelines.
 */
import { describe, expect, it } from 'vitest';
import {
  StreamExecutionEnvironment,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  checkInputFrom,
  firstUnsourced,
  inputProblem,
  lateRecordsDropped,
  originOfEach,
  pipelineProblem,
  readInput,
  sinkProblem,
} from '../../../src/engine';
import type { CheckInput, LessonInput, LessonPipeline } from '../../../src/engine';

interface Reading {
  sensor: string;
  ts: number;
  celsius: number;
}

const READINGS: Reading[] = [
  { sensor: 'a', ts: 1000, celsius: 70 },
  { sensor: 'b', ts: 2000, celsius: 85 },
  { sensor: 'a', ts: 9000, celsius: 90 },
  { sensor: 'b', ts: 3000, celsius: 60 },
];

/** A run that read nothing and collected nothing: it only prints. */
const nothing = () => run((env) => env.fromCollection<Reading>([]).print());

function run(build: (env: StreamExecutionEnvironment) => void): CheckInput {
  const env = StreamExecutionEnvironment.create({ trace: { level: 'full' }, provenance: true });
  build(env);
  const controller = env.executeStepwise();
  return checkInputFrom(controller.runToEnd(), controller.provenance());
}

const INPUT: LessonInput<Reading> = {
  records: READINGS,
  noun: 'reading',
  counted: 'four readings',
  restore: 'Put the readings back.',
  readOnly: 'Read only the readings.',
};

/** The lesson's pipeline: alerts for readings over 80, each from the reading it describes. */
const alerts = (readings: readonly Reading[]) =>
  run((env) =>
    env
      .fromElements(...readings)
      .filter((r) => r.celsius > 80)
      .map((r) => ({ sensor: r.sensor, over: r.celsius - 80 }))
      .sinkTo(env.collect('alerts')),
  );

/** Each sensor's readings summed per window of `size` seconds of event time. */
const sums = (size: number) =>
  run((env) =>
    env
      .fromElements(...READINGS)
      .assignTimestampsAndWatermarks(
        WatermarkStrategy.forMonotonousTimestamps<Reading>().withTimestampAssigner((r) => r.ts),
      )
      .keyBy((r) => r.sensor)
      .window(TumblingEventTimeWindows.of(Time.seconds(size)))
      .sum('celsius')
      .sinkTo(env.collect('sums')),
  );

describe('sinkProblem', () => {
  it('names the sinks the run had when the one a check reads is missing', () => {
    const got = alerts(READINGS);
    expect(sinkProblem(got, 'alerts')).toBeUndefined();
    expect(sinkProblem(got, 'hot')).toBe(
      "Expected a sink named 'hot', but the run had only 'alerts'. Keep .sinkTo(env.collect('hot')) as the starter has it.",
    );
    expect(sinkProblem(nothing(), 'hot')).toMatch(/the run had no sinks at all/);
  });
});

describe("whether a run read the lesson's input", () => {
  it('finds nothing wrong when the run read the records unchanged and in order', () => {
    const got = alerts(READINGS);
    expect(inputProblem(got, INPUT)).toBeUndefined();
    expect(readInput(got.inputs, READINGS)).toEqual({
      positions: [0, 1, 2, 3],
      missing: undefined,
      others: [],
    });
  });

  it('names the first record not read in order, and what it read instead', () => {
    const changed = READINGS.map((r, i) => (i === 1 ? { ...r, celsius: 95 } : r));
    expect(inputProblem(alerts(changed), INPUT)).toBe(
      `The pipeline must read the lesson's four readings, unchanged and in order, but reading 2, {"sensor":"b","ts":2000,"celsius":85}, was not among what it read. Put the readings back.`,
    );
    const swapped = [READINGS[1], READINGS[0], READINGS[2], READINGS[3]] as Reading[];
    expect(readInput(alerts(swapped).inputs, READINGS).missing).toBe(1);
    expect(inputProblem(nothing(), INPUT)).toMatch(/but it read nothing\. Put the readings back/);
  });

  it('describes the missing record in the words the lesson gives', () => {
    const problem = inputProblem(alerts([]), {
      ...INPUT,
      whose: "the boiler room's",
      describe: (r) => `${r.sensor} at ${r.ts} ms`,
    });
    expect(problem).toBe(
      "The pipeline must read the boiler room's four readings, unchanged and in order, but it read nothing. Put the readings back.",
    );
    const first = inputProblem(alerts(READINGS.slice(1)), { ...INPUT, describe: (r) => r.sensor });
    expect(first).toMatch(/but reading 1, a, was not among what it read/);
  });

  it("counts the records read besides the lesson's, as hard-coded answers beside the pipeline are", () => {
    const beside = run((env) => {
      env.fromElements(...READINGS).sinkTo(env.collect('readings'));
      env
        .fromElements({ sensor: 'b', over: 5 }, { sensor: 'a', over: 10 })
        .sinkTo(env.collect('alerts'));
    });
    expect(inputProblem(beside, INPUT)).toBe(
      'Besides the four readings, the pipeline read 2 other records, such as {"sensor":"b","over":5}. Read only the readings.',
    );
  });

  it('reads records in any order when order does not count, each record once', () => {
    const reversed = alerts([...READINGS].reverse());
    expect(readInput(reversed.inputs, READINGS, { inOrder: false })).toMatchObject({
      positions: [3, 2, 1, 0],
      missing: undefined,
    });
    const twice = alerts([...READINGS, READINGS[0] as Reading]);
    const reading = readInput(twice.inputs, READINGS, { inOrder: false });
    expect(reading.others.map((o) => o.value)).toEqual([READINGS[0]]);
  });
});

describe('where the results came from', () => {
  it('gives the one reading behind each value made from one', () => {
    const got = alerts(READINGS);
    expect(originOfEach(got, 'alerts')).toEqual([1, 2]);
    expect(firstUnsourced(got, 'alerts')).toBeUndefined();
  });

  it('finds the first value no source record is behind', () => {
    const got = alerts(READINGS);
    expect(firstUnsourced(got, 'alerts')).toBeUndefined();
    // As a program that unions hard-coded alerts into the computed ones would leave it.
    const unexplained: CheckInput = { ...got, origins: { alerts: [[1], []] } };
    expect(firstUnsourced(unexplained, 'alerts')).toBe(1);
    expect(originOfEach(unexplained, 'alerts')).toEqual([1, undefined]);
  });

  it('gives no single reading for a window result made from several', () => {
    const got = sums(10);
    expect(got.origins['sums']).toEqual([
      [0, 2],
      [1, 3],
    ]);
    expect(originOfEach(got, 'sums')).toEqual([undefined, undefined]);
    expect(firstUnsourced(got, 'sums')).toBeUndefined();
  });

  it('counts the records the windows dropped as late', () => {
    expect(lateRecordsDropped(sums(10))).toBe(0);
    // b's reading at 3000 ms arrives after a's at 9000 ms has moved the watermark to 8999, past
    // the end of [0, 5000).
    expect(lateRecordsDropped(sums(5))).toBe(1);
  });
});

describe('pipelineProblem', () => {
  const pipeline = (madeFrom: LessonPipeline<Reading>['madeFrom'], sink = 'alerts') => ({
    sink,
    madeFrom,
    unsourced: 'each comes from its readings.',
    input: INPUT,
  });

  it("finds nothing wrong when the lesson's input went through the pipeline into the sink", () => {
    expect(pipelineProblem(alerts(READINGS), pipeline('one record'))).toBeUndefined();
    expect(pipelineProblem(sums(10), pipeline('records', 'sums'))).toBeUndefined();
  });

  it('answers with the missing sink first, then the input', () => {
    expect(pipelineProblem(alerts([]), pipeline('one record', 'hot'))).toMatch(
      /^Expected a sink named 'hot'/,
    );
    expect(pipelineProblem(alerts([]), pipeline('one record'))).toMatch(
      /^The pipeline must read the lesson's four readings/,
    );
  });

  it('names the first value not made from the input, from one record when it must be', () => {
    expect(pipelineProblem(sums(10), pipeline('one record', 'sums'))).toBe(
      `Record 1 of 'sums', {"sensor":"a","ts":1000,"celsius":160}, was not made from one of the readings: each comes from its readings.`,
    );
    const got = alerts(READINGS);
    const unexplained: CheckInput = { ...got, origins: { alerts: [[1], []] } };
    expect(pipelineProblem(unexplained, pipeline('records'))).toBe(
      `Record 2 of 'alerts', {"sensor":"a","over":10}, was not made from the readings: each comes from its readings.`,
    );
  });
});
