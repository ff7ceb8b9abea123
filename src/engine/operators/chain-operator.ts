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
import type { Failure, Fusible, FusedRecord, FusionBuilder } from '../runtime/fusion';
import { requireSynchronous } from '../functions/synchronous';
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

export class ChainOperator extends StreamOperator implements Fusible {
  /** The names of the fused steps, in order. */
  readonly steps: readonly string[];
  private readonly definitions: readonly StatelessStep[];
  private readonly head: Stage;
  /** The record going through the chain, but for its value. */
  private timestamp: Millis | undefined;
  private origin: WindowOrigin | undefined;
  private recordId = 0;

  constructor(id: string, name: string, steps: readonly StatelessStep[]) {
    super(id, name, 'chain', [undefined]);
    this.steps = steps.map((step) => step.name);
    this.definitions = steps;
    this.head = this.stages(steps, (value) => this.emitValue(value));
  }

  override get batchSafe(): boolean {
    return true;
  }

  /** Writes the steps into a fused loop: each step's result is a local, each filter an `if`. */
  fuse(code: FusionBuilder, _edge: Edge, record: FusedRecord): void {
    code.count(this.metrics, 'recordsIn');
    this.fuseFrom(0, code, record);
  }

  private fuseFrom(index: number, code: FusionBuilder, record: FusedRecord): void {
    const step = this.definitions[index];
    if (step === undefined) {
      code.emit(this, record);
      return;
    }
    const fail: Failure = (error, value, timestamp) =>
      this.stepError(step, error, value, timestamp);
    const what = `The function given to ${step.kind}(...)`;
    const sync = (result: unknown) => requireSynchronous(result, what);
    const call = `${code.bind(sync)}(${code.bind(step.fn)}(${record.value}))`;
    switch (step.kind) {
      case 'map': {
        const value = code.guarded('v', call, fail, record.value, record);
        this.fuseFrom(index + 1, code, { ...record, value });
        break;
      }
      case 'filter': {
        const keep = code.guarded('keep', call, fail, record.value, record);
        code.block(`if (${keep})`, () => this.fuseFrom(index + 1, code, record));
        break;
      }
      case 'flatMap': {
        const items = code.guarded(
          'items',
          `${code.bind((result: unknown) => this.itemsOf(step, result))}(${call})`,
          fail,
          record.value,
          record,
        );
        const i = code.local('i');
        code.block(`for (let ${i} = 0; ${i} < ${items}.length; ${i}++)`, () => {
          const value = code.local('v');
          code.line(`const ${value} = ${items}[${i}];`);
          this.fuseFrom(index + 1, code, { ...record, value });
        });
        break;
      }
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
        const what = 'The function given to map(...)';
        return (value) => {
          let result: unknown;
          try {
            result = requireSynchronous(fn(value), what);
          } catch (error) {
            throw this.stepError(step, error, value, this.timestamp);
          }
          next(result);
        };
      }
      case 'filter': {
        const fn = step.fn;
        const what = 'The function given to filter(...)';
        return (value) => {
          let keep: unknown;
          try {
            keep = requireSynchronous(fn(value), what);
          } catch (error) {
            throw this.stepError(step, error, value, this.timestamp);
          }
          if (keep) next(value);
        };
      }
      case 'flatMap': {
        const fn = step.fn;
        return (value) => {
          let items: readonly unknown[];
          try {
            items = this.itemsOf(step, fn(value));
          } catch (error) {
            throw this.stepError(step, error, value, this.timestamp);
          }
          for (let i = 0; i < items.length; i++) next(items[i]);
        };
      }
    }
  }

  /** A flatMap's results as an array; fails when it returned something that is not iterable. */
  private itemsOf(step: StatelessStep, result: unknown): readonly unknown[] {
    if (Array.isArray(result)) return result;
    requireSynchronous(result, 'The function given to flatMap(...)');
    if (result === null || typeof result !== 'object' || !(Symbol.iterator in result)) {
      throw new TypeError(
        `${step.name} must return an array (or another iterable) of results, got ` +
          `${summarize(result, 40)}. Return [] to emit nothing.`,
      );
    }
    return [...(result as Iterable<unknown>)];
  }

  private stepError(
    step: StatelessStep,
    error: unknown,
    value: unknown,
    timestamp: Millis | undefined,
  ): Error {
    if (isOperatorFailure(error)) return error;
    return new UserFunctionError(
      {
        operatorId: this.id,
        operatorName: step.name,
        record: { value, timestamp },
      },
      error,
    );
  }
}
