/**
 * The checkpoint views' models: the timeline laid out from a trace as of a moment, the barrier's
 * place in the graph, and a checkpoint's barrier hops as steps of their own.
 */
import { describe, expect, it } from 'vitest';
import {
  CheckpointingMode,
  DeliveryGuarantee,
  Failure,
  RestartStrategies,
  StreamExecutionEnvironment,
  type JobResult,
} from 'streamlab';
import { barrierView } from '../../src/ui/viz/barrier-view';
import { alongEdge, edgeLabel } from '../../src/ui/viz/graph-layout';
import {
  checkpointTimeline,
  hasCheckpointsOrFailures,
  MIN_CHECKPOINT_WIDTH,
} from '../../src/ui/viz/checkpoint-timeline';
import { momentAt, type Moment } from '../../src/ui/viz/moment';
import { stepAfter, stepNumber, type Step } from '../../src/ui/viz/steps';
import { TraceModel } from '../../src/ui/viz/trace-model';

const BEFORE_RUN: Moment = { time: -Infinity, seq: -Infinity };

/**
 * Two sources (a record every 100 ms each) into one keyed sum: its barriers align. With `delay`,
 * `right`'s records (and barriers) take that long to arrive.
 */
function union(
  configure: (env: StreamExecutionEnvironment) => void = () => {},
  delay = 0,
): JobResult {
  const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
  env.enableCheckpointing(1_000);
  configure(env);
  const left = env.fromCollection(Array.from({ length: 30 }, (_, n) => n)).name('left');
  const right = env
    .fromCollection(Array.from({ length: 30 }, (_, n) => 100 + n))
    .name('right')
    .simulateNetworkDelay(delay);
  left
    .union(right)
    .keyBy((n) => n % 2)
    .reduce((a, b) => a + b)
    .name('Sum')
    .sinkTo(env.collect('out', { deliveryGuarantee: DeliveryGuarantee.EXACTLY_ONCE }));
  return env.execute();
}

const modelOf = (result: JobResult) => {
  const model = new TraceModel();
  model.sync(result.trace);
  return model;
};

function steps(model: TraceModel, result: JobResult): Step[] {
  const all: Step[] = [];
  for (let s = stepAfter(model, result.graph, BEFORE_RUN); s;) {
    all.push(s);
    s = stepAfter(model, result.graph, s.moment);
  }
  return all;
}

const id = (result: JobResult, name: string) =>
  result.graph.operators.find((o) => o.name === name)?.id as string;

describe('the checkpoint timeline', () => {
  const result = union((env) => {
    env.setRestartStrategy(RestartStrategies.fixedDelayRestart(1, 500));
    env.injectFailure(Failure.atProcessingTime(2_500));
  });
  const model = modelOf(result);

  it('lays each checkpoint, failure and restart out on the processing-time axis', () => {
    const timeline = checkpointTimeline(model, result.graph, momentAt(Infinity), 1_000);
    const end = model.endTime;
    expect(timeline.x.domain()).toEqual([0, end]);
    const [first, second] = timeline.checkpoints;
    expect(first).toMatchObject({ checkpoint: 1, state: 'completed', triggered: 1_000 });
    // Triggered and completed in the same instant: drawn at its narrowest, centred on the time.
    expect(first?.width).toBe(MIN_CHECKPOINT_WIDTH);
    expect((first?.x ?? 0) + MIN_CHECKPOINT_WIDTH / 2).toBeCloseTo((1_000 / end) * 1_000);
    expect(first?.snapshots.map((s) => s.name)).toEqual(['left', 'right', 'Sum', 'Sink: out']);
    const completed = result.trace.find(
      (e) => e.type === 'checkpoint-completed' && e.checkpoint === 1,
    );
    expect(first?.bytes).toBe((completed as { bytes: number }).bytes);
    expect(first?.snapshots.reduce((sum, s) => sum + s.bytes, 0)).toBe(first?.bytes);
    expect(first?.commits).toEqual([{ sink: 'Sink: out', rows: 22 }]);
    expect(first?.summary).toMatch(
      /^Checkpoint 1: completed at 1 s, .* of state; 22 rows committed to Sink: out$/,
    );
    expect(second?.checkpoint).toBe(2);
    expect(timeline.transactional).toBe(true);

    expect(timeline.failures).toMatchObject([
      { time: 2_500, future: false, restart: 'restarted from checkpoint 2, at 2 s' },
    ]);
    expect(timeline.failures[0]?.summary).toBe('Injected failure at 2.5 s');
    // The rows written since checkpoint 2 were in the open transaction the failure aborted.
    expect(timeline.failures[0]?.abortedRows).toBe(10);
    const [restart] = timeline.restarts;
    expect(restart).toMatchObject({ attempt: 1, checkpoint: 2, from: 2_000, future: false });
    expect(restart?.x).toBeCloseTo((3_000 / end) * 1_000);
    expect(restart?.xFrom).toBeCloseTo((2_000 / end) * 1_000);
    expect(restart?.xFailure).toBeCloseTo((2_500 / end) * 1_000);
  });

  it('dims what has not happened by the moment shown, and keeps the axis', () => {
    const timeline = checkpointTimeline(model, result.graph, momentAt(1_500), 1_000);
    expect(timeline.x.domain()).toEqual([0, model.endTime]);
    expect(timeline.checkpoints.map((c) => c.state).slice(0, 3)).toEqual([
      'completed',
      'future',
      'future',
    ]);
    expect(timeline.failures[0]?.future).toBe(true);
    expect(timeline.restarts[0]?.future).toBe(true);
  });

  it('shows a checkpoint in progress as far as its barrier got', () => {
    const sum = id(result, 'Sum');
    const snapshot = result.trace.find(
      (e) => e.type === 'snapshot' && e.checkpoint === 1 && e.op === sum,
    );
    const timeline = checkpointTimeline(
      model,
      result.graph,
      { time: 1_000, seq: snapshot?.seq ?? 0 },
      1_000,
    );
    const first = timeline.checkpoints[0];
    expect(first?.state).toBe('in-progress');
    expect(first?.snapshots.map((s) => s.name)).toEqual(['left', 'right', 'Sum']);
    expect(first?.commits).toEqual([]);
  });

  it('is there only for runs that checkpoint or fail', () => {
    expect(hasCheckpointsOrFailures(model)).toBe(true);
    const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
    env.fromCollection([1, 2, 3]).sinkTo(env.collect('out'));
    expect(hasCheckpointsOrFailures(modelOf(env.execute()))).toBe(false);
  });
});

