import ts from 'typescript';

/** One name a learner can import from 'streamlab'. */
export interface EngineExport {
  readonly name: string;
  /** What declares it; the editor picks a completion's icon from this. */
  readonly kind: 'class' | 'function' | 'variable' | 'enum' | 'interface' | 'type' | 'namespace';
  /** Usable in expressions (`X.of(…)`, `new X()`). A class is both a value and a type. */
  readonly value: boolean;
  /** Usable in type annotations. */
  readonly type: boolean;
}

const ROOT = '/streamlab/';

/**
 * The names `index.d.ts` exports, read from the same declaration text the editor gives to Monaco
 * (so a name hidden by `@internal` is never offered), with `export *` followed. A type checker
 * over the declarations knows what `export { X } from …` and `export *` lead to, which reading
 * the text would not.
 */
export function listExports(declarations: Readonly<Record<string, string>>): EngineExport[] {
  const paths = Object.keys(declarations).map((file) => ROOT + file);
  const inside = (path: string) => (path.startsWith(ROOT) ? path.slice(ROOT.length) : undefined);
  const host = ts.createCompilerHost({});
  host.getCurrentDirectory = () => '/';
  host.fileExists = (path) => declarations[inside(path) ?? ''] !== undefined;
  host.readFile = (path) => declarations[inside(path) ?? ''];
  host.directoryExists = (dir) => paths.some((path) => path.startsWith(`${dir}/`));
  host.getSourceFile = (path, version) => {
    const text = host.readFile(path);
    return text === undefined ? undefined : ts.createSourceFile(path, text, version);
  };
  // No lib: only what the engine declares is asked about, never whether its types check.
  const program = ts.createProgram([`${ROOT}index.d.ts`], { noLib: true, types: [] }, host);
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(`${ROOT}index.d.ts`);
  const module = index && checker.getSymbolAtLocation(index);
  if (!module) throw new Error('The engine declarations have no index.d.ts module');

  return checker
    .getExportsOfModule(module)
    .map((symbol) => describe(checker, symbol))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

function describe(checker: ts.TypeChecker, symbol: ts.Symbol): EngineExport {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const typeOnly = isTypeOnly(checker, symbol);
  return {
    name: symbol.name,
    kind: kindOf(target.flags),
    value: !typeOnly && (target.flags & ts.SymbolFlags.Value) !== 0,
    type: (target.flags & ts.SymbolFlags.Type) !== 0,
  };
}

/** `export type { SomeClass }` anywhere along the re-exports leaves only the type usable. */
function isTypeOnly(checker: ts.TypeChecker, symbol: ts.Symbol): boolean {
  for (let link: ts.Symbol | undefined = symbol; link;) {
    if (link.declarations?.some((d) => ts.isTypeOnlyImportOrExportDeclaration(d))) return true;
    link = link.flags & ts.SymbolFlags.Alias ? checker.getImmediateAliasedSymbol(link) : undefined;
  }
  return false;
}

function kindOf(flags: ts.SymbolFlags): EngineExport['kind'] {
  if (flags & ts.SymbolFlags.Class) return 'class';
  if (flags & ts.SymbolFlags.Enum) return 'enum';
  if (flags & ts.SymbolFlags.Function) return 'function';
  if (flags & ts.SymbolFlags.Variable) return 'variable';
  if (flags & ts.SymbolFlags.Interface) return 'interface';
  if (flags & ts.SymbolFlags.Module) return 'namespace';
  return 'type';
}
