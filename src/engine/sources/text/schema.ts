/**
 * The typed fields of a text source: the timestamp field plus the declared `types`, checked once
 * when the source is created.
 */
import type { FieldType } from './field-types';

/** The fields a text source converts. */
export interface Schema {
  readonly timestampField: string;
  /** Fields to convert, in a fixed order: the timestamp field first. */
  readonly fields: readonly (readonly [field: string, type: FieldType])[];
}

/** Builds the schema, refusing a `types` entry that contradicts the timestamp field. */
export function schemaOf(
  timestampField: string,
  types: Readonly<Record<string, FieldType>> = {},
): Schema {
  if (typeof timestampField !== 'string' || timestampField === '') {
    throw new TypeError('timestampField must name the field that holds the event time.');
  }
  const declared = types[timestampField];
  if (declared !== undefined && declared !== 'timestamp') {
    throw new TypeError(
      `"${timestampField}" is the timestampField, so its type is always 'timestamp', not '${declared}'.`,
    );
  }
  const others = Object.entries(types).filter(([field]) => field !== timestampField);
  return { timestampField, fields: [[timestampField, 'timestamp'], ...others] };
}
