import ts from 'typescript';

/** Where the engine's declaration files sit in the programs made here. */
export const DECLARATIONS_ROOT = '/streamlab/';

/** A type checker over the engine's emitted declarations, and the exports of `index.d.ts`. */
export interface DeclarationsProgram {
  readonly checker: ts.TypeChecker;
  /** What `index.d.ts` exports (aliases, as `export { X } from …` makes them). */
  readonly exports: readonly ts.Symbol[];
  /** A source file's path relative to the engine folder (`watermarks/strategy.d.ts`). */
  fileOf(node: ts.Node): string;
}

/**
 * Opens the engine's declarations (`{ 'index.d.ts': '…', … }`, as the editor gets them) as a
 * program. No lib: only what the engine declares is asked about, never whether its types check.
 */
export function openDeclarations(
  declarations: Readonly<Record<string, string>>,
): DeclarationsProgram {
  const paths = Object.keys(declarations).map((file) => DECLARATIONS_ROOT + file);
  const inside = (path: string) =>
    path.startsWith(DECLARATIONS_ROOT) ? path.slice(DECLARATIONS_ROOT.length) : undefined;
  const host = ts.createCompilerHost({});
  host.getCurrentDirectory = () => '/';
  host.fileExists = (path) => declarations[inside(path) ?? ''] !== undefined;
  host.readFile = (path) => declarations[inside(path) ?? ''];
  host.directoryExists = (dir) => paths.some((path) => path.startsWith(`${dir}/`));
  host.getSourceFile = (path, version) => {
    const text = host.readFile(path);
    return text === undefined ? undefined : ts.createSourceFile(path, text, version, true);
  };
  const program = ts.createProgram(
    [`${DECLARATIONS_ROOT}index.d.ts`],
    { noLib: true, types: [] },
    host,
  );
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(`${DECLARATIONS_ROOT}index.d.ts`);
  const module = index && checker.getSymbolAtLocation(index);
  if (!module) throw new Error('The engine declarations have no index.d.ts module');
  return {
    checker,
    exports: checker.getExportsOfModule(module),
    fileOf: (node) => inside(node.getSourceFile().fileName) ?? node.getSourceFile().fileName,
  };
}
