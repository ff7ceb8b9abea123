/**
 * Operator fusion for the untraced fast path: the loop in which a source drains the records due
 * (see `SourceOperator.arriveBatch`) is one generated function that does, inline, the per-record
 * work of every operator the records reach, as Flink chains operators into one task and as query
 * engines compile a pipeline into one loop. A record then costs the learner's own functions and a
 * few field updates, not a call and a dispatch per operator: most of a fast pipeline's time went
 * there.
 *
 * Each operator that can be fused writes its part as statements (see {@link Fusible}); the values
 * it needs (its functions, its state, its metrics) are bound as constants of the generated
 * function, so nothing is looked up per record. An operator that cannot be fused is reached
 * through its own push (`StreamOperator.pushInto`). The generated code only ever calls what was
 * bound into it: no learner text is ever written into it.
 */
import type { OperatorMetrics } from '../metrics';
import type { Millis } from '../time';
import type { JobContext } from './job-context';
import type { Edge, EdgeTarget, StreamOperator } from './operator';

/** The names of the locals holding a record's value, event time and arrival time in the generated code. */
export interface FusedRecord {
  readonly value: string;
  readonly timestamp: string;
  /**
   * Its arrival time: the processing time at which it is processed. The job's clock is only set
   * to it before code that may read the clock (see {@link FusionBuilder.setClock}).
   */
  readonly arrival: string;
}

/** An operator whose per-record work can be written into a fused loop. */
export interface Fusible {
  /**
   * Writes the statements that process `record`, arriving on `edge`, exactly as `receive` would
   * with the trace off; hands results on with {@link FusionBuilder.emit}.
   */
  fuse(code: FusionBuilder, edge: Edge, record: FusedRecord): void;
}

/** Turns what a learner's function threw into the failure to report for the record. */
export type Failure = (error: unknown, value: unknown, timestamp: Millis | undefined) => Error;

function isFusible(operator: EdgeTarget): operator is EdgeTarget & Fusible {
  return typeof (operator as Partial<Fusible>).fuse === 'function';
}

/**
 * Past this many lines, readers are reached through their own pushes instead: a graph that fans
 * out and joins again many times would otherwise repeat its downstream part over and over.
 */
const MAX_LINES = 2_000;

type Factory = (...bound: unknown[]) => unknown;

/**
 * The Function constructor as it was when the engine loaded, before any learner code ran: a
 * learner who replaces the global cannot change what the engine compiles with.
 */
const FunctionConstructor = Function;

/**
 * Generated factories by their code. The same pipeline run again gets the same factory, and so
 * pushes the JIT has already seen: a new factory per run would look like a new function at every
 * call site, which stops the JIT from inlining it.
 */
const factories = new Map<string, Factory>();
const MAX_FACTORIES = 64;

export class FusionBuilder {
  private readonly bound = new Map<unknown, string>();
  private readonly job: string;
  /** Counters kept in locals while the function runs, by the expression they add to at its end. */
  private readonly counters = new Map<string, string>();
  private readonly lines: string[] = [];
  private readonly entries: string[] = [];
  private readonly exits: string[] = [];
  private indent = '  ';
  private locals = 0;

  constructor(job: JobContext) {
    this.job = this.bind(job);
  }

  /** Sets the job's clock to the record's arrival time, for code that may read the clock. */
  setClock(record: FusedRecord): void {
    this.line(`${this.job}.arriveAt(${record.arrival});`);
  }

  /** The name under which the generated code reaches `value` (bound once, however often asked). */
  bind(value: unknown): string {
    let name = this.bound.get(value);
    if (name === undefined) {
      name = `$${this.bound.size}`;
      this.bound.set(value, name);
    }
    return name;
  }

  /** A fresh local name. */
  local(hint: string): string {
    return `${hint}${this.locals++}`;
  }

