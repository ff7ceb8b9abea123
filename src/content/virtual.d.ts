declare module 'virtual:streamlab/lessons' {
  /** The learning journey: chapters in order, each with its lessons in order. */
  export const chapters: readonly import('./types').ChapterSummary[];
  /** Loads one lesson's prose and files, by lesson slug. */
  export const lessonLoaders: Readonly<
    Record<string, () => Promise<{ default: import('./types').Lesson }>>
  >;
  /** Loads one chapter's overview page, by chapter slug. */
  export const chapterLoaders: Readonly<
    Record<string, () => Promise<{ default: import('./types').ChapterPage }>>
  >;
  /** The files a new sandbox opens with. */
  export const sandboxStarter: import('./types').FileSet;
}

declare module 'virtual:streamlab/glossary' {
  /** `lessons/glossary.md`: every term with its definition, for the glossary page. */
  const glossary: import('./types').Glossary;
  export default glossary;
}
