import ts from 'typescript';
import { openDeclarations } from './declarations-program.ts';

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

/**
 * The names `index.d.ts` exports, read from the same declaration text the editor gives to Monaco
 * (so a name hidden by `@internal` is never offered), with `export *` followed. A type checker
 * over the declarations knows what `export { X } from …` and `export *` lead to, which reading
 * the text would not.
 */
export function listExports(declarations: Readonly<Record<string, string>>): EngineExport[] {
  const { checker, exports } = openDeclarations(declarations);
  return exports
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
