/**
 * Finds *where* things are in one line of JSON. `JSON.parse` does the parsing; it just cannot say
 * where a syntax error is in a way that is the same in every JavaScript engine, nor where a field's
 * value starts. This scanner follows the JSON grammar (RFC 8259) to answer both, and only runs when
 * a row is bad.
 */

/** The first syntax error in a JSON text: its offset (0-based) and what is wrong. */
export interface JsonSyntaxProblem {
  readonly offset: number;
  readonly reason: string;
}

/** Locates the first syntax error in `text`, or returns `undefined` if it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  try {
    new JsonScanner(text).document();
    return undefined;
  } catch (error) {
    if (error instanceof ScanError) return { offset: error.offset, reason: error.reason };
    throw error;
  }
}

/**
 * For valid JSON whose top level is an object: the offset at which each member's value starts (for
 * a repeated name, the last one, which is the one `JSON.parse` keeps).
 */
export function memberValueOffsets(text: string): ReadonlyMap<string, number> {
  const scanner = new JsonScanner(text);
  scanner.document();
  return scanner.topLevelMembers;
}

class ScanError {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

const LITERALS = ['true', 'false', 'null'] as const;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

class JsonScanner {
  readonly topLevelMembers = new Map<string, number>();
  private offset = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.value();
    this.whitespace();
    if (this.offset < this.text.length) this.fail('after the end of the JSON value');
  }

  private value(): void {
    this.whitespace();
    const char = this.text[this.offset];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return void this.string();
    if (char === '-' || isDigit(char)) return this.number();
    const literal = LITERALS.find((word) => this.text.startsWith(word, this.offset));
    if (literal === undefined) this.fail('where a value should start');
    this.offset += literal.length;
  }

  private object(): void {
    this.offset++;
    this.depth++;
    this.whitespace();
    if (this.text[this.offset] === '}') return this.close();
    for (;;) {
      this.whitespace();
      if (this.text[this.offset] !== '"')
        this.fail('where a member name in double quotes should be');
      const name = this.string();
      this.whitespace();
      if (this.text[this.offset] !== ':') this.fail('where ":" should follow the member name');
      this.offset++;
      this.whitespace();
      if (this.depth === 1) this.topLevelMembers.set(name, this.offset);
      this.value();
      this.whitespace();
      if (this.text[this.offset] === '}') return this.close();
      if (this.text[this.offset] !== ',') this.fail('where "," or "}" should be');
      this.offset++;
    }
  }

  private array(): void {
    this.offset++;
    this.depth++;
    this.whitespace();
    if (this.text[this.offset] === ']') return this.close();
    for (;;) {
      this.value();
      this.whitespace();
      if (this.text[this.offset] === ']') return this.close();
      if (this.text[this.offset] !== ',') this.fail('where "," or "]" should be');
      this.offset++;
    }
  }

  private close(): void {
    this.offset++;
    this.depth--;
  }

  /** Scans a string and returns its decoded content. */
  private string(): string {
    const start = this.offset++;
    for (;;) {
      const char = this.text[this.offset];
      if (char === undefined)
        throw new ScanError(start, 'invalid JSON: this string is never closed');
      if (char === '"') break;
      if (char < ' ') this.fail('inside a string (control characters must be escaped)');
      if (char === '\\') this.escape();
      else this.offset++;
    }
    this.offset++;
    return JSON.parse(this.text.slice(start, this.offset)) as string;
  }

  private escape(): void {
    const code = this.text[this.offset + 1];
    if (code === 'u') {
      const hex = this.text.slice(this.offset + 2, this.offset + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('(\\u must be followed by four hex digits)');
      this.offset += 6;
    } else if (code !== undefined && ESCAPES.has(code)) {
      this.offset += 2;
    } else {
      this.fail('(not a valid escape sequence)');
    }
  }

  private number(): void {
    if (this.text[this.offset] === '-') this.offset++;
    if (this.text[this.offset] === '0') this.offset++;
    else this.digits('in a number');
    if (this.text[this.offset] === '.') {
      this.offset++;
      this.digits('after the decimal point');
    }
    if (this.text[this.offset] === 'e' || this.text[this.offset] === 'E') {
      this.offset++;
      if (this.text[this.offset] === '+' || this.text[this.offset] === '-') this.offset++;
      this.digits('in the exponent');
    }
  }

  private digits(where: string): void {
    if (!isDigit(this.text[this.offset])) this.fail(where);
    while (isDigit(this.text[this.offset])) this.offset++;
  }

  private whitespace(): void {
    while (/^[ \t\n\r]$/.test(this.text[this.offset] ?? '')) this.offset++;
  }

  private fail(where: string): never {
    const char = this.text[this.offset];
    const found = char === undefined ? 'end of line' : `"${char}"`;
    throw new ScanError(this.offset, `invalid JSON: unexpected ${found} ${where}`);
  }
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}
