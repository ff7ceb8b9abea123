/**
 * Conformance of watermark generation and propagation with Flink's `BoundedOutOfOrdernessWatermarks`,
 * `WatermarksWithIdleness` (and its `IdlenessTimer`), `WatermarkStrategy`, the source's
 * `WatermarkOutputMultiplexer` / `StatusWatermarkValve`, and the "Generating Watermarks" docs page.
 */
import { describe, expect, it } from 'vitest';
import {
  BoundedOutOfOrdernessWatermarks,
  MIN_WATERMARK,
  StreamExecutionEnvironment,
  WatermarkStrategy,
} from '../../src/engine/index';
import type { Millis, SourceEvent, WatermarkOutput } from '../../src/engine/index';
import type { Reading } from './support';
import { bare, r, source, values, WatermarkProbe } from './support';

const MIN = String(MIN_WATERMARK);
const byTs = (bound: number): WatermarkStrategy<Reading> =>
  WatermarkStrategy.forBoundedOutOfOrderness<Reading>(bound).withTimestampAssigner((e) => e.ts);
const show = (e: Reading): string => `${e.k}${e.ts}`;

/** Runs the partitions through `strategy` into a watermark probe. */
function probe(
  partitions: SourceEvent<Reading>[][],
  strategy: WatermarkStrategy<Reading>,
  interval?: Millis,
): string[] {
  const env = StreamExecutionEnvironment.create(
    interval === undefined ? {} : { autoWatermarkInterval: interval },
  );
  env
    .fromSource(source(partitions), strategy)
    .process(new WatermarkProbe(show))
    .sinkTo(env.collect('out'));
  return values<string>(env.execute());
}

describe('BoundedOutOfOrdernessWatermarks', () => {
  // onEvent: maxTimestamp = max(maxTimestamp, eventTimestamp); onPeriodicEmit: emitWatermark(
  // maxTimestamp - outOfOrdernessMillis - 1); the constructor starts maxTimestamp at
  // Long.MIN_VALUE + outOfOrdernessMillis + 1, so the first watermark is Long.MIN_VALUE.
  it('emits max − bound − 1 on each periodic emit, the minimum before any record', () => {
    const emitted: number[] = [];
    const output: WatermarkOutput = {
      emitWatermark: (w) => emitted.push(w),
      markIdle: () => {},
      markActive: () => {},
    };
    const generator = new BoundedOutOfOrdernessWatermarks<number>(100);
    generator.onPeriodicEmit(output);
    generator.onEvent(0, 1_000);
    generator.onEvent(0, 500);
    generator.onPeriodicEmit(output);
    expect(emitted).toEqual([MIN_WATERMARK, 899]);
  });

  it('advances only on the periodic interval (200 ms of processing time by default)', () => {
    // ExecutionConfig.autoWatermarkInterval defaults to 200 ms; watermarks are not emitted per record.
    const seen = probe(
      [[bare(r('a', 1_000), 0), bare(r('a', 1_500), 150), bare(r('a', 0), 250)]],
      byTs(100),
    );
    expect(seen).toEqual([`a1000@${MIN}`, `a1500@${MIN}`, 'a0@1399']);
  });

  it('follows the configured auto-watermark interval', () => {
    const seen = probe(
      [[bare(r('a', 1_000), 0), bare(r('a', 1_500), 150), bare(r('a', 0), 250)]],
      byTs(100),
      100,
    );
    expect(seen).toEqual([`a1000@${MIN}`, 'a1500@899', 'a0@1399']);
  });

  it('never lowers the watermark when out-of-order records arrive', () => {
    const seen = probe(
      [[bare(r('a', 1_000), 0), bare(r('a', 10), 300), bare(r('a', 20), 500)]],
      byTs(0),
    );
    expect(seen).toEqual([`a1000@${MIN}`, 'a10@999', 'a20@999']);
  });

  it('forMonotonousTimestamps is max − 1', () => {
    // AscendingTimestampsWatermarks extends BoundedOutOfOrdernessWatermarks with Duration.ZERO.
    const seen = probe(
      [[bare(r('a', 1_000), 0), bare(r('a', 1_001), 300)]],
      WatermarkStrategy.forMonotonousTimestamps<Reading>().withTimestampAssigner((e) => e.ts),
    );
    expect(seen).toEqual([`a1000@${MIN}`, 'a1001@999']);
  });

  it('ignores a lower watermark from a custom generator', () => {
    // WatermarkToDataOutput.emitWatermark: if (newWatermark <= maxWatermarkSoFar) return.
    const punctuated = WatermarkStrategy.forGenerator<Reading>(() => ({
      onEvent: (_e: Reading, ts: Millis, out: WatermarkOutput) => out.emitWatermark(ts),
      onPeriodicEmit: () => {},
    })).withTimestampAssigner((e) => e.ts);
    const seen = probe(
      [[bare(r('a', 10), 0), bare(r('a', 5), 10), bare(r('a', 20), 20), bare(r('a', 0), 30)]],
      punctuated,
    );
    expect(seen).toEqual([`a10@${MIN}`, 'a5@10', 'a20@10', 'a0@20']);
  });
});

