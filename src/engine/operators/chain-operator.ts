/**
 * A chain of stateless operators (`map`, `filter`, `flatMap`) fused into one function, as Flink
 * chains operators: a record passes through every step in one call, with no record objects or
 * dispatch in between. Only the value changes from step to step; the record's timestamp, origin and
 * id wait in fields until the last step emits.
 */
import { UserFunctionError, isOperatorFailure } from '../errors';
import type { WindowOrigin } from '../records';
import { StreamOperator } from '../runtime/operator';
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
  /** The record going through the chain, but for its value. */
  private timestamp: Millis | undefined;
  private origin: WindowOrigin | undefined;
  private recordId = 0;

  constructor(id: string, name: string, steps: readonly StatelessStep[]) {
    super(id, name, 'chain', [undefined]);
    this.steps = steps.map((step) => step.name);
    let next: Stage = (value) => this.emitValue(value);
    for (let i = steps.length - 1; i >= 0; i--) next = this.stage(steps[i] as StatelessStep, next);
    this.head = next;
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
