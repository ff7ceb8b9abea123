import { DATA_FILE_EXTENSIONS, isDataFile } from './data-files';
import { GUARD } from './guard-loops';

/** A learner's module that tried to import something other than the engine or its data files. */
export class ImportNotAllowedError extends Error {
  /** `importable`: the specifiers the module could have imported. */
  constructor(
    readonly specifier: string,
    importable: readonly string[] = [],
  ) {
    super(refusal(specifier, importable));
    this.name = 'ImportNotAllowedError';
  }
}

function refusal(specifier: string, importable: readonly string[]): string {
  if (typeof specifier === 'string' && specifier.startsWith('./') && isDataFile(specifier)) {
    const files = importable.filter((s) => s.startsWith('./')).map((s) => s.slice(2));
    const there =
      files.length === 0 ? 'there are no data files yet' : `the data files are ${files.join(', ')}`;
    return `There is no file "${specifier.slice(2)}" to import: ${there}.`;
  }
  const endings = DATA_FILE_EXTENSIONS.join(', ');
  return `"${specifier}" cannot be imported here: a pipeline can import only from 'streamlab', the engine, and its data files by name ('./readings.csv'; files ending in ${endings}).`;
}

/** What the learner's module may see besides its own code. */
export interface ModuleScope {
  /** Modules by specifier: `{ streamlab: engine, './readings.csv': … }`. */
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
    throw new ImportNotAllowedError(specifier, Object.keys(scope.modules));
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
