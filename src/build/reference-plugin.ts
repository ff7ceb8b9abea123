import { resolve } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import type { ReferenceEntry, ReferenceGroup } from '../content/reference-types.ts';
import { engineDeclarations } from './engine-declarations.ts';
import { extractReference } from './reference/extract.ts';
import { groupOf } from './reference/groups.ts';
import {
  describeBrokenLinks,
  findBrokenReferenceLinks,
  readMarkdownFiles,
  type ReferenceTargets,
} from './reference/lesson-links.ts';
import { renderEntry, renderIndex } from './reference/render.ts';

const INDEX_ID = 'virtual:streamlab/reference';
const ENTRY_PREFIX = 'virtual:streamlab/reference/';
const ANCHORS_ID = 'virtual:streamlab/reference-anchors';

interface Built {
  readonly groups: readonly ReferenceGroup[];
  readonly pages: ReadonlyMap<string, ReferenceEntry>;
  readonly anchors: Readonly<Record<string, Readonly<Record<number, string>>>>;
  readonly targets: ReferenceTargets;
}

/**
 * The API reference, made from the engine's declarations and TSDoc at build time: an index module
 * (sections, names, first paragraphs) and one module per export, both imported only when a
 * reference page opens, and a small map for the editor's hover links. A lesson link to an export
 * or member that does not exist fails the build, naming the lesson file and line.
 */
export function referencePlugin(options: { engineDir: string; lessons: string }): Plugin {
  let engineDir = options.engineDir;
  let lessonsDir = options.lessons;
  let building = false;
  let cached: { source: Readonly<Record<string, string>>; built: Promise<Built> } | undefined;
  const getBuilt = () => {
    const source = engineDeclarations(engineDir);
    if (cached?.source !== source) cached = { source, built: build(source) };
    return cached.built;
  };

  return {
    name: 'streamlab-reference',
    configResolved(config) {
      engineDir = resolve(config.root, options.engineDir);
      lessonsDir = resolve(config.root, options.lessons);
      building = config.command === 'build';
    },
    async buildStart() {
      const broken = findBrokenReferenceLinks(
        readMarkdownFiles(lessonsDir),
        (await getBuilt()).targets,
      );
      if (broken.length === 0) return;
      const message = `Lessons link to reference pages that do not exist:\n${describeBrokenLinks(broken)}`;
      // A broken link stops a build; while writing a lesson, the dev server only warns.
      if (building) this.error(message);
      else this.warn(message);
    },
    resolveId(id) {
      return isReferenceId(id) ? `\0${id}` : undefined;
    },
    async load(id) {
      const real = id.slice(1);
      if (!id.startsWith('\0') || !isReferenceId(real)) return undefined;
      const built = await getBuilt();
      if (real === ANCHORS_ID) return `export default ${JSON.stringify(built.anchors)};`;
      if (real === INDEX_ID) return indexModule(built);
      const name = real.slice(ENTRY_PREFIX.length);
      const page = built.pages.get(name);
      if (!page) this.error(`The reference has no page named ${name}`);
      return `export default ${JSON.stringify(page)};`;
    },
    configureServer(server) {
      server.watcher.add(lessonsDir);
      server.watcher.on('change', (file) => {
        if (file.startsWith(lessonsDir) && file.endsWith('.md')) void warnOfBrokenLinks(server);
      });
    },
    handleHotUpdate({ file, server }) {
      if (!file.startsWith(engineDir)) return;
      invalidateAll(server);
    },
  };

  async function warnOfBrokenLinks(server: ViteDevServer) {
    const broken = findBrokenReferenceLinks(
      readMarkdownFiles(lessonsDir),
      (await getBuilt()).targets,
    );
    if (broken.length > 0) {
      server.config.logger.warn(
        `Lessons link to reference pages that do not exist:\n${describeBrokenLinks(broken)}`,
      );
    }
  }
}

async function build(declarations: Readonly<Record<string, string>>): Promise<Built> {
  const { entries, anchors } = await extractReference(declarations, groupOf);
  return {
    groups: renderIndex(entries),
    pages: new Map(entries.map((e) => [e.name, renderEntry(e)])),
    anchors,
    targets: new Map(
      entries.map((e) => [e.name, new Set([...e.members, ...e.inherited].map((m) => m.name))]),
    ),
  };
}

function isReferenceId(id: string): boolean {
  return id === INDEX_ID || id === ANCHORS_ID || id.startsWith(ENTRY_PREFIX);
}

function indexModule(built: Built): string {
  const loaders = [...built.pages.keys()]
    .map(
      (name) => `  ${JSON.stringify(name)}: () => import(${JSON.stringify(ENTRY_PREFIX + name)}),`,
    )
    .join('\n');
  return [
    `export const groups = ${JSON.stringify(built.groups)};`,
    `export const pageLoaders = {\n${loaders}\n};`,
  ].join('\n');
}

function invalidateAll(server: ViteDevServer) {
  for (const module of server.moduleGraph.idToModuleMap.values()) {
    if (module.id?.startsWith('\0') && isReferenceId(module.id.slice(1))) {
      server.moduleGraph.invalidateModule(module);
    }
  }
}
