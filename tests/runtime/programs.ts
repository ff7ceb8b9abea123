/**
 * What the content tests do with a learner-facing program: type-check it as the editor would, and
 * run it to its end as the Run button would. Shared by the tests of runnable prose examples and of
 * the sandbox gallery, so both hold programs to the same rules.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { DATA_FILE_DECLARATIONS } from '../../src/runtime/compile';
import type { RunUpdate } from '../../src/runtime/worker/api';
import { RunSession } from '../../src/runtime/worker/session';

export const ROOT = new URL('../..', import.meta.url).pathname;

export interface TypeCheckOptions {
  /**
   * Where each program stands. By default, where a lesson's pipeline.ts would, so `streamlab`
   * resolves as there; a lesson's own file stands at its own path.
   */
  readonly at?: (name: string, index: number) => string;
  /** Whether the editor's declarations of data file imports are given (they are in the app). */
  readonly dataFiles?: boolean;
}

/**
 * TypeScript's errors in each program, by name, as `line N: message`. One TypeScript program over
 * all of them keeps the check quick (one program over the engine takes about 2 s).
 */
export function typeErrors(
  programs: ReadonlyMap<string, string>,
  options: TypeCheckOptions = {},
): Map<string, string[]> {
  const { at = (_name, i) => join(ROOT, 'lessons', `program-${i}.ts`), dataFiles = true } = options;
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
  // The declarations are the editor's, which make `import rows from './rows.csv'` a string.
  const files = new Map([...programs.keys()].map((name, i) => [at(name, i), name] as const));
  const declarations = join(ROOT, 'lessons', 'program-data-files.d.ts');
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (file) => {
    if (dataFiles && file === declarations) return DATA_FILE_DECLARATIONS;
    const name = files.get(file);
    return name === undefined ? readFile(file) : programs.get(name);
  };
  host.fileExists = (file) =>
    (dataFiles && file === declarations) || files.has(file) || fileExists(file);
  // No ambient `types`: Vite's client types declare `*.txt` (as an asset URL) for the app itself.
  const program = ts.createProgram(
    dataFiles ? [...files.keys(), declarations] : [...files.keys()],
    { ...config.options, types: [] },
    host,
  );
  const errors = new Map<string, string[]>();
  for (const [file, name] of files) {
    const found = ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => {
      const line =
        d.file && d.start !== undefined
          ? d.file.getLineAndCharacterOfPosition(d.start).line + 1
          : 0;
      return `line ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
    errors.set(name, found);
  }
  return errors;
}

/** Only the programs with errors: `{}` when every one type-checks. */
export function withErrors(errors: ReadonlyMap<string, string[]>): Record<string, string[]> {
  return Object.fromEntries([...errors].filter(([, found]) => found.length > 0));
}

export interface RunOptions {
  readonly seed?: number;
  /** Slices of 1000 steps before the run counts as never ending. */
  readonly maxSlices?: number;
  /** Sees every update the page would have been sent. */
  readonly onUpdate?: (update: RunUpdate) => void;
}

/** Runs `files` (with `pipeline.ts`) to the end of their input through the worker's own session. */
export function runToEnd(
  files: Readonly<Record<string, string>>,
  options: RunOptions = {},
): { failure?: string } {
  const { seed, maxSlices = 1000, onUpdate } = options;
  let now = 0;
  const session = new RunSession({ now: () => (now += 0.01) });
  const loaded = session.load({ files, entry: 'pipeline.ts', seed, trace: 'full' });
  if (!loaded.ok) return { failure: loaded.failure.message };
  const decoder = new TextDecoder();
  for (let i = 0; i < maxSlices; i++) {
    const step = session.advance({ kind: 'end' }, 1000);
    onUpdate?.(JSON.parse(decoder.decode(step.update)) as RunUpdate);
    if (step.failure) return { failure: step.failure.message };
    if (step.done) return {};
  }
  return { failure: `did not end after ${maxSlices} slices` };
}
