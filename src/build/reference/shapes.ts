import ts from 'typescript';
import type { ReferenceKind, ReferenceMemberKind } from '../../content/reference-types.ts';
import type { DeclarationsProgram } from '../declarations-program.ts';
import { isInternal } from './doc-comment.ts';

/**
 * Pass one of reading the reference: which exports there are, of what kind, and which public
 * members each has, its own and those it inherits from another export.
 */

/** An export, its public declarations and members: what pass one finds. */
export interface Shape {
  readonly name: string;
  readonly kind: ReferenceKind;
  readonly declarations: readonly ts.Declaration[];
  readonly own: readonly MemberShape[];
  readonly inherited: readonly (MemberShape & { readonly from: string })[];
}

export interface MemberShape {
  readonly name: string;
  readonly kind: ReferenceMemberKind;
  readonly static: boolean;
  readonly declarations: readonly ts.Declaration[];
  /**
   * What it overrides or implements: an override without a comment of its own shows the
   * comment of the member it replaces, as the editor's hover does.
   */
  readonly overridden: readonly ts.Declaration[];
}

export function resolveAlias(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

export function publicDeclarations(symbol: ts.Symbol): ts.Declaration[] {
  return (symbol.declarations ?? []).filter((d) => !isInternal(d) && !isHidden(d));
}

/** Private, protected and `#private` members, which the reference leaves out. */
function isHidden(declaration: ts.Declaration): boolean {
  const name = ts.getNameOfDeclaration(declaration);
  if (name && ts.isPrivateIdentifier(name)) return true;
  const flags = ts.getCombinedModifierFlags(declaration);
  return (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0;
}

/** An export as pass one sees it; `owners` maps declarations to the exports they make. */
export function shapeOf(
  { checker }: DeclarationsProgram,
  name: string,
  symbol: ts.Symbol,
  owners: ReadonlyMap<ts.Node, string>,
): Shape {
  const declarations = publicDeclarations(symbol);
  if (declarations.length === 0) throw new Error(`${name} is exported but has no declaration`);
  const kind = kindOf(symbol, declarations);
  const members: (MemberShape & { readonly from: string })[] = [];
  const first = declarations[0] as ts.Declaration;
  // A constant's members are called through it, as static methods are: `Time.seconds(2)`.
  const holder = ts.isVariableDeclaration(first) ? 'constant' : 'type';
  const add = (properties: readonly ts.Symbol[], isStatic: boolean) => {
    for (const property of properties) {
      const found = publicDeclarations(property);
      const [declaration] = found;
      // `prototype` is the class itself; `__type`-style fields only keep a type parameter in
      // the type (`declare readonly __type?: T`) and hold nothing to read.
      if (!declaration || property.name === 'prototype' || property.name.startsWith('__')) {
        continue;
      }
      members.push({
        name: property.name,
        kind: memberKindOf(declaration, holder),
        static: isStatic,
        declarations: found,
        overridden: overriddenBy(checker, declaration, property.name, isStatic),
        from: ownerOf(declaration, owners) ?? name,
      });
    }
  };

  if (symbol.flags & ts.SymbolFlags.Class) {
    const constructors = declarations
      .filter(ts.isClassDeclaration)
      .flatMap((c) => c.members.filter(ts.isConstructorDeclaration))
      .filter((c) => !isInternal(c) && !isHidden(c));
    if (constructors.length > 0) {
      members.push({
        name: 'constructor',
        kind: 'constructor',
        static: false,
        declarations: constructors,
        overridden: [],
        from: name,
      });
    }
    add(checker.getPropertiesOfType(checker.getTypeOfSymbol(symbol)), true);
    add(checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol)), false);
  } else if (symbol.flags & ts.SymbolFlags.Interface) {
    add(checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol)), false);
  } else if (ts.isTypeAliasDeclaration(first) && holdsObjectType(first.type)) {
    add(checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol)), false);
  } else if (ts.isVariableDeclaration(first) && first.type && ts.isTypeLiteralNode(first.type)) {
    add(checker.getPropertiesOfType(checker.getTypeOfSymbol(symbol)), true);
  }

  const anchorsSeen = new Set<string>();
  for (const member of members) {
    if (anchorsSeen.has(member.name)) {
      throw new Error(`${name} has two members named ${member.name}: their anchors would clash`);
    }
    anchorsSeen.add(member.name);
  }
  const own = members.filter((m) => m.from === name).sort(byReadingOrder);
  const inherited = members.filter((m) => m.from !== name).sort(byReadingOrder);
  return { name, kind, declarations, own, inherited };
}

