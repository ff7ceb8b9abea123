/**
 * Reads CSV (RFC 4180) one row at a time, keeping the line and column of every field so that errors
 * can point at them. Quoted fields may hold delimiters, line breaks and doubled quotes (`""`); lines
 * end with LF, CRLF or CR; empty lines are skipped.
 *
 * One leniency: spaces and tabs around a field are not part of it. CSV typed into a lesson is often
 * indented inside a template literal, and `  21.5` should still be the number 21.5.
 */
import type { TextCursor } from './text-source';

/** A field's text and where it starts (its opening quote, if quoted). */
export interface CsvField {
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

/** The outcome of reading one row. */
export type CsvRead =
  | {
      readonly kind: 'row';
      readonly fields: readonly CsvField[];
      /** Line and column just after the row's last character, for "missing field" errors. */
      readonly endLine: number;
      readonly endColumn: number;
      readonly next: TextCursor;
    }
  | {
      readonly kind: 'error';
      readonly line: number;
      readonly column: number;
      readonly reason: string;
      /** Where reading can carry on, or `undefined` when nothing after the error can be read. */
      readonly next: TextCursor | undefined;
    };

class CsvSyntaxError {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
    /** An unclosed quote swallows the rest of the text: nothing after it can be read. */
    readonly fatal: boolean,
  ) {}
}

const QUOTE = '"';

/** Reads CSV text with a one-character delimiter. */
export class CsvParser {
  private offset = 0;
  private line = 1;
  private lineStart = 0;

  constructor(
    private readonly text: string,
    private readonly delimiter: string,
  ) {}

  /** Reads the row at `cursor`, or returns `undefined` when only empty lines remain. */
  read(cursor: TextCursor): CsvRead | undefined {
    this.offset = cursor.offset;
    this.line = cursor.line;
    this.lineStart = cursor.offset;
    this.skipEmptyLines();
    if (this.offset >= this.text.length) return undefined;
    try {
      const fields = this.readFields();
      const endLine = this.line;
      const endColumn = this.column(this.offset);
      this.skipLineBreak();
      return { kind: 'row', fields, endLine, endColumn, next: this.cursor() };
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      const { line, column, reason, fatal } = error;
      return {
        kind: 'error',
        line,
        column,
        reason,
        next: fatal ? undefined : this.skipRestOfLine(),
      };
    }
  }

  private readFields(): CsvField[] {
    const fields: CsvField[] = [];
    for (;;) {
      fields.push(this.readField());
      if (this.text[this.offset] !== this.delimiter) return fields;
      this.offset++;
    }
  }

  private readField(): CsvField {
    this.skipSpaces();
    const line = this.line;
    const column = this.column(this.offset);
    const text =
      this.text[this.offset] === QUOTE ? this.readQuoted(line, column) : this.readUnquoted();
    return { text, line, column };
  }

  private readQuoted(line: number, column: number): string {
    let value = '';
    let chunkStart = ++this.offset;
    for (;;) {
      const next = this.text.indexOf(QUOTE, this.offset);
      if (next < 0) {
        throw new CsvSyntaxError(line, column, 'this quoted field is never closed', true);
      }
      this.countLineBreaks(this.offset, next);
      if (this.text[next + 1] === QUOTE) {
        // A doubled quote stands for one quote character.
        value += this.text.slice(chunkStart, next + 1);
        this.offset = chunkStart = next + 2;
        continue;
      }
      value += this.text.slice(chunkStart, next);
      this.offset = next + 1;
      break;
    }
    this.skipSpaces();
    if (!this.atFieldEnd()) {
      throw this.errorHere(
        `unexpected ${describe(this.text[this.offset])} after a closing quote; ` +
          'a quote inside a quoted field is written twice ("")',
      );
    }
    return value;
  }

  private readUnquoted(): string {
    const start = this.offset;
    while (!this.atFieldEnd()) {
      if (this.text[this.offset] === QUOTE) {
        throw this.errorHere(
          'a quote inside an unquoted field; quote the whole field and write the quote twice ("")',
        );
      }
      this.offset++;
    }
    return this.text.slice(start, this.offset).trimEnd();
  }

  private atFieldEnd(): boolean {
    const char = this.text[this.offset];
    return char === undefined || char === this.delimiter || char === '\n' || char === '\r';
  }

  private skipSpaces(): void {
    while (this.text[this.offset] === ' ' || this.text[this.offset] === '\t') this.offset++;
  }

  private skipEmptyLines(): void {
    for (;;) {
      const start = this.offset;
      this.skipSpaces();
      if (this.offset < this.text.length && !this.skipLineBreak()) {
        this.offset = start;
        return;
      }
      if (this.offset >= this.text.length) return;
    }
  }

  /** Consumes one LF, CRLF or CR; returns whether there was one. */
  private skipLineBreak(): boolean {
    const char = this.text[this.offset];
    if (char !== '\n' && char !== '\r') return false;
    this.offset += char === '\r' && this.text[this.offset + 1] === '\n' ? 2 : 1;
    this.line++;
    this.lineStart = this.offset;
    return true;
  }

  /** Moves the line count over the line breaks inside a quoted field, between `from` and `to`. */
  private countLineBreaks(from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const char = this.text[i];
      if (char === '\n' || (char === '\r' && this.text[i + 1] !== '\n')) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
  }

  private errorHere(reason: string): CsvSyntaxError {
    return new CsvSyntaxError(this.line, this.column(this.offset), reason, false);
  }

  /** After a recoverable error, the next row starts on the line after it. */
  private skipRestOfLine(): TextCursor {
    while (this.offset < this.text.length && !this.skipLineBreak()) this.offset++;
    return this.cursor();
  }

  private column(offset: number): number {
    return offset - this.lineStart + 1;
  }

  private cursor(): TextCursor {
    return { offset: this.offset, line: this.line };
  }
}

function describe(char: string | undefined): string {
  return char === undefined ? 'end of text' : `"${char}"`;
}
