import {
  GREATEST_LOWER_BOUND,
  LEAST_UPPER_BOUND,
  TraceMap,
  originalPositionFor,
  type EncodedSourceMap,
} from '@jridgewell/trace-mapping';
import type { Guarded } from './guard-loops';
import type { Transpiled } from './transpile';

/** Maps positions in the code that ran back to the learner's TypeScript. */
export interface SourcePositions {
  /** 1-based line and column in the evaluated module body → the same place in the source. */
  toSource(line: number, column: number): { line: number; column: number };
  /** The same, for a position in the transpiled code before loop guards were added. */
  fromTranspiled(line: number, column: number): { line: number; column: number };
}

export function sourcePositions(transpiled: Transpiled, guarded: Guarded): SourcePositions {
  const fromTranspiled = transpiledToSource(transpiled);
  return {
    toSource: (line, column) => {
      const unguarded = guarded.toUnguarded(line, column);
      return fromTranspiled(unguarded.line, unguarded.column);
    },
    fromTranspiled,
  };
}

/** 1-based line and column in the transpiled code → the same place in the learner's source. */
export function transpiledToSource(
  transpiled: Transpiled,
): (line: number, column: number) => { line: number; column: number } {
  const map = new TraceMap(transpiled.map as EncodedSourceMap);
  return (line: number, column: number) => {
    const generated = { line, column };
    // Sucrase maps token by token: take the token at or before the column, or else the first
    // token after it (a position in a line's leading whitespace). trace-mapping counts columns
    // from 0.
    for (const bias of [GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND] as const) {
      const original = originalPositionFor(map, {
        line: generated.line,
        column: generated.column - 1,
        bias,
      });
      if (original.line !== null && original.column !== null) {
        return { line: original.line, column: original.column + 1 };
      }
    }
    return generated;
  };
}
