import { GUARD } from './guard-loops';

/** A learner's module that tried to import something other than the engine. */
export class ImportNotAllowedError extends Error {
  constructor(readonly specifier: string) {
    super(
      `"${specifier}" cannot be imported here: a pipeline can import only from 'streamlab', the engine.`,
    );
    this.name = 'ImportNotAllowedError';
  }
}

/** What the learner's module may see besides its own code. */
export interface ModuleScope {
  /** Modules by specifier: `{ streamlab: engine }`. */
  readonly modules: Readonly<Record<string, unknown>>;
  readonly console: unknown;
  /** Called at the top of every loop body with the loop's place (see `guard-loops.ts`). */
  readonly guard: (line: number, column: number) => void;
}

/**
 * Runs CommonJS module code and returns its exports. `sourceUrl` names the code in stack traces,
 * so errors can be traced back to the learner's lines.
 */
export function evaluateModule(
  code: string,
  sourceUrl: string,
  scope: ModuleScope,
): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const require = (specifier: string) => {
    if (Object.hasOwn(scope.modules, specifier)) return scope.modules[specifier];
    throw new ImportNotAllowedError(specifier);
  };
  // The sandbox's CSP allows eval-like code: the sandbox itself is the security boundary.
  const factory = new Function(
    'require',
    'module',
    'exports',
    'console',
    GUARD,
    `${code}\n//# sourceURL=${sourceUrl}`,
  ) as (...args: unknown[]) => void;
  factory(require, module, module.exports, scope.console, scope.guard);
  return module.exports;
}

/**
 * How many lines `new Function` puts before the body, measured rather than assumed: engines
 * differ, and a stack frame's line minus this is the line in the module code.
 */
export const FUNCTION_HEADER_LINES: number = (() => {
  const probe = new Function(`throw new Error('probe');\n//# sourceURL=streamlab-probe`);
  try {
    probe();
  } catch (error) {
    const match = /streamlab-probe:(\d+):\d+/.exec((error as Error).stack ?? '');
    if (match) return Number(match[1]) - 1;
  }
  return 2;
})();
