/**
 * The lines a program needs to read a data file, for the learner to copy into pipeline.ts
 * themselves: the page never rewrites their code.
 */
import type { FieldType } from '../../engine/sources/text/field-types';
import type { DataFormat } from './sniff-format';

const RESERVED = new Set(
  `break case catch class const continue debugger default delete do else enum export extends false
  finally for function if import in instanceof new null return super switch this throw true try
  typeof var void while with yield let static implements interface package private protected public
  await env`.split(/\s+/),
);

/** The variable a file's text is imported as: `late-readings.csv` → `lateReadings`. */
export function importName(fileName: string): string {
  const words = fileName
    .replace(/\.[^.]*$/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const camel = words
    .map(
      (word, i) =>
        (i === 0 ? word.charAt(0).toLowerCase() : word.charAt(0).toUpperCase()) + word.slice(1),
    )
    .join('');
  const name = /^[0-9]/.test(camel) ? `data${camel}` : camel || 'data';
  return RESERVED.has(name) ? `${name}Data` : name;
}

/** `import readings from './readings.csv';` */
export function importLine(fileName: string): string {
  return `import ${importName(fileName)} from './${fileName}';`;
}

/** Column names that usually hold event time, best first. */
const EVENT_TIME_NAMES = ['ts', 'timestamp', 'eventtime', 'event_time', 'time', 'at'];
const ARRIVAL_NAMES = ['arrival', 'arrivaltime', 'arrival_time', 'arrives'];

function findColumn(columns: readonly string[], names: readonly string[]): string | undefined {
  for (const name of names) {
    const found = columns.find((column) => column.toLowerCase() === name);
    if (found) return found;
  }
  return undefined;
}

/**
 * The source call reading the file: `csvSource(readings, { timestampField: 'ts', … })`, with the
 * event-time and arrival columns found by name and the number fields as `types`. `undefined` when
 * no column looks like event time (a source needs one; the learner must say which).
 */
export function sourceCall(
  fileName: string,
  format: DataFormat,
  columns: readonly string[],
  types: Readonly<Record<string, FieldType>>,
): string | undefined {
  const timestampField = findColumn(columns, EVENT_TIME_NAMES);
  if (timestampField === undefined) return undefined;
  const arrivalField = findColumn(columns, ARRIVAL_NAMES);
  const numbers = Object.keys(types).filter(
    (field) => field !== timestampField && field !== arrivalField && types[field] === 'number',
  );
  const options = [
    `timestampField: ${quote(timestampField)}`,
    ...(arrivalField ? [`arrivalField: ${quote(arrivalField)}`] : []),
    ...(numbers.length > 0
      ? [`types: { ${numbers.map((field) => `${property(field)}: 'number'`).join(', ')} }`]
      : []),
  ];
  const reader = format === 'csv' ? 'csvSource' : 'jsonLinesSource';
  return `${reader}(${importName(fileName)}, { ${options.join(', ')} })`;
}

function property(field: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(field) ? field : quote(field);
}

/** A string literal in the code's own style (single quotes). */
function quote(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}
