import { describeError, type DescribedError } from './describe-error';
import { evaluateModule, type ModuleScope } from './evaluate';
import { guardLoops } from './guard-loops';
import type { CodeProblem } from './problem';
import { sourcePositions, transpiledToSource, type SourcePositions } from './source-position';
import { isAcornSyntaxError, strictSyntaxProblem } from './strict-syntax';
import { transpile } from './transpile';

export type { CodeProblem } from './problem';
export type { DescribedError } from './describe-error';
export type { ModuleScope } from './evaluate';
export { ImportNotAllowedError } from './evaluate';
export {
  DATA_FILE_DECLARATIONS,
  DATA_FILE_EXTENSIONS,
  dataFileHolding,
  dataFileModules,
  isDataFile,
} from './data-files';
export { createLoopGuard, EndlessLoopError } from './loop-guard';

/** A learner's file, ready to run in the sandbox. */
export interface CompiledModule {
  readonly file: string;
  readonly positions: SourcePositions;
  /** Runs the module's top level and returns its exports. */
  evaluate(scope: ModuleScope): Record<string, unknown>;
  /** Says what went wrong, at the learner's line. */
  describe(thrown: unknown): DescribedError;
}

/** TypeScript → guarded JavaScript, or the first syntax problem with its line and column. */
export function compileModule(
  source: string,
  file: string,
): { ok: true; module: CompiledModule } | { ok: false; problem: CodeProblem } {
  const transpiled = transpile(source, file);
  if (!transpiled.ok) return transpiled;
  let guarded: ReturnType<typeof guardLoops>;
  try {
    guarded = guardLoops(transpiled.value.code);
  } catch (error) {
    if (!isAcornSyntaxError(error)) throw error;
    const code = transpiled.value.code;
    const toSource = transpiledToSource(transpiled.value);
    return { ok: false, problem: strictSyntaxProblem(error, code, file, toSource) };
  }
  const positions = sourcePositions(transpiled.value, guarded);
  const sourceUrl = `learner:///${file}`;
  // The modules the code could import, so a name used without its import can be named.
  let modules: ModuleScope['modules'] = {};
  return {
    ok: true,
    module: {
      file,
      positions,
      evaluate: (scope) => {
        modules = scope.modules;
        return evaluateModule(guarded.code, sourceUrl, scope);
      },
      describe: (thrown) => describeError(thrown, sourceUrl, file, positions, modules),
    },
  };
}
