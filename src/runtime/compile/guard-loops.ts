import { parse } from 'acorn';
import { simple } from 'acorn-walk';
import type { Node } from 'acorn';
import { positionAt } from './problem';

/** The name of the function the sandbox defines to watch loops; see `loop-guard.ts`. */
export const GUARD = '__streamlabLoopGuard';

/** Code with loop guards added, and the way back to positions in the code before they were. */
export interface Guarded {
  readonly code: string;
  /** Maps a 1-based position in `code` to the same place in the unguarded code. */
  toUnguarded(line: number, column: number): { line: number; column: number };
}

interface Insertion {
  /** Offset in the unguarded code. */
  readonly at: number;
  readonly text: string;
}

type LoopNode = Node & { body: Node & { type: string; start: number; end: number } };

/**
 * Puts a call to {@link GUARD} at the top of every loop body, passing the loop's place, so a loop
 * that never ends can be stopped with a message that names it. Insertions never add line breaks,
 * so lines stay where they were; `toUnguarded` undoes the column shifts.
 */
export function guardLoops(code: string): Guarded {
  const ast = parse(code, { ecmaVersion: 'latest', sourceType: 'script', locations: true });
  const insertions: Insertion[] = [];
  const guardLoop = (node: Node) => {
    const loop = node as LoopNode;
    const start = loop.loc?.start;
    // acorn's columns count from 0; positions here count from 1.
    const call = `${GUARD}(${start?.line ?? 0},${(start?.column ?? 0) + 1});`;
    if (loop.body.type === 'BlockStatement') {
      insertions.push({ at: loop.body.start + 1, text: call });
    } else {
      insertions.push({ at: loop.body.start, text: `{${call}` });
      insertions.push({ at: loop.body.end, text: '}' });
    }
  };
  simple(ast, {
    WhileStatement: guardLoop,
    DoWhileStatement: guardLoop,
    ForStatement: guardLoop,
    ForInStatement: guardLoop,
    ForOfStatement: guardLoop,
  });
  insertions.sort((a, b) => a.at - b.at);

  let out = '';
  let last = 0;
  for (const { at, text } of insertions) {
    out += code.slice(last, at) + text;
    last = at;
  }
  out += code.slice(last);

  // Per line of the guarded code: the columns where text was inserted and how long it was.
  const shifts = new Map<number, { column: number; length: number }[]>();
  for (const { at, text } of insertions) {
    const { line, column } = positionAt(code, at);
    const list = shifts.get(line) ?? [];
    const before = list.reduce((sum, s) => sum + s.length, 0);
    list.push({ column: column + before, length: text.length });
    shifts.set(line, list);
  }

  return {
    code: out,
    toUnguarded(line, column) {
      let shift = 0;
      for (const s of shifts.get(line) ?? []) {
        if (s.column + s.length <= column) shift += s.length;
        else if (s.column <= column) return { line, column: s.column };
      }
      return { line, column: column - shift };
    },
  };
}
