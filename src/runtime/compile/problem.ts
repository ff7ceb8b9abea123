/** Something wrong with the learner's code, at a place in their file (1-based line and column). */
export interface CodeProblem {
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Where the problem ends, when known, so the editor can underline the whole span. */
  readonly endLine?: number;
  readonly endColumn?: number;
}

/** 1-based line and column of a 0-based offset into `text`. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
