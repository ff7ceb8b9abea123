/** A bad row in a text source: where it is and what is wrong with it. Structured-clone friendly. */
export interface SourceProblem {
  /** The source's name. */
  readonly source: string;
  /** 1-based line of the text. */
  readonly line: number;
  /** 1-based column (UTF-16 code units, as editors count them). */
  readonly column: number;
  /** What is wrong, without the location: `expected a number in "celsius", got "abc"`. */
  readonly reason: string;
  /** Location and reason: `line 7, column 12: expected a number in "celsius", got "abc"`. */
  readonly message: string;
}

/**
 * Thrown by a text source whose `onError` is `'fail'` when it reaches a bad row, and for problems no
 * policy can skip (a header that does not name the timestamp field, for instance).
 */
export class SourceFormatError extends Error implements SourceProblem {
  /** Always `'SourceFormatError'`. */
  override readonly name = 'SourceFormatError';
  readonly source: string;
  readonly line: number;
  readonly column: number;
  readonly reason: string;
  /**
   * The whole text the source reads, when known: whoever knows where that text came from (a
   * sandbox's data file, say) can then name the file the line and column are in. It is not part of
   * the problem (`toProblem`) and is not enumerable, so logging the error does not print the text.
   */
  declare readonly sourceText: string | undefined;

  /**
   * The problem `reason` at `line` and `column` of the text source named `source`, which reads
   * `sourceText`.
   */
  constructor(source: string, line: number, column: number, reason: string, sourceText?: string) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.source = source;
    this.line = line;
    this.column = column;
    this.reason = reason;
    Object.defineProperty(this, 'sourceText', { value: sourceText, enumerable: false });
  }

  /** The same problem as a plain object, for a problem list or a message to the UI. */
  toProblem(): SourceProblem {
    const { source, line, column, reason, message } = this;
    return { source, line, column, reason, message };
  }
}
