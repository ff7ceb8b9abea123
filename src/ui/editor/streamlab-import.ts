/**
 * Adding a name to a learner's `import { … } from 'streamlab'`, as text edits. Completion and the
 * quick fix for a missing name both use this, so an import grows the same way whichever added it.
 * Pure: no Monaco here, only the file's text.
 */

/** Where the name is wanted: in code that runs, or only in type annotations. */
export type Usage = 'value' | 'type';

/** Replace `source.slice(start, end)` with `text`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

interface Specifier {
  readonly start: number;
  readonly end: number;
  /** The exported name (`X` in `X as Y`). */
  readonly imported: string;
  /** The name the file sees (`Y` in `X as Y`). */
  readonly local: string;
  /** `type X` inside a value import. */
  readonly inlineType: boolean;
  /** Offset of the exported name, after any `type`. */
  readonly nameStart: number;
}

interface NamedImport {
  /** Offset of the start of the line the statement begins on. */
  readonly lineStart: number;
  readonly typeOnly: boolean;
  /** Offset of `type` in `import type {`; -1 in a value import. */
  readonly typeKeyword: number;
  /** Offsets just inside `{` and `}`. */
  readonly listStart: number;
  readonly listEnd: number;
  readonly specifiers: readonly Specifier[];
  readonly quote: string;
  readonly semicolon: boolean;
}

