/**
 * The interval join, as Flink's `KeyedStream.intervalJoin`: pairs elements of two keyed streams with
 * the same key whose timestamps satisfy `left.ts + lower ≤ right.ts ≤ left.ts + upper` (both bounds
 * inclusive unless made exclusive). Event time only.
 *
 * @example
 * ```ts
 * orange.keyBy((o) => o.key)
 *   .intervalJoin(green.keyBy((g) => g.key))
 *   .between(Time.milliseconds(-2), Time.milliseconds(1))
 *   .process({ processElement: (l, r, ctx, out) => out.collect(`${l},${r}`) });
 * ```
 */
import { PipelineDefinitionError } from '../errors';
import type { ProcessJoinFunction } from '../functions/join-functions';
import type { OutputTag } from '../output-tag';
import type { Key } from '../records';
import type { Millis } from '../time';
import type { KeyedStream, SingleOutputStreamOperator } from './data-stream';
import { combineTime } from './graph';
import { requireEventTime } from './time-checks';

/**
 * A join of two keyed streams on their key and on time, as Flink's interval join: made by
 * {@link KeyedStream.intervalJoin}, bounded with {@link IntervalJoin.between}. It needs event time
 * on both streams.
 *
 * @example
 * ```ts
 * // Each click paired with the same user's impressions from the 10 s before it.
 * clicks
 *   .keyBy((c) => c.user)
 *   .intervalJoin(impressions.keyBy((i) => i.user))
 *   .between(-Time.seconds(10), 0)
 *   .process({
 *     processElement(click, impression, ctx, out) {
 *       out.collect(`${click.user} saw ${impression.ad} before clicking`);
 *     },
 *   });
 * ```
 */
export class IntervalJoin<L, R, K extends Key> {
  /** @internal */
  constructor(
    private readonly left: KeyedStream<L, K>,
    private readonly right: KeyedStream<R, K>,
  ) {}

  /** Joins right elements from `lower` to `upper` milliseconds relative to each left element. */
  between(lower: Millis, upper: Millis): IntervalJoined<L, R, K> {
    if (!Number.isSafeInteger(lower) || !Number.isSafeInteger(upper)) {
      throw new PipelineDefinitionError(
        `between(lower, upper) needs whole numbers of milliseconds, got ${lower} and ${upper}.`,
      );
    }
    if (lower > upper) {
      throw new PipelineDefinitionError(
        `between(${lower}, ${upper}): the lower bound must not be above the upper bound.`,
      );
    }
    requireEventTime(this.left.time, 'An interval join', '');
    requireEventTime(this.right.time, 'An interval join', '');
    return new IntervalJoined(this.left, this.right, lower, upper);
  }
}

/**
 * An interval join with its bounds set: make the bounds exclusive or send late elements to a side
 * output if needed, then compute the pairs' results with `process`.
 */
export class IntervalJoined<L, R, K extends Key> {
  private lowerInclusive = true;
  private upperInclusive = true;
  private leftLateTag: OutputTag<L> | undefined;
  private rightLateTag: OutputTag<R> | undefined;

  /** @internal */
  constructor(
    private readonly left: KeyedStream<L, K>,
    private readonly right: KeyedStream<R, K>,
    private readonly lower: Millis,
    private readonly upper: Millis,
  ) {}

  /** Excludes the lower bound: `left.ts + lower < right.ts`. */
  lowerBoundExclusive(): this {
    this.lowerInclusive = false;
    return this;
  }

  /** Excludes the upper bound: `right.ts < left.ts + upper`. */
  upperBoundExclusive(): this {
    this.upperInclusive = false;
    return this;
  }

  /** Sends left elements that arrive behind the watermark to `tag` instead of dropping them. */
  sideOutputLeftLateData(tag: OutputTag<L>): this {
    this.leftLateTag = tag;
    return this;
  }

  /** Sends right elements that arrive behind the watermark to `tag` instead of dropping them. */
  sideOutputRightLateData(tag: OutputTag<R>): this {
    this.rightLateTag = tag;
    return this;
  }

  /** Computes the result of each matching pair. */
  process<O>(fn: ProcessJoinFunction<L, R, O>): SingleOutputStreamOperator<O> {
    if (typeof (fn as { processElement?: unknown })?.processElement !== 'function') {
      throw new PipelineDefinitionError(
        'process needs a ProcessJoinFunction: { processElement(left, right, ctx, out) { ... } }.',
      );
    }
    // As Flink's IntervalJoinOperator: `between` checked lower ≤ upper before the exclusive
    // bounds shift them, so (0, 0) exclusive is accepted and simply joins nothing.
    const lower = this.lowerInclusive ? this.lower : this.lower + 1;
    const upper = this.upperInclusive ? this.upper : this.upper - 1;
    return this.left.addNode<O>(
      {
        kind: 'interval-join',
        spec: {
          lower,
          upper,
          fn: fn as ProcessJoinFunction<unknown, unknown, unknown>,
          leftLateTag: this.leftLateTag as OutputTag<unknown> | undefined,
          rightLateTag: this.rightLateTag as OutputTag<unknown> | undefined,
        },
      },
      `IntervalJoin(${lower}, ${upper})`,
      [this.left.ports, this.right.ports],
      [this.left.selector(), this.right.selector()],
      combineTime([this.left.time, this.right.time]),
    );
  }
}
