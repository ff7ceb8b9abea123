import { transform } from 'sucrase';
import { positionAt, type CodeProblem } from './problem';

/** The learner's module as JavaScript, with the map back to what they wrote. */
export interface Transpiled {
  /** CommonJS: `require` for imports, `exports.default` for the default export. */
  readonly code: string;
  /** Source map (v3) from `code` back to the TypeScript source. */
  readonly map: SourceMapJson;
}

export interface SourceMapJson {
  readonly version: number;
  readonly sources: string[];
  readonly names: string[];
  readonly mappings: string;
  readonly file?: string;
}

/**
 * Strips types from TypeScript. Sucrase keeps every statement on its line and is fast enough to run
 * on each Run (well under a millisecond for a lesson's file); its source map gives exact columns.
 */
export function transpile(
  source: string,
  file: string,
): { ok: true; value: Transpiled } | { ok: false; problem: CodeProblem } {
  try {
    const result = transform(source, {
      transforms: ['typescript', 'imports'],
      filePath: file,
      sourceMapOptions: { compiledFilename: file.replace(/\.ts$/, '.js') },
      // The learner writes ES modules; `imports` turns them into `require` calls that the sandbox
      // answers with the engine, and only the engine.
      production: true,
    });
    if (!result.sourceMap) throw new Error('sucrase returned no source map');
    return { ok: true, value: { code: result.code, map: result.sourceMap } };
  } catch (error) {
    const pos = (error as { pos?: number }).pos;
    const at = positionAt(source, typeof pos === 'number' ? pos : 0);
    // Sucrase says "Error transforming pipeline.ts: Unexpected token (2:19)": keep the middle.
    const message = (error instanceof Error ? error.message : String(error))
      .replace(/^Error transforming [^:]*: /, '')
      .replace(/\s*\(\d+:\d+\)$/, '');
    return { ok: false, problem: { message, file, ...at } };
  }
}
