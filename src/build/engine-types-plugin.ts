import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { engineDeclarations } from './engine-declarations.ts';
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
  let cached: { files: Readonly<Record<string, string>>; exports: EngineExport[] } | undefined;

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
      const files = engineDeclarations(engineDir);
      if (cached?.files !== files) cached = { files, exports: listExports(files) };
      return [
        `export default ${JSON.stringify(cached.files)};`,
        `export const engineExports = ${JSON.stringify(cached.exports)};`,
      ].join('\n');
    },
    handleHotUpdate({ file, server }) {
      if (!file.startsWith(engineDir)) return;
      const module = server.moduleGraph.getModuleById(`\0${ID}`);
      if (module) server.moduleGraph.invalidateModule(module);
    },
  };
}
