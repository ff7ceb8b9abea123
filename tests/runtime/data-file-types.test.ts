/**
 * The editor type-checks `import readings from './readings.csv'` with the declarations it is given
 * (`DATA_FILE_DECLARATIONS`): the import is a string, with no squiggle. Checked here with the
 * project's compiler options, as the runnable examples are.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DATA_FILE_DECLARATIONS } from '../../src/runtime/compile';

const ROOT = new URL('../..', import.meta.url).pathname;
const PROGRAM = join(ROOT, 'lessons', 'data-program.ts');
const DECLARATIONS = join(ROOT, 'lessons', 'data-files.d.ts');

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
function typeErrors(withDeclarations: boolean): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.json could not be read');
  const files = new Map([[PROGRAM, SOURCE]]);
  if (withDeclarations) files.set(DECLARATIONS, DATA_FILE_DECLARATIONS);
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (file) => files.get(file) ?? readFile(file);
  host.fileExists = (file) => files.has(file) || fileExists(file);
  // No ambient `types`: Vite's client types declare `*.txt` (as an asset URL) for the app itself.
  const program = ts.createProgram([...files.keys()], { ...config.options, types: [] }, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(PROGRAM)).map((d) => {
    const line =
      d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `line ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

describe('data file imports in the editor', () => {
  it('type as the file text, a string', { timeout: 60_000 }, () => {
    expect(typeErrors(true)).toEqual([
      "line 13: Type 'string' is not assignable to type 'number'.",
    ]);
  });

  it('need the declarations', { timeout: 60_000 }, () => {
    expect(typeErrors(false).filter((e) => e.includes('Cannot find module'))).toHaveLength(4);
  });
});
