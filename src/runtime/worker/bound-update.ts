/**
 * The parts of an update, and of a failure, cut to what the page can show (see `bounded.ts`):
 * sink rows, trace events, printed lines, the number of sinks, the failure's message and stack.
 */
import type {
  CollectedRecord,
  JobGraph,
  JobMetrics,
  OperatorWatermarks,
  TraceEvent,
} from 'streamlab';
import type { RunFailure, SentRecord } from './api';
import {
  boundLabel,
  boundLines,
  boundValue,
  LABEL_CHARS,
  MAX_SECTIONS,
  MESSAGE_CHARS,
  SPENT_VALUE_CHARS,
  UPDATE_VALUE_CHARS,
  VALUE_CHARS,
} from './bounded';

/** Lines of a failure's stack shown: the learner's frames are near the top. */
const STACK_LINES = 40;
const MESSAGE_LINES = 20;
/**
 * Operators the page is sent: their place in the graph, their trace, counters and watermarks. A
 * lesson's pipeline has a handful, a big one a few dozen; ten thousand (a sink made in a loop)
 * would take the page seconds to receive, lay out and chart, and no one could read them.
 */
export const MAX_OPERATORS = 100;
/** Rows of one update, sharing one budget of value text. */
export class RowBudget {
  #left = UPDATE_VALUE_CHARS;

  /** A row ready to send: its value (and key) bounded, with a note when something was cut. */
  row<R extends CollectedRecord>(row: R): R & SentRecord {
    const max = this.#left > 0 ? VALUE_CHARS : SPENT_VALUE_CHARS;
    const { value, size, cut } = boundValue(row.value, max);
    this.#left -= size;
    const key = row.key;
    const bigKey = typeof key === 'string' && key.length > LABEL_CHARS;
    if (cut === undefined && value === row.value && !bigKey) return row;
    return {
      ...row,
      value,
      ...(bigKey ? { key: boundLabel(key) } : {}),
      ...(cut === undefined ? {} : { cut }),
    };
  }

  rows<R extends CollectedRecord>(rows: readonly R[]): (R & SentRecord)[] {
    return rows.map((row) => this.row(row));
  }
}

/** The first {@link MAX_SECTIONS} entries of a record of sinks (they are few, as a rule). */
export function firstSections<T>(lists: Readonly<Record<string, T>>): [string, T][] {
  const out: [string, T][] = [];
  for (const name in lists) {
    if (out.length >= MAX_SECTIONS) break;
    if (Object.hasOwn(lists, name)) out.push([name, lists[name]!]);
  }
  return out;
}

/**
 * A trace event with its long strings cut (a key, a state's name, a window result's field). The
 * engine's value summaries are short already; keys and names are the learner's, whole.
 */
export function boundTraceEvent(event: TraceEvent): TraceEvent {
  let copy: Record<string, unknown> | undefined;
  for (const [name, field] of Object.entries(event)) {
    let bounded: unknown = field;
    if (typeof field === 'string' && field.length > LABEL_CHARS) bounded = boundLabel(field);
    else if (name === 'field' && typeof field === 'object' && field !== null) {
      const { name: fieldName, value } = field as { name: string; value: unknown };
      if (
        fieldName.length > LABEL_CHARS ||
        (typeof value === 'string' && value.length > LABEL_CHARS)
      ) {
        bounded = {
          name: boundLabel(fieldName),
          value: typeof value === 'string' ? boundLabel(value) : value,
        };
      }
    }
    if (bounded !== field) (copy ??= { ...event })[name] = bounded;
  }
  return (copy as TraceEvent | undefined) ?? event;
}

/**
 * The operators of a job the page is sent: the first {@link MAX_OPERATORS} in the graph's order,
 * with the connections between them. The graph lists operators in the order the program made
 * them, and a program can only read a stream it made before, so the first ones are whole
 * pipelines from their sources: every operator shown has its inputs shown too.
 */
export class ShownOperators {
  /** The graph as sent: all of it, or its first {@link MAX_OPERATORS} operators. */
  readonly graph: JobGraph;
  /** How many operators the job has, shown or not. */
  readonly total: number;
  /** Operators left out; empty for any graph that fits. */
  readonly #hidden: ReadonlySet<string>;

  constructor(graph: JobGraph) {
    this.total = graph.operators.length;
    if (this.total <= MAX_OPERATORS) {
      this.graph = graph;
      this.#hidden = new Set();
      return;
    }
    const operators = graph.operators.slice(0, MAX_OPERATORS);
    const shown = new Set(operators.map((op) => op.id));
    this.#hidden = new Set(graph.operators.slice(MAX_OPERATORS).map((op) => op.id));
    const edges = graph.edges.filter((edge) => shown.has(edge.from) && shown.has(edge.to));
    this.graph = { operators, edges };
  }

  /** False for an event of an operator left out; events of the job itself (its end) are kept. */
  shows(event: TraceEvent): boolean {
    return !this.#hidden.has(event.op);
  }

  /** Counters of the operators shown, and the run's own. */
  metrics(metrics: JobMetrics): JobMetrics {
    if (this.#hidden.size === 0) return metrics;
    const operators: Record<string, JobMetrics['operators'][string]> = Object.create(
      null,
    ) as Record<string, JobMetrics['operators'][string]>;
    for (const op of this.graph.operators) {
      const counters = Object.hasOwn(metrics.operators, op.id)
        ? metrics.operators[op.id]
        : undefined;
      if (counters !== undefined) operators[op.id] = counters;
    }
    return { ...metrics, operators };
  }

  watermarks(watermarks: readonly OperatorWatermarks[]): readonly OperatorWatermarks[] {
    if (this.#hidden.size === 0) return watermarks;
    return watermarks.filter((w) => !this.#hidden.has(w.operator));
  }
}

/** A failure as the banner may show it: message and stack cut, with a note of their size. */
export function boundFailure(failure: RunFailure): RunFailure {
  const { message, stack, record, operator, file } = failure;
  return {
    ...failure,
    message: boundLines(message, MESSAGE_CHARS, MESSAGE_LINES, 'message'),
    ...(stack === undefined ? {} : { stack: boundLines(stack, LABEL_CHARS, STACK_LINES, 'stack') }),
    ...(record === undefined ? {} : { record: { ...record, value: boundLabel(record.value) } }),
    ...(operator === undefined ? {} : { operator: boundLabel(operator) }),
    ...(file === undefined ? {} : { file: boundLabel(file) }),
  };
}
