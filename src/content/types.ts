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

/** A lesson, loaded on demand when its page opens. */
export interface Lesson extends LessonSummary {
  /** The prose, rendered from Markdown to HTML at build time, code blocks highlighted. */
  readonly html: string;
  readonly starter: FileSet;
  readonly solution: FileSet;
  /** The behavioural check's source, or `null` for a prose-only lesson. */
  readonly check: string | null;
}

/** A chapter's overview page. */
export interface ChapterPage {
  readonly slug: string;
  readonly html: string;
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
  /** Said under the figure: what to try. */
  readonly caption?: string;
}
