import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_FILE_EXTENSIONS, isDataFile } from '../runtime/compile/data-files.ts';
import { fieldReader } from './fields.ts';
import { numberedFolders, readFileSet } from './folders.ts';
import { LessonFormatError, parseFrontMatter } from './front-matter.ts';
import type { GalleryExample } from './types.ts';

/** The file of an example a sandbox runs; the rest of its files are data the program imports. */
const ENTRY = 'pipeline.ts';
const ABOUT = 'example.md';
/**
 * The seed of an example that sets none: the engine's default, the one a new sandbox starts with
 * (`DEFAULT_SEED`), so the example runs in the sandbox as it ran when it was written.
 */
const DEFAULT_SEED = 1;

/**
 * The sandbox gallery, `lessons/sandbox/gallery/NN-slug/`: each folder an example with its
 * `example.md` (front matter only) and the files a sandbox opens with. `display` turns a path into
 * the one error messages show; `read` reads a file (and remembers it for the dev server).
 */
export function loadGallery(
  dir: string,
  read: (path: string) => string,
  display: (path: string) => string,
): GalleryExample[] {
  if (!existsSync(dir)) return [];
  const examples: GalleryExample[] = [];
  const folderOf = new Map<string, string>();
  const ideaOf = new Map<string, string>();
  for (const folder of numberedFolders(dir)) {
    const aboutFile = join(folder.path, ABOUT);
    const where = display(aboutFile);
    if (!existsSync(aboutFile)) {
      throw new LessonFormatError(where, 1, `every gallery example needs an ${ABOUT}`);
    }
    const source = read(aboutFile);
    const { data, body } = parseFrontMatter(where, source);
    if (body.trim() !== '') {
      throw new LessonFormatError(
        where,
        1,
        `${ABOUT} holds only front matter (title, idea, summary, seed): the gallery shows nothing else`,
      );
    }
    const field = fieldReader(where, source, data);
    const example: GalleryExample = {
      slug: folder.slug,
      title: field.string('title'),
      idea: field.string('idea'),
      summary: field.string('summary'),
      seed: field.optionalInteger('seed') ?? DEFAULT_SEED,
      files: sandboxFiles(folder.path, read, display),
    };
    const clash = folderOf.get(example.slug);
    if (clash) {
      throw new LessonFormatError(
        where,
        1,
        `the slug "${example.slug}" is already used by ${clash}`,
      );
    }
    const sameIdea = ideaOf.get(example.idea.toLowerCase());
    if (sameIdea) {
      throw new LessonFormatError(
        where,
        1,
        `the idea "${example.idea}" is already shown by ${sameIdea}: each example shows one idea of its own`,
      );
    }
    folderOf.set(example.slug, display(folder.path));
    ideaOf.set(example.idea.toLowerCase(), display(folder.path));
    examples.push(example);
  }
  return examples;
}

/** An example's files but its `example.md`, refusing any a sandbox could not run. */
function sandboxFiles(
  dir: string,
  read: (path: string) => string,
  display: (path: string) => string,
): Record<string, string> {
  for (const name of readdirSync(dir)) {
    if (!statSync(join(dir, name)).isFile()) {
      throw new LessonFormatError(
        display(join(dir, name)),
        1,
        'a gallery example is a flat folder of files, as a sandbox is: move this out of its folder',
      );
    }
  }
  const files = Object.fromEntries(
    Object.entries(readFileSet(dir, read)).filter(([name]) => name !== ABOUT),
  );
  if (!(ENTRY in files)) {
    throw new LessonFormatError(
      display(join(dir, ENTRY)),
      1,
      `every gallery example needs a ${ENTRY}: the program its sandbox runs`,
    );
  }
  for (const name of Object.keys(files)) {
    if (name !== ENTRY && !isDataFile(name)) {
      throw new LessonFormatError(
        display(join(dir, name)),
        1,
        `a sandbox holds ${ENTRY} and data files (${DATA_FILE_EXTENSIONS.join(', ')}) only`,
      );
    }
  }
  return files;
}
