/**
 * The per-subtask watermarks the Event time tab lists, read from a real parallel run's trace: each
 * subtask's watermark is the lowest of its active input channels, and the operator's watermark the
 * chart draws is the lowest subtask's.
 */
import { describe, expect, it } from 'vitest';
import {
  StreamExecutionEnvironment,
  Topic,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  topicSource,
} from 'streamlab';
import { eventTimeView } from '../../src/ui/viz/event-time-view';
import { momentAt } from '../../src/ui/viz/moment';
import { channelLabels, subtasksAt } from '../../src/ui/viz/subtask-watermarks';
import { TraceModel, keyId } from '../../src/ui/viz/trace-model';

interface Click {
  readonly user: string;
  readonly ts: number;
}

function parallelRun() {
  const topic = Topic.create<Click>({ name: 'clicks', partitions: 2 });
  const users = ['ada', 'bo', 'cy', 'sensor-1'];
  // Partition 1 runs 2 s behind partition 0 in event time: it holds every watermark back.
  for (let i = 0; i < 40; i++) {
    const user = users[i % users.length] as string;
    topic.produce({ user, ts: i * 250 }, { partition: 0, key: user });
    topic.produce({ user, ts: i * 250 - 2_000 }, { partition: 1, key: user });
  }
  const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
  env.setParallelism(2);
  env
    .fromSource(
      topicSource(topic),
      WatermarkStrategy.forMonotonousTimestamps<Click>().withTimestampAssigner((c) => c.ts),
      'clicks',
    )
    .keyBy((c) => c.user)
    .window(TumblingEventTimeWindows.of(1_000))
    .reduce((a) => a)
    .name('Windows')
    .sinkTo(env.collect('out'));
  const result = env.execute();
  const model = new TraceModel();
  model.useGraph(result.graph);
  model.sync(result.trace);
  const window = result.graph.operators.find((o) => o.name === 'Windows')?.id as string;
  return { result, model, window };
}

describe('watermarks by subtask', () => {
  it('names each input channel after the subtask it comes from', () => {
    const { result, window } = parallelRun();
    expect(channelLabels(result.graph, window, 0)).toEqual([
      'Source: clicks (1/2)',
      'Source: clicks (2/2)',
    ]);
  });

  it("keep each subtask's watermark at the lowest active channel, at every moment", () => {
    const { result, model, window } = parallelRun();
    const trace = model.operators.get(window);
    let checked = 0;
    for (const time of model.moments) {
      const rows = subtasksAt(result.graph, window, trace, momentAt(time));
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        if (row.watermark === null) continue;
        const active = row.channels.filter((c) => !c.idle);
        expect(row.watermark).toBe(Math.min(...active.map((c) => c.watermark ?? -Infinity)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    // Mid-run, the lagging source subtask (partition 1) is the lowest channel of both subtasks.
    const middle = subtasksAt(result.graph, window, trace, momentAt(2_000));
    for (const row of middle) {
      expect(row.channels.map((c) => c.lowest)).toEqual([false, true]);
    }
  });

  it("draw the operator's watermark as its lowest subtask's, and each key's row as its own", () => {
    const { model, window } = parallelRun();
    const trace = model.operators.get(window);
    if (trace === undefined) throw new Error('no trace of the window operator');
    for (const mark of trace.watermarks) {
      const lows = [...trace.subtasks.values()].map(
        ({ combined }) => combined.filter((m) => m.seq <= mark.seq).at(-1)?.watermark ?? -Infinity,
      );
      expect(mark.watermark).toBe(Math.min(...lows));
    }
    // ada is on subtask 1, bo on subtask 0 (their key groups at parallelism 2).
    expect(trace.keySubtasks.get(keyId('ada'))).toBe(1);
    expect(trace.keySubtasks.get(keyId('bo'))).toBe(0);
    const view = eventTimeView(model, window, momentAt(3_000), keyId('ada'));
    expect(view.watermarks).toEqual(view.subtaskWatermarks.get(1));
  });
});
