import { convertJson, expectation } from './field-types';
import { findJsonSyntaxError, memberValueOffsets } from './json-locate';
import { type Schema, schemaOf } from './schema';
import {
  type ProblemAt,
  type RowFormat,
  type RowRead,
  type TextSource,
  type TextCursor,
  type TextSourceOptions,
  problemAt,
  textSource,
} from './text-source';

/** Options of {@link jsonLinesSource}. */
export type JsonLinesSourceOptions = TextSourceOptions;

/**
 * A bounded, single-partition source of JSON Lines: one JSON object per line, blank lines skipped.
 * The `timestampField` becomes the record's event time (and a number in the record); fields named in
 * `types` are checked. A bad line names its line and column, e.g.
 * `line 3, column 9: invalid JSON: unexpected "}" where a value should start`; `onError` decides
 * whether it stops the run or is skipped (and listed, with its line and column, on the run's
 * Results).
 *
 * @example
 * ```ts
 * jsonLinesSource<{ user: string; ts: number }>(
 *   '{"user":"ada","ts":1000}\n{"user":"bob","ts":"2024-01-01T00:00:02Z"}',
 *   { timestampField: 'ts' },
 * );
 * ```
 */
export function jsonLinesSource<T = Record<string, unknown>>(
  text: string,
  options: JsonLinesSourceOptions,
): TextSource<T> {
  const { name = 'json-lines' } = options;
  const schema = schemaOf(options.timestampField, options.types, options.arrivalField);
  const problem = problemAt(name, text);
  return textSource(name, options, problem, () => jsonLines(problem, text, schema));
}

/** The lines of a JSON Lines text, each read as an object with the `schema`'s fields converted. */
export function jsonLines<T>(problem: ProblemAt, text: string, schema: Schema): RowFormat<T> {
  return {
    start: { offset: text.startsWith('\uFEFF') ? 1 : 0, line: 1 },
    read(cursor: TextCursor): RowRead<T> | undefined {
      let { offset, line } = cursor;
      while (offset < text.length) {
        const newline = text.indexOf('\n', offset);
        const end = newline < 0 ? text.length : newline;
        const content = text.slice(offset, text[end - 1] === '\r' ? end - 1 : end);
        const next = { offset: end + 1, line: line + 1 };
        if (content.trim() !== '') return parseLine(problem, content, line, schema, next);
        [offset, line] = [next.offset, next.line];
      }
      return undefined;
    },
  };
}

function parseLine<T>(
  errorAt: ProblemAt,
  content: string,
  line: number,
  schema: Schema,
  next: TextCursor,
): RowRead<T> {
  const problem = (column: number, reason: string): RowRead<T> => ({
    kind: 'problem',
    error: errorAt(line, column, reason),
    next,
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    const located = findJsonSyntaxError(content);
    return located
      ? problem(located.offset + 1, located.reason)
      : problem(1, `invalid JSON: ${(error as Error).message}`);
  }
  const start = content.search(/\S/) + 1;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return problem(start, `expected a JSON object, got ${kindOf(parsed)}`);
  }
  const record = parsed as Record<string, unknown>;
  let offsets: ReadonlyMap<string, number> | undefined;
  for (const [field, type] of schema.fields) {
    if (!Object.hasOwn(record, field)) return problem(start, `missing "${field}"`);
    const converted = convertJson(record[field], type);
    if (!converted.ok) {
      offsets ??= memberValueOffsets(content);
      const column = (offsets.get(field) ?? 0) + 1;
      return problem(column, expectation(type, field, JSON.stringify(record[field])));
    }
    record[field] = converted.value;
  }
  const { timestampField, arrivalField } = schema;
  const timestamp = timestampField === undefined ? 0 : (record[timestampField] as number);
  if (arrivalField === undefined) return { kind: 'record', value: record as T, timestamp, next };
  const arrival = {
    time: record[arrivalField] as number,
    // Only a row that arrives out of order is located: most rows never need it.
    locate: () => ({ line, column: (memberValueOffsets(content).get(arrivalField) ?? 0) + 1 }),
  };
  return { kind: 'record', value: record as T, timestamp, arrival, next };
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}
