/** The shape of lesson content as the app sees it. Built from `lessons/` at build time. */

/** One step of the learning journey. */
export interface ChapterSummary {
  readonly slug: string;
  readonly title: string;
  readonly step: number;
  readonly summary: string;
  readonly lessons: readonly LessonSummary[];
}

/** What the sidebar needs to list a lesson, without its prose or files. */
export interface LessonSummary {
  readonly slug: string;
  readonly chapter: string;
  readonly title: string;
  readonly step: number;
  readonly minutes: number;
  readonly goals: readonly string[];
}

/** Files by name, e.g. `{ 'pipeline.ts': '…' }`. */
export type FileSet = Readonly<Record<string, string>>;

/**
 * An example of the sandbox gallery (`lessons/sandbox/gallery/NN-slug/`): a whole sandbox, program
 * and data, that shows one key idea. Opening it makes a new sandbox from `files` and `seed`.
 */
export interface GalleryExample {
  /** The folder's name without its number; unique in the gallery. */
  readonly slug: string;
  readonly title: string;
  /** The one idea the example shows ("Session windows"), unique in the gallery. */
  readonly idea: string;
  /** One or two sentences: what to look at, and what to try. */
  readonly summary: string;
  /** The seed of the sandbox's runs (datasets, generators). */
  readonly seed: number;
  /** `pipeline.ts` and the data files it imports. */
  readonly files: FileSet;
}

/** A lesson, loaded on demand when its page opens. */
export interface Lesson extends LessonSummary, Prose {
  readonly starter: FileSet;
  readonly solution: FileSet;
  /** The behavioural check's source, or `null` for a prose-only lesson. */
  readonly check: string | null;
}

/** A chapter's overview page. */
export interface ChapterPage extends Prose {
  readonly slug: string;
}

/** Markdown prose as the app shows it: blocks in reading order, built at build time. */
export interface Prose {
  readonly blocks: readonly ProseBlock[];
  /** The glossary entries this prose links to, by term id: what a link's preview shows. */
  readonly terms: Readonly<Record<string, TermPreview>>;
}

/** One part of the prose: Markdown rendered to HTML, or a block the learner works with. */
export type ProseBlock = HtmlBlock | HintsBlock | QuizBlock | FigureBlock | RunnableBlock;

/** Ordinary Markdown, rendered to HTML, code highlighted. */
export interface HtmlBlock {
  readonly kind: 'html';
  readonly html: string;
}

/** Hints revealed one at a time, from gentle to nearly the answer (`:::hints`). */
export interface HintsBlock {
  readonly kind: 'hints';
  /** Each hint as HTML, in the order they are revealed. */
  readonly hints: readonly string[];
}

/** One multiple-choice question with an explanation for every answer (`:::quiz`). */
export interface QuizBlock {
  readonly kind: 'quiz';
  /** The question's first paragraph, as inline HTML (it becomes the legend of the choices). */
  readonly question: string;
  /** Anything between the question and the choices (a code block, a table), as HTML; often ''. */
  readonly detail: string;
  readonly choices: readonly QuizChoice[];
}

export interface QuizChoice {
  /** The answer's text, as inline HTML. */
  readonly html: string;
  readonly correct: boolean;
  /** Why this answer is right or wrong, as HTML. */
  readonly explanation: string;
}

/** A glossary term as a link's preview shows it. */
export interface TermPreview {
  readonly term: string;
  /** The definition as HTML, with links flattened to text: a preview is not interactive. */
  readonly html: string;
}

/** One entry of `lessons/glossary.md`. */
export interface GlossaryTerm {
  /** Lowercase-hyphenated; the page's URL is `#/glossary/<id>`. */
  readonly id: string;
  readonly term: string;
  /** The definition as HTML. */
  readonly html: string;
  /** Related terms, from the entry's "See also" line. */
  readonly seeAlso: readonly { readonly id: string; readonly term: string }[];
}

/** The glossary page: an introduction and every term, in the file's (alphabetical) order. */
export interface Glossary {
  readonly intro: string;
  readonly terms: readonly GlossaryTerm[];
}

/** One slider of an interactive figure: a number its program receives as `params[name]`. */
export interface FigureParam {
  readonly name: string;
  /** What the slider sets, as the learner reads it ("Network delay"). */
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** Where the slider starts. */
  readonly value: number;
  /** Shown after the value ("ms"). */
  readonly unit?: string;
}

/**
 * A chart wired to a small pipeline with sliders, so a concept can be played with before any
 * code is written. `program` is a pipeline module whose default export also takes the sliders'
 * values: `pipeline(env, params)`.
 */
export interface Figure {
  readonly program: string;
  readonly params: readonly FigureParam[];
  /** Said under the figure, as HTML: what to try. */
  readonly caption: string;
}

/** An interactive figure (`:::figure <program>`): sliders over a small pipeline's chart. */
export interface FigureBlock {
  readonly kind: 'figure';
  /** The program's name: `figures/<name>.ts` in the lesson's folder. */
  readonly name: string;
  readonly figure: Figure;
}

/**
 * A whole program in the prose (` ```ts runnable `), with a Run button: its results and chart show
 * under it, and the learner's own code is left alone.
 */
export interface RunnableBlock {
  readonly kind: 'runnable';
  /** The program, as it would stand in `pipeline.ts`. */
  readonly source: string;
  /** The code block as the prose shows it, highlighted. */
  readonly html: string;
}
