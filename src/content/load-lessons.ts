import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildProse } from './blocks.ts';
import { countLines } from './containers.ts';
import { fieldReader } from './fields.ts';
import { numberedFolders, readFileSet } from './folders.ts';
import { LessonFormatError, parseFrontMatter } from './front-matter.ts';
import { EMPTY_GLOSSARY, loadGlossary, termPreviews } from './glossary.ts';
import { loadGallery } from './load-gallery.ts';
import type {
  ChapterPage,
  ChapterSummary,
  FileSet,
  GalleryExample,
  Glossary,
  Lesson,
  Prose,
} from './types.ts';

/** Everything under `lessons/`, read and checked. Runs in Node at build time (and in tests). */
export interface LessonLibrary {
  readonly chapters: readonly ChapterSummary[];
  readonly lessons: ReadonlyMap<string, Lesson>;
  readonly chapterPages: ReadonlyMap<string, ChapterPage>;
  /** The program a new sandbox opens with (`lessons/sandbox/starter/`). */
  readonly sandbox: FileSet;
  /** The sandbox gallery (`lessons/sandbox/gallery/`), in folder order. */
  readonly gallery: readonly GalleryExample[];
  /** `lessons/glossary.md`; every glossary link in the prose names one of its terms. */
  readonly glossary: Glossary;
  /** Every file read, so the dev server can reload when one changes. */
  readonly files: readonly string[];
}

export function loadLessons(root: string): LessonLibrary {
  const files: string[] = [];
  const read = (path: string) => {
    files.push(path);
    return readFileSync(path, 'utf8');
  };
  const display = (path: string) => relative(join(root, '..'), path);

  const glossaryFile = join(root, 'glossary.md');
  const glossary = existsSync(glossaryFile)
    ? loadGlossary(display(glossaryFile), read(glossaryFile))
    : EMPTY_GLOSSARY;
  /** A page's Markdown body as blocks, with previews of the glossary terms it links to. */
  const prose = (
    file: string,
    source: string,
    body: string,
    figures: Readonly<Record<string, string>> = {},
  ): Prose => {
    // The body starts after the front matter: its first line is the file line after it.
    const firstLine = 1 + countLines(source.slice(0, source.length - body.length));
    const built = buildProse(body, file, firstLine, figures);
    return {
      blocks: built.blocks,
      terms: termPreviews(built.hrefs, glossary, { file, source: body, firstLine }),
    };
  };

  const chapters: ChapterSummary[] = [];
  const lessons = new Map<string, Lesson>();
  const chapterPages = new Map<string, ChapterPage>();

  for (const chapterDir of numberedFolders(root)) {
    const chapterFile = join(chapterDir.path, 'index.md');
    if (!existsSync(chapterFile)) {
      throw new LessonFormatError(
        display(chapterFile),
        1,
        'every chapter folder needs an index.md',
      );
    }
    const source = read(chapterFile);
    const { data, body } = parseFrontMatter(display(chapterFile), source);
    const field = fieldReader(display(chapterFile), source, data);
    const chapterMeta = {
      title: field.string('title'),
      step: field.step('step'),
      summary: field.optionalString('summary') ?? '',
    };
    chapterPages.set(chapterDir.slug, {
      slug: chapterDir.slug,
      ...prose(display(chapterFile), source, body),
    });

    const chapterLessons: Lesson[] = [];
    for (const lessonDir of numberedFolders(chapterDir.path)) {
      const lessonFile = join(lessonDir.path, 'index.md');
      if (!existsSync(lessonFile)) {
        throw new LessonFormatError(
          display(lessonFile),
          1,
          'every lesson folder needs an index.md',
        );
      }
      const lessonSource = read(lessonFile);
      const parsed = parseFrontMatter(display(lessonFile), lessonSource);
      // A lesson inherits what it does not set from its chapter.
      const merged = { ...data, ...parsed.data };
      const lf = fieldReader(display(lessonFile), lessonSource, merged);
      const starter = readFileSet(join(lessonDir.path, 'starter'), read);
      const solution = readFileSet(join(lessonDir.path, 'solution'), read);
      const missing = Object.keys(starter).filter((name) => !(name in solution));
      if (missing.length > 0) {
        throw new LessonFormatError(
          display(lessonFile),
          1,
          `solution/ lacks ${missing.join(', ')}: starter/ and solution/ hold the same file names`,
        );
      }
      const checkFile = join(lessonDir.path, 'check.ts');
      const lesson: Lesson = {
        slug: lessonDir.slug,
        chapter: chapterDir.slug,
        title: lf.string('title'),
        step: lf.step('step'),
        minutes: lf.positiveNumber('minutes'),
        goals: lf.optionalStrings('goals') ?? [],
        ...prose(display(lessonFile), lessonSource, parsed.body, figuresIn(lessonDir.path, read)),
        starter,
        solution,
        check: existsSync(checkFile) ? read(checkFile) : null,
      };
      const clash = lessons.get(lesson.slug);
      if (clash) {
        throw new LessonFormatError(
          display(lessonFile),
          1,
          `the slug "${lesson.slug}" is already used by ${clash.chapter}/${clash.slug}: lesson slugs name URLs and must be unique`,
        );
      }
      lessons.set(lesson.slug, lesson);
      chapterLessons.push(lesson);
    }

    chapters.push({
      slug: chapterDir.slug,
      ...chapterMeta,
      lessons: chapterLessons.map(({ slug, chapter, title, step, minutes, goals }) => ({
        slug,
        chapter,
        title,
        step,
        minutes,
        goals,
      })),
    });
  }
  const sandbox = readFileSet(join(root, 'sandbox', 'starter'), read);
  const gallery = loadGallery(join(root, 'sandbox', 'gallery'), read, display);
  return { chapters, lessons, chapterPages, sandbox, gallery, glossary, files };
}

/** A lesson's figure programs (`figures/<name>.ts`), by name. */
function figuresIn(lessonDir: string, read: (path: string) => string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(readFileSet(join(lessonDir, 'figures'), read))
      .filter(([file]) => file.endsWith('.ts'))
      .map(([file, source]) => [file.slice(0, -'.ts'.length), source]),
  );
}