describe('barrier hops', () => {
  const result = union();
  const model = modelOf(result);
  const all = steps(model, result);

  it('are steps of their own, one per operator input, in trace order', () => {
    expect(all.map((s) => stepNumber(model, result.graph, s))).toEqual(all.map((_, i) => i + 1));
    const first = all.findIndex((s) => s.kind === 'barrier');
    const hops = all.slice(first, first + 6);
    expect(hops.map((s) => [s.kind, s.time])).toEqual([
      ['barrier', 1_000],
      ['barrier', 1_000],
      ['barrier', 1_000],
      ['barrier', 1_000],
      ['barrier', 1_000],
      ['checkpoint', 1_000],
    ]);
    expect(hops.map((s) => s.caption.replace(/\(\d+ B\)/, '(n B)'))).toEqual([
      'Checkpoint 1 begins at left: it saves how far it has read (n B) and sends a barrier downstream, between the records before the checkpoint and those after',
      'Checkpoint 1’s barrier reaches Sum on input 1 of 2: it waits for the barrier on its other input, holding back the records behind it (exactly-once)',
      'Checkpoint 1 begins at right: it saves how far it has read (n B) and sends a barrier downstream, between the records before the checkpoint and those after',
      'Checkpoint 1’s barrier reaches Sum on input 2 of 2, the last of its inputs to get it: it snapshots its state (n B) and passes the barrier on',
      'Checkpoint 1’s barrier reaches Sink: out: it pre-commits its transaction (22 rows), to commit when the checkpoint completes',
      expect.stringMatching(
        /^Checkpoint 1 completed \(.* of state\): Sink: out commits its transaction \(22 rows\)$/,
      ),
    ]);
  });

  it('move through the graph: crossed edges, an aligning operator, snapshots', () => {
    const hops = all.filter((s) => s.kind === 'barrier').slice(0, 5);
    const [left, right, sum, sink] = ['left', 'right', 'Sum', 'Sink: out'].map((n) =>
      id(result, n),
    ) as [string, string, string, string];
    const at = (i: number) => barrierView(model, result.graph, (hops[i] as Step).moment);

    const second = at(1);
    expect(second?.checkpoint).toBe(1);
    expect(second?.state).toBe('in-progress');
    expect([...(second?.crossed ?? [])]).toEqual([`${left}>${sum}:0:null`]);
    expect(second?.operators.get(sum)).toMatchObject({
      aligning: true,
      blocking: true,
      channels: 2,
      snapshot: null,
    });
    expect([...(second?.operators.get(sum)?.inputs ?? [])]).toEqual([0]);
    expect(second?.operators.get(left)?.snapshot).toBeGreaterThan(0);
    expect(second?.operators.has(right)).toBe(false);

    const fourth = at(3);
    expect(fourth?.crossed.size).toBe(2);
    expect(fourth?.operators.get(sum)).toMatchObject({ aligning: false });
    expect(fourth?.operators.get(sum)?.snapshot).toBeGreaterThan(0);
    expect(fourth?.operators.has(sink)).toBe(false);

    const done = barrierView(model, result.graph, momentAt(1_000));
    expect(done?.state).toBe('completed');
    expect(done?.crossed.size).toBe(3);
    expect(done?.operators.get(sink)?.snapshot).toBeGreaterThan(0);
    // Past the instant it completed, the barrier has left the picture.
    expect(barrierView(model, result.graph, momentAt(1_100))).toBeNull();
    expect(barrierView(model, result.graph, momentAt(900))).toBeNull();
  });
});

