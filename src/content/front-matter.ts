import { parseDocument } from 'yaml';

/** A problem in a lesson file, naming the place so an author can fix it. */
export class LessonFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'LessonFormatError';
  }
}

export interface FrontMatter {
  readonly data: Record<string, unknown>;
  readonly body: string;
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Splits `---`-fenced YAML front matter from the Markdown body. */
export function parseFrontMatter(file: string, source: string): FrontMatter {
  const match = FENCE.exec(source);
  if (!match) return { data: {}, body: source };
  const yamlText = match[1] ?? '';
  const doc = parseDocument(yamlText);
  const [first] = doc.errors;
  if (first) {
    // +1 for the opening fence line, +1 because YAML lines are zero-based.
    const line = (first.linePos?.[0].line ?? 1) + 1;
    throw new LessonFormatError(file, line, `front matter is not valid YAML: ${first.message}`);
  }
  const data: unknown = doc.toJS();
  if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
    throw new LessonFormatError(file, 2, 'front matter must be a mapping of field: value');
  }
  return { data: (data ?? {}) as Record<string, unknown>, body: source.slice(match[0].length) };
}

/** Finds the line of `field:` in the front matter, so errors point at it. */
export function lineOf(source: string, field: string): number {
  const lines = source.split(/\r?\n/);
  const index = lines.findIndex((l) => l.startsWith(`${field}:`));
  return index < 0 ? 1 : index + 1;
}
