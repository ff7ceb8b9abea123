/**
 * A mistake written as a diff is not a file `npm run typecheck` sees, so its program is
 * typechecked here, against the engine, as the editor would check it: a mistake is a program a
 * learner could write, wrong in what it does, not in its types.
 */
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/content/load-lessons';
import { ROOT, folderOf, mistakesOf } from './lesson-mistakes';

const CONFIG = join(ROOT, '..', 'tsconfig.json');

/** Each diff-made program, by the name of a file beside its diff: `mistakes/at-least-80.diff.ts`. */
function diffPrograms(): Map<string, string> {
  const programs = new Map<string, string>();
  for (const lesson of loadLessons(ROOT).lessons.values()) {
    const entry = Object.keys(lesson.starter)[0];
    if (lesson.check === null || entry === undefined) continue;
    const folder = folderOf(lesson.slug);
    for (const mistake of mistakesOf(folder, entry, lesson.solution[entry] as string)) {
      if (mistake.name.endsWith('.diff')) {
        programs.set(join(folder, 'mistakes', `${mistake.name}.ts`), mistake.program());
      }
    }
  }
  return programs;
}

/** The type errors in `programs`, compiled with the project's options, as `file:line: message`. */
function typeErrors(programs: ReadonlyMap<string, string>): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    CONFIG,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (config === undefined) throw new Error(`cannot read ${CONFIG}`);
  const host = ts.createCompilerHost(config.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => programs.has(file) || fileExists.call(host, file);
  host.readFile = (file) => programs.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = programs.get(file);
    return text === undefined
      ? getSourceFile.call(host, file, language, ...rest)
      : ts.createSourceFile(file, text, language);
  };
  const program = ts.createProgram([...programs.keys()], config.options, host);
  return [...programs.keys()].flatMap((file) =>
    ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => {
      const line =
        d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
      const where = d.file
        ? `${d.file.fileName.slice(dirname(ROOT).length + 1)}:${line + 1}`
        : file;
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    }),
  );
}

describe('the mistakes written as diffs', () => {
  it('make programs without type errors', () => {
    const programs = diffPrograms();
    expect(programs.size).toBeGreaterThan(0);
    expect(typeErrors(programs)).toEqual([]);
  }, 120_000);
});
