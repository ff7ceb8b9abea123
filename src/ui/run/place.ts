/** A place in one of the run's files, to open the editor at: a line, a column and which file. */
export interface Place {
  /** The file; without it, the file the editor has open. */
  readonly file?: string | undefined;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column; without it, the line's first character that is not a space. */
  readonly column?: number | undefined;
}
