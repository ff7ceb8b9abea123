/**
 * A chain of stateless operators (`map`, `filter`, `flatMap`) fused into one function, as Flink
 * chains operators: a record passes through every step in one call, with no record objects or
 * dispatch in between. Only the value changes from step to step; the record's timestamp, origin and
 * id wait in fields until the last step emits.
 */
import { UserFunctionError, isOperatorFailure } from '../errors';
import type { WindowOrigin } from '../records';
import { StreamOperator } from '../runtime/operator';
import type { Edge } from '../runtime/operator';
import { RecordBatch } from '../runtime/record-batch';
import { summarize } from '../summarize';
import type { Millis } from '../time';

/** One step of a chain. */
export type StatelessStep =
  | { readonly kind: 'map'; readonly name: string; readonly fn: (value: unknown) => unknown }
  | { readonly kind: 'filter'; readonly name: string; readonly fn: (value: unknown) => unknown }
  | {
      readonly kind: 'flatMap';
      readonly name: string;
      readonly fn: (value: unknown) => Iterable<unknown>;
    };

type Stage = (value: unknown) => void;

export class ChainOperator extends StreamOperator {
  /** The names of the fused steps, in order. */
  readonly steps: readonly string[];
  private readonly head: Stage;
  /** The same steps, ending in {@link batch} instead of the output (see {@link receiveBatch}). */
  private readonly batchHead: Stage;
  private readonly batch = new RecordBatch();
  /** For each record of {@link batch}, the index of the input record it came from. */
  private readonly inputOf: number[] = [];
  /** The record going through the chain, but for its value. */
  private timestamp: Millis | undefined;
  private origin: WindowOrigin | undefined;
  private recordId = 0;
  private arrival: Millis = 0;
  /** Index of the record going through the chain in its batch. */
  private index = 0;

  constructor(id: string, name: string, steps: readonly StatelessStep[]) {
    super(id, name, 'chain', [undefined]);
    this.steps = steps.map((step) => step.name);
    this.head = this.stages(steps, (value) => this.emitValue(value));
    this.batchHead = this.stages(steps, (value) => {
      this.inputOf[this.batch.length] = this.index;
      this.batch.push(value, this.timestamp, this.arrival);
    });
  }

  override get batchSafe(): boolean {
    return true;
  }

  /** Runs each record of the batch through every step, then hands on what came out as a batch. */
  override receiveBatch(_edge: Edge, input: RecordBatch): void {
    const { values, timestamps, arrivals } = input;
    const head = this.batchHead;
    const counted = this.metrics.recordsIn;
    try {
      for (let i = 0; i < input.length; i++) {
        this.metrics.recordsIn++;
        this.index = i;
        this.timestamp = timestamps[i];
        this.arrival = arrivals[i] as Millis;
        head(values[i]);
      }
    } catch (error) {
      this.batchFailedAt = this.index;
      this.handOnOrFail(counted, () => this.handOnBeforeFailure(this.batch, this.arrival));
      throw error;
    }
    this.handOnOrFail(counted, () => this.handOn(this.batch));
  }

  /**
   * Runs `handOn`; when a record handed on fails downstream, counts (and reports as failed) the
   * input records only as far as the one it came from, as one by one.
   */
  private handOnOrFail(counted: number, handOn: () => void): void {
    try {
      handOn();
    } catch (error) {
      const failed = this.inputOf[this.outputFailedAt] as number;
      this.metrics.recordsIn = counted + failed + 1;
      this.batchFailedAt = failed;
      throw error;
    }
  }

  protected processElement(
    _gate: number,
    value: unknown,
    timestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
    id: number,
  ): void {
    this.timestamp = timestamp;
    this.origin = origin;
    this.recordId = id;
    this.head(value);
  }

  private emitValue(value: unknown): void {
    const lineage = this.job.trace === null ? undefined : [this.recordId];
    this.output.emit(value, this.timestamp, lineage, this.origin);
  }

  private stages(steps: readonly StatelessStep[], last: Stage): Stage {
    let next = last;
    for (let i = steps.length - 1; i >= 0; i--) next = this.stage(steps[i] as StatelessStep, next);
    return next;
  }

  private stage(step: StatelessStep, next: Stage): Stage {
    switch (step.kind) {
      case 'map': {
        const fn = step.fn;
        return (value) => {
          let result: unknown;
          try {
            result = fn(value);
          } catch (error) {
            throw this.stepError(step, error, value);
          }
          next(result);
        };
      }
      case 'filter': {
        const fn = step.fn;
        return (value) => {
          let keep: unknown;
          try {
            keep = fn(value);
          } catch (error) {
            throw this.stepError(step, error, value);
          }
          if (keep) next(value);
        };
      }
      case 'flatMap': {
        const fn = step.fn;
        return (value) => {
          let items: readonly unknown[];
          try {
            const result = fn(value);
            items = Array.isArray(result) ? result : this.iterate(step, result);
          } catch (error) {
            throw this.stepError(step, error, value);
          }
          for (let i = 0; i < items.length; i++) next(items[i]);
        };
      }
    }
  }

  private iterate(step: StatelessStep, result: unknown): unknown[] {
    if (result === null || typeof result !== 'object' || !(Symbol.iterator in result)) {
      throw new TypeError(
        `${step.name} must return an array (or another iterable) of results, got ` +
          `${summarize(result, 40)}. Return [] to emit nothing.`,
      );
    }
    return [...(result as Iterable<unknown>)];
  }

  private stepError(step: StatelessStep, error: unknown, value: unknown): Error {
    if (isOperatorFailure(error)) return error;
    return new UserFunctionError(
      {
        operatorId: this.id,
        operatorName: step.name,
        record: { value, timestamp: this.timestamp },
      },
      error,
    );
  }
}
