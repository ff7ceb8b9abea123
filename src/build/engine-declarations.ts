import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const emitted = new Map<
  string,
  { readonly stamp: string; readonly files: Record<string, string> }
>();

/**
 * The engine's declarations, emitted once and shared by the editor's types and the API reference
 * (emitting takes seconds). Emitted again when a file of the engine changes; the same object is
 * returned until then, so a caller can keep what it made from it.
 */
export function engineDeclarations(engineDir: string): Readonly<Record<string, string>> {
  const stamp = readdirSync(engineDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') || file.endsWith('.json'))
    .map((file) => `${file}@${statSync(join(engineDir, file)).mtimeMs}`)
    .sort()
    .join('\n');
  const known = emitted.get(engineDir);
  if (known?.stamp === stamp) return known.files;
  const files = emitDeclarations(engineDir);
  emitted.set(engineDir, { stamp, files });
  return files;
}

/** Declarations for every file of the engine, keyed by path relative to the engine folder. */
function emitDeclarations(engineDir: string): Record<string, string> {
  const configPath = resolve(engineDir, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`Cannot read ${configPath}`);
  const program = ts.createProgram(config.fileNames, {
    ...config.options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    stripInternal: true,
    removeComments: false,
    outDir: '/streamlab-types',
    rootDir: engineDir,
    paths: undefined,
  });
  const files: Record<string, string> = {};
  const result = program.emit(undefined, (fileName, text) => {
    files[relative('/streamlab-types', fileName).replace(/\\/g, '/')] = text;
  });
  const errors = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    throw new Error(
      ts.formatDiagnostics(errors, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => engineDir,
        getNewLine: () => '\n',
      }),
    );
  }
  return files;
}