describe('barrier hops behind a delayed input', () => {
  /** `right` is 250 ms in flight: checkpoint 1's barrier reaches Sum on it 250 ms late. */
  function delayed(mode: CheckpointingMode) {
    return union((env) => {
      env.getCheckpointConfig().setCheckpointingMode(mode);
    }, 250);
  }

  it('say what became of the records that came while the operator aligned', () => {
    for (const mode of [CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE]) {
      const result = delayed(mode);
      const model = modelOf(result);
      const last = steps(model, result).find(
        (s) => s.kind === 'barrier' && s.caption.includes('the last of its inputs'),
      );
      expect(last?.time).toBe(1_250);
      expect(last?.caption.replace(/\(\d+ B\)/, '(n B)')).toBe(
        mode === CheckpointingMode.EXACTLY_ONCE
          ? 'Checkpoint 1’s barrier reaches Sum on input 2 of 2, the last of its inputs to get it: it snapshots its state (n B) and passes the barrier on. Then it processes the 2 records held back for 250 ms behind the earlier barrier, which belong to the next checkpoint (exactly-once)'
          : 'Checkpoint 1’s barrier reaches Sum on input 2 of 2, the last of its inputs to get it: it snapshots its state (n B) and passes the barrier on. Its snapshot already counts 2 records that came after the earlier barrier: a restart from this checkpoint processes them again (at-least-once)',
      );
    }
  });

  it('span the timeline from trigger to completion, with each alignment in words', () => {
    for (const mode of [CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE]) {
      const result = delayed(mode);
      const model = modelOf(result);
      const end = { time: Infinity, seq: Infinity };
      const first = checkpointTimeline(model, result.graph, end, 1_000).checkpoints[0];
      expect(first?.summary).toMatch(/^Checkpoint 1: completed from 1 s to 1\.25 s, /);
      expect(first?.alignments).toEqual([
        mode === CheckpointingMode.EXACTLY_ONCE
          ? 'Sum waited 250 ms for its last barrier, holding back 2 records that came behind the earlier barriers (exactly-once)'
          : 'Sum waited 250 ms for its last barrier, letting 2 records into its snapshot that a restart from it processes again (at-least-once)',
      ]);
    }
  });

  it('label the delayed edge in the graph with its time in flight', () => {
    const result = delayed(CheckpointingMode.EXACTLY_ONCE);
    const edge = result.graph.edges.find((e) => e.from === id(result, 'right'));
    expect(edge && edgeLabel(edge)).toBe('keyBy · 250 ms in flight');
  });
});

describe('a barrier on a delayed edge', () => {
  it('is in flight from its sender’s snapshot until it arrives', () => {
    const result = union(() => {}, 250);
    const model = modelOf(result);
    const right = id(result, 'right');
    const sum = id(result, 'Sum');
    const key = (e: { from: string; to: string }) => e.from === right && e.to === sum;
    const edge = result.graph.edges.find(key);
    const mark = model.checkpoints.get(1);
    const sent = mark?.snapshots.find((s) => s.op === right);
    const arrived = mark?.barriers.find((b) => b.op === sum && b.time === 1_250);
    expect(sent?.time).toBe(1_000);
    const flying = (moment: Moment) =>
      [...(barrierView(model, result.graph, moment)?.inFlight ?? [])].length;
    expect(flying({ time: 1_000, seq: (sent?.seq ?? 0) - 1 })).toBe(0);
    expect(flying({ time: 1_100, seq: Infinity })).toBe(1);
    // 100 of its 250 ms on the way.
    expect(barrierView(model, result.graph, { time: 1_100, seq: Infinity })?.inFlight).toEqual(
      new Map([[`${edge?.from}>${edge?.to}:${edge?.input}:${edge?.tag}`, 0.4]]),
    );
    expect(flying({ time: 1_250, seq: arrived?.seq ?? 0 })).toBe(0);
  });
});

describe('a point along a graph edge', () => {
  it('starts and ends at the edge’s ends and passes halfway through the middle', () => {
    expect(alongEdge(0, 10, 100, 50, 0)).toEqual({ x: 0, y: 10 });
    expect(alongEdge(0, 10, 100, 50, 1)).toEqual({ x: 100, y: 50 });
    expect(alongEdge(0, 10, 100, 50, 0.5)).toEqual({ x: 50, y: 30 });
    // It leaves level: a quarter of the way, it has moved right more than down.
    const quarter = alongEdge(0, 10, 100, 50, 0.25);
    expect(quarter.x).toBeCloseTo(29.6875);
    expect(quarter.y).toBeCloseTo(16.25);
  });
});