describe('several inputs take the minimum', () => {
  it('a source with two partitions uses the lower partition watermark', () => {
    // (A finished partition no longer holds the watermark back, so both stay open until 400.)
    // Each split has its own generator; WatermarkOutputMultiplexer combines them by minimum.
    const seen = probe(
      [
        [bare(r('p', 5_000), 0), bare(r('p', 0), 300)],
        [bare(r('q', 1_000), 0), bare(r('q', 0), 400)],
      ],
      byTs(100),
    );
    expect(seen).toEqual([`p5000@${MIN}`, `q1000@${MIN}`, 'p0@899', 'q0@899']);
  });

  it('union: an operator after a union uses the minimum of both inputs', () => {
    // StatusWatermarkValve.findAndOutputNewMinWatermarkAcrossAlignedChannels.
    const env = StreamExecutionEnvironment.create();
    const a = env.fromSource(
      source([[bare(r('a', 5_000), 0), bare(r('a', 0), 300)]], 'a'),
      byTs(100),
    );
    const b = env.fromSource(
      source([[bare(r('b', 1_000), 0), bare(r('b', 0), 5_000)]], 'b'),
      byTs(100),
    );
    a.union(b).process(new WatermarkProbe(show)).sinkTo(env.collect('out'));
    expect(values(env.execute())).toEqual([`a5000@${MIN}`, `b1000@${MIN}`, 'a0@899', 'b0@899']);
  });
});

describe('idleness', () => {
  // WatermarksWithIdleness.onPeriodicEmit: if (idlenessTimer.checkIfIdle()) output.markIdle().
  // IdlenessTimer.checkIfIdle: activity since the last check → reset, not idle; first check with
  // no activity → startOfInactivity = now, not idle; later → now − startOfInactivity > maxIdleTime.
  function partitions(): SourceEvent<Reading>[][] {
    const busy = Array.from({ length: 19 }, (_, i) => bare(r('p', i * 1_000), i * 100));
    // q sends one record, then stays open (a finished split would no longer hold anything back).
    return [busy, [bare(r('q', 0), 100), bare(r('q', 0), 5_000)]];
  }

  it('goes idle at the first check more than the timeout after the first quiet check', () => {
    // Partition q: activity seen at the check at 200, quiet from the check at 400, idle at the
    // check at 1600 (1600 − 400 > 1000); then the source's watermark is partition p's alone.
    const seen = probe(partitions(), byTs(0).withIdleness(1_000));
    const at = (ts: number): string | undefined => seen.find((s) => s.startsWith(`p${ts}@`));
    expect(at(15_000)).toBe('p15000@-1');
    expect(at(17_000)).toBe('p17000@15999');
  });

  it('holds the watermark back forever without idleness', () => {
    const seen = probe(partitions(), byTs(0));
    expect(seen.filter((s) => s.startsWith('p')).at(-1)).toBe('p18000@-1');
  });
});