  /**
   * Counts one record in `metrics[counter]`. The count lives in a local and reaches the metrics
   * when the function returns or throws: nothing reads an operator's counters while a source
   * drains, and an increment per record on a shared object costs more than the learner's map.
   */
  count(metrics: OperatorMetrics, counter: 'recordsIn' | 'recordsOut'): void {
    const target = `${this.bind(metrics)}.${counter}`;
    let local = this.counters.get(target);
    if (local === undefined) {
      local = this.local('count');
      this.counters.set(target, local);
    }
    this.line(`${local}++;`);
  }

  /** Adds a statement to run first, outside the body's `try`: its locals are seen by {@link onExit}. */
  onEntry(statement: string): void {
    this.entries.push(statement);
  }

  /** Adds a statement to run when the function returns or throws, after the counters are added. */
  onExit(statement: string): void {
    this.exits.push(statement);
  }

  /** Adds a statement. */
  line(statement: string): void {
    this.lines.push(this.indent + statement);
  }

  /** Adds `head {`, the statements `body` writes, and `}`. */
  block(head: string, body: () => void): void {
    this.line(`${head} {`);
    const outer = this.indent;
    this.indent += '  ';
    body();
    this.indent = outer;
    this.line('}');
  }

  /**
   * `call` (an expression calling a learner's function) assigned to a new local, with a failure
   * reported by `fail(error, value, timestamp)` for the record whose value is `input`; returns the
   * local's name.
   */
  guarded(hint: string, call: string, fail: Failure, input: string, record: FusedRecord): string {
    const result = this.local(hint);
    this.line(`let ${result};`);
    this.attempt(() => this.line(`${result} = ${call};`), fail, input, record);
    return result;
  }

  /** The statements `body` writes, with a failure reported as {@link guarded} reports it. */
  attempt(body: () => void, fail: Failure, input: string, record: FusedRecord): void {
    this.block('try', body);
    this.line(`catch (e) { throw ${this.bind(fail)}(e, ${input}, ${record.timestamp}); }`);
  }

  /** Hands a record on from `operator`'s main output: counts it out, then reaches each reader. */
  emit(operator: StreamOperator, record: FusedRecord): void {
    this.count(operator.metrics, 'recordsOut');
    for (const edge of operator.output.edges) this.reach(edge, record);
  }

  /** Reaches the reader of `edge` with the record: its fused code, or a call to its push. */
  reach(edge: Edge, record: FusedRecord): void {
    const target = edge.target;
    if (isFusible(target) && this.lines.length < MAX_LINES) {
      target.fuse(this, edge, record);
    } else {
      this.setClock(record);
      this.line(`${this.bind(target.pushInto(edge))}(${record.value}, ${record.timestamp});`);
    }
  }

  /**
   * The function whose parameters are `params` and whose body is the statements written. It can
   * only be made where the host allows code generation (see {@link canGenerateCode}).
   */
  compile<F>(params: string): F {
    const names = [...this.bound.values()];
    const counts = [...this.counters];
    const body = [
      `return function fused(${params}) {`,
      ...counts.map(([, local]) => `  let ${local} = 0;`),
      ...this.entries.map((statement) => `  ${statement}`),
      '  try {',
      ...this.lines.map((line) => `  ${line}`),
      '  } finally {',
      ...counts.map(([target, local]) => `    ${target} += ${local};`),
      ...this.exits.map((statement) => `    ${statement}`),
      '  }',
      '};',
    ].join('\n');
    const key = `${names.join(',')}\n${body}`;
    let factory = factories.get(key);
    if (factory === undefined) {
      // Code generation is this module's purpose; see the module comment.
      factory = new FunctionConstructor(...names, body) as Factory;
      if (factories.size >= MAX_FACTORIES) factories.clear();
      factories.set(key, factory);
    }
    return factory(...this.bound.keys()) as F;
  }
}

let generates: boolean | undefined;

/**
 * True where the host lets code be generated at run time. Where it does not (a page whose CSP
 * forbids `unsafe-eval`), the job processes records one by one, as it does with the trace on.
 */
export function canGenerateCode(): boolean {
  if (generates === undefined) {
    try {
      // A probe, with no code in it.
      generates = typeof new FunctionConstructor('return 1') === 'function';
    } catch {
      generates = false;
    }
  }
  return generates;
}
