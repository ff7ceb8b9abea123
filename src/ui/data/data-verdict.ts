/** What the page says about a data file before it is added, and the rows it marks as bad. */
import { describeData, type DataDescription } from '../../engine/sources/text/describe-data';
import type { FieldType } from '../../engine/sources/text/field-types';
import { guessTypes } from './guess-types';
import type { DataFormat } from './sniff-format';

export interface DataVerdict extends DataDescription {
  /** The number fields the verdict checked, guessed from the file. */
  readonly types: Readonly<Record<string, FieldType>>;
}

/** describeData's verdict, checking as numbers the fields that mostly hold numbers. */
export function dataVerdict(text: string, format: DataFormat): DataVerdict {
  const types = guessTypes(text, format);
  return { ...describeData(text, format, { types }), types };
}

/** How many bad rows a verdict lists before "and N more". */
export const LISTED_PROBLEMS = 20;
