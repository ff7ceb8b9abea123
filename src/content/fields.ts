import { LessonFormatError, lineOf } from './front-matter.ts';

/**
 * Reads the front matter fields of one file, refusing a missing or mistyped one with a message
 * that names the file, the line and the field.
 */
export function fieldReader(file: string, source: string, data: Record<string, unknown>) {
  const fail = (field: string, what: string): never => {
    throw new LessonFormatError(file, lineOf(source, field), `"${field}" ${what}`);
  };
  return {
    string(field: string): string {
      const value = data[field];
      if (typeof value !== 'string' || value.trim() === '')
        fail(field, 'must be a non-empty string');
      return value as string;
    },
    optionalString(field: string): string | undefined {
      const value = data[field];
      if (value !== undefined && typeof value !== 'string') fail(field, 'must be a string');
      return value as string | undefined;
    },
    step(field: string): number {
      const value = data[field];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 7) {
        fail(field, 'must be a journey step from 1 to 7');
      }
      return value as number;
    },
    positiveNumber(field: string): number {
      const value = data[field];
      if (typeof value !== 'number' || !(value > 0)) fail(field, 'must be a positive number');
      return value as number;
    },
    optionalInteger(field: string): number | undefined {
      const value = data[field];
      if (value !== undefined && !Number.isSafeInteger(value))
        fail(field, 'must be a whole number');
      return value as number | undefined;
    },
    optionalStrings(field: string): string[] | undefined {
      const value = data[field];
      if (value === undefined) return undefined;
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
        fail(field, 'must be a list of strings');
      }
      return value as string[];
    },
  };
}