/** The declarations a class or interface member overrides or implements, nearest first. */
function overriddenBy(
  checker: ts.TypeChecker,
  member: ts.Declaration,
  name: string,
  isStatic: boolean,
): ts.Declaration[] {
  const container = member.parent;
  if (!ts.isClassLike(container) && !ts.isInterfaceDeclaration(container)) return [];
  const found: ts.Declaration[] = [];
  for (const clause of container.heritageClauses ?? []) {
    for (const base of clause.types) {
      const named = isStatic ? checker.getSymbolAtLocation(base.expression) : undefined;
      const baseClass = named && resolveAlias(checker, named);
      if (isStatic && !baseClass) continue;
      const type = baseClass
        ? checker.getTypeOfSymbolAtLocation(baseClass, base)
        : checker.getTypeAtLocation(base);
      const property = checker.getPropertyOfType(type, name);
      for (const declaration of property?.declarations ?? []) {
        if (!found.includes(declaration)) found.push(declaration);
      }
    }
  }
  return found;
}

/** Constructor, then static members, properties and methods, each in declaration order. */
function byReadingOrder(a: MemberShape, b: MemberShape): number {
  const rank = (m: MemberShape) =>
    m.kind === 'constructor' ? 0 : m.static ? 1 : m.kind === 'property' ? 2 : 3;
  const position = (m: MemberShape) => m.declarations[0]?.getStart() ?? 0;
  return rank(a) - rank(b) || position(a) - position(b);
}

/** An object type, or an intersection with one: its members are listed. Unions are not. */
export function holdsObjectType(type: ts.TypeNode): boolean {
  return (
    ts.isTypeLiteralNode(type) ||
    (ts.isIntersectionTypeNode(type) && type.types.some((t) => ts.isTypeLiteralNode(t)))
  );
}

/** The export declaring the class, interface or object type a member sits in. */
function ownerOf(member: ts.Node, owners: ReadonlyMap<ts.Node, string>): string | undefined {
  for (let node: ts.Node | undefined = member.parent; node; node = node.parent) {
    const owner = owners.get(node);
    if (owner) return owner;
  }
  return undefined;
}

function kindOf(symbol: ts.Symbol, declarations: readonly ts.Declaration[]): ReferenceKind {
  const flags = symbol.flags;
  if (flags & ts.SymbolFlags.Class) {
    const abstract = declarations.some(
      (d) => ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Abstract,
    );
    return abstract ? 'abstract class' : 'class';
  }
  if (flags & ts.SymbolFlags.Enum) return 'enum';
  if (flags & ts.SymbolFlags.Function) return 'function';
  if (flags & ts.SymbolFlags.Variable) return 'constant';
  if (flags & ts.SymbolFlags.Interface) return 'interface';
  if (flags & ts.SymbolFlags.Module) return 'namespace';
  return 'type';
}

/** A method, or on an object constant a property holding a function (`Time.seconds`). */
function memberKindOf(
  declaration: ts.Declaration,
  holder: 'constant' | 'type',
): ReferenceMemberKind {
  if (ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration)) return 'method';
  const functionValued =
    (ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration)) &&
    declaration.type !== undefined &&
    ts.isFunctionTypeNode(declaration.type);
  return holder === 'constant' && functionValued ? 'method' : 'property';
}
