/**
 * Which fields of a data file hold numbers, guessed from the file itself, so that the verdict
 * before adding it can say "line 7, column 12: expected a number in "celsius", got "abc"" — the
 * row a run with `types: { celsius: 'number' }` would stop at — and not only broken syntax.
 */
import { convertJson, convertText, type FieldType } from '../../engine/sources/text/field-types';
import type { DataFormat } from './sniff-format';
import { readCsvTable } from './csv-table';

/**
 * A field is a number when most of its values (more than half of those not empty, and at least
 * two) are: one stray word among numbers is a bad row, not a column of words.
 */
export function guessTypes(text: string, format: DataFormat): Record<string, FieldType> {
  const samples = format === 'csv' ? csvSamples(text) : jsonSamples(text);
  const types: Record<string, FieldType> = {};
  for (const [field, values] of samples) {
    const numbers = values.filter((value) =>
      format === 'csv'
        ? convertText(value as string, 'number').ok
        : convertJson(value, 'number').ok,
    ).length;
    if (numbers >= 2 && numbers > values.length / 2) types[field] = 'number';
  }
  return types;
}

function csvSamples(text: string): Map<string, unknown[]> {
  const samples = new Map<string, unknown[]>();
  const read = readCsvTable(text);
  if (!read.ok) return samples;
  const { columns, rows } = read.table;
  columns.forEach((column, i) => {
    const values = rows.map((row) => row[i] ?? '').filter((value) => value.trim() !== '');
    samples.set(column, values);
  });
  return samples;
}

function jsonSamples(text: string): Map<string, unknown[]> {
  const samples = new Map<string, unknown[]>();
  for (const line of text.split(/\r\n|\r|\n/)) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    for (const [field, fieldValue] of Object.entries(value)) {
      if (fieldValue === null || fieldValue === undefined) continue;
      const values = samples.get(field) ?? [];
      values.push(fieldValue);
      samples.set(field, values);
    }
  }
  return samples;
}
