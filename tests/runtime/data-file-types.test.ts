/**
 * The editor type-checks `import readings from './readings.csv'` with the declarations it is given
 * (`DATA_FILE_DECLARATIONS`): the import is a string, with no squiggle. Checked here with the
 * project's compiler options, as the runnable examples are.
 */
import { describe, expect, it } from 'vitest';
import { typeErrors } from './programs';

const SOURCE = `import { csvSource, jsonLinesSource, type StreamExecutionEnvironment } from 'streamlab';
import readings from './readings.csv';
import clicks from './clicks.jsonl';
import settings from './settings.json';
import notes from './notes.txt';

type Reading = { sensor: string; ts: number; celsius: number };

export default function pipeline(env: StreamExecutionEnvironment) {
  const text: string = readings + clicks + settings + notes;
  env.fromSource(csvSource<Reading>(readings, { timestampField: 'ts', arrivalField: 'arrival' }), undefined as never, 'r');
  env.fromSource(jsonLinesSource(clicks, { timestampField: 'ts' }), undefined as never, 'c');
  const wrong: number = notes;
  return [text, wrong];
}
`;

/** TypeScript's errors in the program, as `line n: message`, with or without the declarations. */
function errorsOf(dataFiles: boolean): string[] {
  return typeErrors(new Map([['program', SOURCE]]), { dataFiles }).get('program') ?? [];
}

describe('data file imports in the editor', () => {
  it('type as the file text, a string', { timeout: 60_000 }, () => {
    expect(errorsOf(true)).toEqual(["line 13: Type 'string' is not assignable to type 'number'."]);
  });

  it('need the declarations', { timeout: 60_000 }, () => {
    expect(errorsOf(false).filter((e) => e.includes('Cannot find module'))).toHaveLength(4);
  });
});
