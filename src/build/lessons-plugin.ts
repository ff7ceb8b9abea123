import { resolve } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { loadLessons, type LessonLibrary } from '../content/load-lessons.ts';

const INDEX_ID = 'virtual:streamlab/lessons';
const LESSON_PREFIX = 'virtual:streamlab/lesson/';
const CHAPTER_PREFIX = 'virtual:streamlab/chapter/';
const GLOSSARY_ID = 'virtual:streamlab/glossary';
const GALLERY_ID = 'virtual:streamlab/gallery';

/**
 * Turns `lessons/` into modules: an index (chapters and lesson summaries, small, loaded with the
 * app) and one lazily imported module per lesson and per chapter page (prose already rendered, files
 * inlined), so opening a lesson fetches only that lesson. The glossary is a module of its own,
 * imported by its page; a lesson carries the definitions of the terms it links to. So is the
 * sandbox gallery, whose examples carry their programs and data: imported when it is shown.
 */
export function lessonsPlugin(options: { root: string }): Plugin {
  let root = options.root;
  let library: LessonLibrary | undefined;
  const getLibrary = () => (library ??= loadLessons(root));

  return {
    name: 'streamlab-lessons',
    configResolved(config) {
      root = resolve(config.root, options.root);
    },
    resolveId(id) {
      return isContentId(id) ? `\0${id}` : undefined;
    },
    load(id) {
      const real = id.slice(1);
      if (!id.startsWith('\0') || !isContentId(real)) return undefined;
      const lib = getLibrary();
      for (const file of lib.files) this.addWatchFile(file);
      if (real === INDEX_ID) return indexModule(lib);
      if (real === GLOSSARY_ID) return `export default ${JSON.stringify(lib.glossary)};`;
      if (real === GALLERY_ID) return `export const gallery = ${JSON.stringify(lib.gallery)};`;
      if (real.startsWith(LESSON_PREFIX)) {
        const lesson = lib.lessons.get(real.slice(LESSON_PREFIX.length));
        if (!lesson) this.error(`No lesson named ${real.slice(LESSON_PREFIX.length)}`);
        return `export default ${JSON.stringify(lesson)};`;
      }
      const page = lib.chapterPages.get(real.slice(CHAPTER_PREFIX.length));
      if (!page) this.error(`No chapter named ${real.slice(CHAPTER_PREFIX.length)}`);
      return `export default ${JSON.stringify(page)};`;
    },
    configureServer(server) {
      server.watcher.add(root);
      const reload = (file: string) => {
        if (!resolve(file).startsWith(root)) return;
        library = undefined;
        invalidateAll(server);
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('add', reload);
      server.watcher.on('change', reload);
      server.watcher.on('unlink', reload);
    },
  };
}

/** True for the ids of the modules this plugin makes. */
function isContentId(id: string): boolean {
  return (
    id === INDEX_ID ||
    id === GLOSSARY_ID ||
    id === GALLERY_ID ||
    id.startsWith(LESSON_PREFIX) ||
    id.startsWith(CHAPTER_PREFIX)
  );
}

function indexModule(lib: LessonLibrary): string {
  const lessonLoaders = [...lib.lessons.keys()]
    .map(
      (slug) => `  ${JSON.stringify(slug)}: () => import(${JSON.stringify(LESSON_PREFIX + slug)}),`,
    )
    .join('\n');
  const chapterLoaders = [...lib.chapterPages.keys()]
    .map(
      (slug) =>
        `  ${JSON.stringify(slug)}: () => import(${JSON.stringify(CHAPTER_PREFIX + slug)}),`,
    )
    .join('\n');
  return [
    `export const chapters = ${JSON.stringify(lib.chapters)};`,
    `export const lessonLoaders = {\n${lessonLoaders}\n};`,
    `export const chapterLoaders = {\n${chapterLoaders}\n};`,
    `export const sandboxStarter = ${JSON.stringify(lib.sandbox)};`,
  ].join('\n');
}

function invalidateAll(server: ViteDevServer) {
  for (const module of server.moduleGraph.idToModuleMap.values()) {
    if (module.id?.startsWith('\0') && isContentId(module.id.slice(1))) {
      server.moduleGraph.invalidateModule(module);
    }
  }
}
