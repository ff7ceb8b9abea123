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

declare module 'virtual:streamlab/gallery' {
  /** The sandbox gallery's examples, in order, each with its files (imported when shown). */
  export const gallery: readonly import('./types').GalleryExample[];
}

declare module 'virtual:streamlab/reference' {
  /** The reference index: sections in reading order, each export's name, kind and first paragraph. */
  export const groups: readonly import('./reference-types').ReferenceGroup[];
  /** Loads one export's page, by export name. */
  export const pageLoaders: Readonly<
    Record<string, () => Promise<{ default: import('./reference-types').ReferenceEntry }>>
  >;
}

declare module 'virtual:streamlab/reference-anchors' {
  /**
   * Per engine declaration file, where the name of an export or member starts → its reference
   * path (`WatermarkStrategy#withIdleness`): the editor links a name's hover to its page.
   */
  const anchors: Readonly<Record<string, Readonly<Record<number, string>>>>;
  export default anchors;
}
