import { relative, resolve } from 'node:path';
import ts from 'typescript';
import type { Plugin } from 'vite';
import { listExports, type EngineExport } from './engine-exports.ts';

const ID = 'virtual:streamlab/engine-types';

/**
 * Gives the editor the engine's type declarations, so learners get autocomplete, hover docs (the
 * engine's TSDoc) and red squiggles for type errors. Declarations are emitted from
 * `src/engine` with the TypeScript compiler at build time; the module exports them as
 * `{ 'index.d.ts': '…', 'windows/window.d.ts': '…' }`, loaded with the editor's lazy chunk. Its
 * `engineExports` lists the names `index.d.ts` exports, for offering imports in the editor.
 */
export function engineTypesPlugin(options: { engineDir: string }): Plugin {
  let engineDir = options.engineDir;
  let cached: { files: Record<string, string>; exports: EngineExport[] } | undefined;

  return {
    name: 'streamlab-engine-types',
    configResolved(config) {
      engineDir = resolve(config.root, options.engineDir);
    },
    resolveId(id) {
      return id === ID ? `\0${ID}` : undefined;
    },
    load(id) {
      if (id !== `\0${ID}`) return undefined;
      if (!cached) {
        const files = emitDeclarations(engineDir);
        cached = { files, exports: listExports(files) };
      }
      return [
        `export default ${JSON.stringify(cached.files)};`,
        `export const engineExports = ${JSON.stringify(cached.exports)};`,
      ].join('\n');
    },
    handleHotUpdate({ file, server }) {
      if (!file.startsWith(engineDir)) return;
      cached = undefined;
      const module = server.moduleGraph.getModuleById(`\0${ID}`);
      if (module) server.moduleGraph.invalidateModule(module);
    },
  };
}

/** Declarations for every file of the engine, keyed by path relative to the engine folder. */
export function emitDeclarations(engineDir: string): Record<string, string> {
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