// Imports are at the top of a learner's file and written one way; a pattern reads them well enough
// without shipping a TypeScript parser to the page.
const NAMED_IMPORT =
  /^[ \t]*import\s+(?:(type)\s*)?\{([^}]*)\}\s*from\s*(['"])streamlab\3([ \t]*;)?/gm;
const ANY_IMPORT = /^[ \t]*import\b/m;
const SPECIFIER = /^(type\s+)?([\p{L}_$][\p{L}\p{N}_$]*)(?:\s+as\s+([\p{L}_$][\p{L}\p{N}_$]*))?$/u;

/** The `import { … } from 'streamlab'` and `import type { … } from 'streamlab'` statements. */
function namedImports(source: string): NamedImport[] {
  return [...source.matchAll(NAMED_IMPORT)].map((match) => {
    const statement = match[0];
    const typeOnly = match[1] === 'type';
    const listStart = match.index + statement.indexOf('{') + 1;
    const list = match[2] ?? '';
    return {
      lineStart: match.index,
      typeOnly,
      typeKeyword: typeOnly ? match.index + statement.indexOf('type') : -1,
      listStart,
      listEnd: listStart + list.length,
      specifiers: specifiersOf(list, listStart),
      quote: match[3] ?? "'",
      semicolon: match[4] !== undefined,
    };
  });
}

function specifiersOf(list: string, offset: number): Specifier[] {
  const specifiers: Specifier[] = [];
  let from = 0;
  for (const piece of list.split(',')) {
    const lead = piece.length - piece.trimStart().length;
    const text = piece.trim();
    const match = SPECIFIER.exec(text);
    if (match?.[2]) {
      const start = offset + from + lead;
      specifiers.push({
        start,
        end: start + text.length,
        imported: match[2],
        local: match[3] ?? match[2],
        inlineType: match[1] !== undefined,
        nameStart: start + (match[1]?.length ?? 0),
      });
    }
    from += piece.length + 1;
  }
  return specifiers;
}

/** Names the file already imports from 'streamlab', as the file sees them. */
export function importedNames(source: string): Set<string> {
  return new Set(namedImports(source).flatMap((i) => i.specifiers.map((s) => s.local)));
}

/**
 * The edits that make `name` importable from 'streamlab' where it is used as `usage`: added to
 * the file's import (in sorted place when the list is sorted), or a new import line when there is
 * none. A type goes to a separate `import type { … }` when the file has one. No edits when the
 * name is imported already; a name imported only as a type but now needed as a value is moved
 * to the value import. Edits are in order and do not overlap.
 */
export function importEdits(source: string, name: string, usage: Usage): TextEdit[] {
  const imports = namedImports(source);
  const valueImport = imports.find((i) => !i.typeOnly);
  const typeImport = imports.find((i) => i.typeOnly);
  const found = findImported(imports, name);

  if (found && (usage === 'type' || (!found.in.typeOnly && !found.specifier.inlineType))) {
    return [];
  }
  if (found?.specifier.inlineType) {
    // `import { type X }`, and X is now needed as a value: drop the `type`.
    return [{ start: found.specifier.start, end: found.specifier.nameStart, text: '' }];
  }
  if (found) {
    // Only in `import type { … }`, now needed as a value.
    const from = found.in;
    if (from.specifiers.length === 1 && !valueImport) {
      // `import type { X }` becomes `import { X }`.
      const after = source.slice(from.typeKeyword + 'type'.length).search(/\S/);
      return [{ start: from.typeKeyword, end: from.typeKeyword + 'type'.length + after, text: '' }];
    }
    const removal = removeSpecifier(source, from, found.specifier);
    const addition = valueImport
      ? addSpecifier(source, valueImport, name)
      : newImport(source, name, 'value', imports);
    return [addition, removal].sort((a, b) => a.start - b.start);
  }

  const target = usage === 'type' ? (typeImport ?? valueImport) : valueImport;
  return [target ? addSpecifier(source, target, name) : newImport(source, name, usage, imports)];
}

function findImported(
  imports: readonly NamedImport[],
  name: string,
): { in: NamedImport; specifier: Specifier } | undefined {
  for (const i of imports) {
    const specifier = i.specifiers.find((s) => s.local === name);
    if (specifier) return { in: i, specifier };
  }
  return undefined;
}

/** Case-insensitive first, as editors sort imports; then by code unit, as a plain sort does. */
const ORDERS: ((a: string, b: string) => number)[] = [
  (a, b) => compare(a.toLowerCase(), b.toLowerCase()) || compare(a, b),
  compare,
];

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function addSpecifier(source: string, to: NamedImport, name: string): TextEdit {
  const { specifiers } = to;
  const last = specifiers.at(-1);
  if (!last) {
    return { start: to.listStart, end: to.listEnd, text: ` ${name} ` };
  }
  const names = specifiers.map((s) => s.imported);
  const order = ORDERS.find((o) => names.every((n, i) => i === 0 || o(names[i - 1] ?? '', n) <= 0));
  // An unsorted list gets the name at its end.
  const before = order ? specifiers.find((s) => order(name, s.imported) < 0) : undefined;
  if (before) {
    // The same gap as before the name it now precedes: a space, or a line break and indent.
    return { start: before.start, end: before.start, text: `${name},${gapBefore(source, before)}` };
  }
  return { start: last.end, end: last.end, text: `,${gapBefore(source, last)}${name}` };
}

/** The whitespace between a specifier and the `{` or `,` before it. */
function gapBefore(source: string, specifier: Specifier): string {
  return /\s*$/.exec(source.slice(0, specifier.start))?.[0] ?? ' ';
}

function removeSpecifier(source: string, from: NamedImport, specifier: Specifier): TextEdit {
  const index = from.specifiers.indexOf(specifier);
  const next = from.specifiers[index + 1];
  const previous = from.specifiers[index - 1];
  if (from.specifiers.length === 1) {
    // The statement goes, with its line.
    const lineEnd = source.indexOf('\n', from.listEnd);
    return { start: from.lineStart, end: lineEnd === -1 ? source.length : lineEnd + 1, text: '' };
  }
  if (next) return { start: specifier.start, end: next.start, text: '' };
  return { start: previous?.end ?? specifier.start, end: specifier.end, text: '' };
}

/**
 * A new import statement: above the file's first import (value imports come first), or else at
 * the top, below a header comment that a blank line separates from the code.
 */
function newImport(
  source: string,
  name: string,
  usage: Usage,
  imports: readonly NamedImport[],
): TextEdit {
  const like = imports[0];
  const quote = like?.quote ?? "'";
  const semicolon = like ? (like.semicolon ? ';' : '') : ';';
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const keyword = usage === 'type' ? 'import type' : 'import';
  const text = `${keyword} { ${name} } from ${quote}streamlab${quote}${semicolon}${eol}`;
  const firstImport = ANY_IMPORT.exec(source);
  const at = firstImport ? firstImport.index : belowHeader(source);
  return { start: at, end: at, text };
}

function belowHeader(source: string): number {
  const comment = /\s*(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/)/y;
  const blankLineAfter = /[ \t]*\r?\n(?=[ \t]*\r?\n)/y;
  let at = 0;
  while (comment.exec(source)) {
    // A comment with a blank line below heads the file; one right above code is about that code.
    blankLineAfter.lastIndex = comment.lastIndex;
    if (blankLineAfter.exec(source)) at = blankLineAfter.lastIndex;
  }
  return at;
}
