/**
 * The typed fields of a text source: the timestamp field, the arrival field if there is one, and
 * the declared `types`, checked once when the source is created.
 */
import type { FieldType } from './field-types';

/** The fields a text source converts. */
export interface Schema {
  /** The event-time field; `undefined` only when a text is described rather than read as a source. */
  readonly timestampField: string | undefined;
  /** The field holding each row's arrival time, when rows say when they arrive. */
  readonly arrivalField: string | undefined;
  /** Fields to convert, in a fixed order: the timestamp field first, then the arrival field. */
  readonly fields: readonly (readonly [field: string, type: FieldType])[];
}

/** Builds the schema, refusing a `types` entry that contradicts the timestamp or arrival field. */
export function schemaOf(
  timestampField: string,
  types: Readonly<Record<string, FieldType>> = {},
  arrivalField?: string,
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
  if (arrivalField === undefined) return typedSchema(timestampField, undefined, types);
  if (typeof arrivalField !== 'string' || arrivalField === '') {
    throw new TypeError('arrivalField must name the field that holds the arrival time.');
  }
  if (arrivalField === timestampField) {
    throw new TypeError(
      `"${arrivalField}" cannot be both the timestampField and the arrivalField: when a record happened (event time) and when it arrives (processing time) are different things.`,
    );
  }
  const arrivalType = types[arrivalField];
  if (arrivalType !== undefined && arrivalType !== 'integer') {
    throw new TypeError(
      `"${arrivalField}" is the arrivalField, so its type is always 'integer' (milliseconds), not '${arrivalType}'.`,
    );
  }
  return typedSchema(timestampField, arrivalField, types);
}

/** The fields `types` declares, and nothing else: for describing a text without reading it. */
export function declaredSchema(types: Readonly<Record<string, FieldType>> = {}): Schema {
  return typedSchema(undefined, undefined, types);
}

function typedSchema(
  timestampField: string | undefined,
  arrivalField: string | undefined,
  types: Readonly<Record<string, FieldType>>,
): Schema {
  const special = new Set([timestampField, arrivalField]);
  const others = Object.entries(types).filter(([field]) => !special.has(field));
  return {
    timestampField,
    arrivalField,
    fields: [
      ...(timestampField === undefined ? [] : [[timestampField, 'timestamp'] as const]),
      ...(arrivalField === undefined ? [] : [[arrivalField, 'integer'] as const]),
      ...others,
    ],
  };
}
