import ts from 'typescript';
import type {
  InheritedMember,
  ReferenceDoc,
  ReferenceEntry,
  ReferenceKind,
  ReferenceMember,
  ReferenceMemberKind,
  ReferenceSignature,
} from '../../content/reference-types.ts';
import { openDeclarations, type DeclarationsProgram } from '../declarations-program.ts';
import { EMPTY_DOC, isEmptyDoc, isInternal, readDoc, type LinkResolver } from './doc-comment.ts';
import {
  declarationCode,
  headerCode,
  objectHolderCode,
  variableCode,
  type Place,
} from './signature.ts';

/** The reference as read from the declarations: text in Markdown, code as plain TypeScript. */
export interface ExtractedReference {
  /** One per export of `index.d.ts`, sorted by name. */
  readonly entries: readonly ReferenceEntry[];
  /**
   * Per declaration file (`watermarks/strategy.d.ts`), where the name of an export or of one of
   * its members starts, mapped to its reference path (`WatermarkStrategy#withIdleness`). The
   * editor finds a name's definition in the same text and links its hover here.
   */
  readonly anchors: Readonly<Record<string, Readonly<Record<number, string>>>>;
}

/** An export, its public declarations and members: what pass one finds. */
interface Shape {
  readonly name: string;
  readonly kind: ReferenceKind;
  readonly declarations: readonly ts.Declaration[];
  readonly own: readonly MemberShape[];
  readonly inherited: readonly (MemberShape & { readonly from: string })[];
}

/** What reading a declaration's comment and code needs from around it. */
interface Reading {
  readonly resolve: LinkResolver;
  /** The exports a declaration's code names (as symbols, not by spelling). */
  refsOf(node: ts.Node): string[];
}

interface MemberShape {
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

/**
 * Reads every public export of the engine's declarations (`{ 'index.d.ts': '…', … }`, emitted with
 * `stripInternal`) with its signatures, TSDoc and public members. Private, protected, `#private`
 * and `@internal` members are left out; members a class or interface inherits from another
 * export are listed by name and point to that export.
 */
export async function extractReference(
  declarations: Readonly<Record<string, string>>,
  /** The index section of an export, from its name and the file declaring it. */
  groupOf: (name: string, file: string) => string,
): Promise<ExtractedReference> {
  const program = openDeclarations(declarations);
  const exported = program.exports
    .map((symbol) => ({ name: symbol.name, symbol: resolveAlias(program.checker, symbol) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));

  // Which export each class, interface, type or constant declaration belongs to, so an inherited
  // member can name the export that declares it.
  const owners = new Map<ts.Node, string>();
  for (const { name, symbol } of exported) {
    for (const declaration of publicDeclarations(symbol)) {
      if (!owners.has(declaration)) owners.set(declaration, name);
    }
  }
  const shapes = exported.map(({ name, symbol }) => shapeOf(program, name, symbol, owners));
  const memberNames = new Map(
    shapes.map((s) => [s.name, new Set([...s.own, ...s.inherited].map((m) => m.name))]),
  );

  const exportNames = new Map<ts.Symbol, string>();
  for (const { name, symbol } of exported)
    if (!exportNames.has(symbol)) exportNames.set(symbol, name);
  const refsOf = (node: ts.Node) => exportsNamedIn(program.checker, node, exportNames);

  const entries: ReferenceEntry[] = [];
  const anchors: Record<string, Record<number, string>> = {};
  const anchor = (node: ts.Declaration, path: string) => {
    const name = ts.getNameOfDeclaration(node);
    if (!name) return;
    const forFile = (anchors[program.fileOf(node)] ??= {});
    forFile[name.getStart()] ??= path;
  };

  for (const shape of shapes) {
    const resolve = linkResolver(shape.name, memberNames);
    const reading: Reading = { resolve, refsOf };
    const members: ReferenceMember[] = [];
    for (const member of shape.own) {
      const place: Place = ts.isClassLike(member.declarations[0]?.parent as ts.Node)
        ? 'class member'
        : 'type member';
      const { doc, signatures } = await signaturesOf(
        member.declarations,
        place,
        reading,
        undefined,
        member.overridden,
      );
      members.push({
        name: member.name,
        kind: member.kind,
        static: member.static,
        signatures,
        doc,
      });
      for (const d of member.declarations) anchor(d, `${shape.name}#${member.name}`);
    }
    const inherited: InheritedMember[] = shape.inherited.map((member) => ({
      name: member.name,
      kind: member.kind,
      from: member.from,
      summary: docOf(
        [...member.declarations, ...member.overridden],
        linkResolver(member.from, memberNames),
      ).summary,
    }));
    const top = await topSignaturesOf(shape, reading);
    for (const d of shape.declarations) anchor(d, shape.name);
    entries.push({
      name: shape.name,
      kind: shape.kind,
      group: groupOf(shape.name, program.fileOf(shape.declarations[0] as ts.Node)),
      signatures: top.signatures,
      doc: top.doc,
      members,
      inherited,
    });
  }
  return { entries, anchors };
}

function resolveAlias(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

function publicDeclarations(symbol: ts.Symbol): ts.Declaration[] {
  return (symbol.declarations ?? []).filter((d) => !isInternal(d) && !isHidden(d));
}

/** Private, protected and `#private` members, which the reference leaves out. */
function isHidden(declaration: ts.Declaration): boolean {
  const name = ts.getNameOfDeclaration(declaration);
  if (name && ts.isPrivateIdentifier(name)) return true;
  const flags = ts.getCombinedModifierFlags(declaration);
  return (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0;
}

function shapeOf(
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
      const first = found[0];
      // `prototype` is the class itself; `__type`-style fields only keep a type parameter in
      // the type (`declare readonly __type?: T`) and hold nothing to read.
      if (!first || property.name === 'prototype' || property.name.startsWith('__')) continue;
      members.push({
        name: property.name,
        kind: memberKindOf(first, holder),
        static: isStatic,
        declarations: found,
        overridden: overriddenBy(checker, first, property.name, isStatic),
        from: ownerOf(first, owners) ?? name,
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
function holdsObjectType(type: ts.TypeNode): boolean {
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

/**
 * `{@link X}`, `{@link X.member}` and, inside an export's comments, `{@link member}`, as hash
 * URLs; anything else is not part of the public API and is shown as code.
 */
function linkResolver(
  current: string,
  memberNames: ReadonlyMap<string, ReadonlySet<string>>,
): LinkResolver {
  return (target) => {
    const [head = '', member, ...more] = target.split('.');
    if (more.length > 0) return undefined;
    if (memberNames.has(head)) {
      if (member === undefined) return `#/reference/${head}`;
      return memberNames.get(head)?.has(member) ? `#/reference/${head}#${member}` : undefined;
    }
    if (member === undefined && memberNames.get(current)?.has(head)) {
      return `#/reference/${current}#${head}`;
    }
    return undefined;
  };
}

/** The first comment that says something, among a symbol's declarations (overloads, get/set). */
function docOf(declarations: readonly ts.Node[], resolve: LinkResolver): ReferenceDoc {
  for (const declaration of declarations) {
    const doc = readDoc(declaration, resolve);
    if (!isEmptyDoc(doc)) return doc;
  }
  return EMPTY_DOC;
}

/** Each declaration as a signature, with its own comment only where overloads' comments differ. */
async function signaturesOf(
  declarations: readonly ts.Node[],
  place: Place,
  { resolve, refsOf }: Reading,
  code: (node: ts.Node) => Promise<string> = (node) => declarationCode(node, place),
  overridden: readonly ts.Node[] = [],
): Promise<{ doc: ReferenceDoc; signatures: ReferenceSignature[] }> {
  const doc = docOf([...declarations, ...overridden], resolve);
  const shared = JSON.stringify(doc);
  const signatures: ReferenceSignature[] = [];
  for (const declaration of declarations) {
    const own = readDoc(declaration, resolve);
    const differs = !isEmptyDoc(own) && JSON.stringify(own) !== shared;
    const signature = { code: await code(declaration), refs: refsOf(declaration) };
    signatures.push(differs ? { ...signature, doc: own } : signature);
  }
  return { doc, signatures };
}

/** How the export itself is declared: a class header, a function's overloads, a type, … */
async function topSignaturesOf(
  shape: Shape,
  reading: Reading,
): Promise<{ doc: ReferenceDoc; signatures: ReferenceSignature[] }> {
  const declarations = shape.declarations;
  switch (shape.kind) {
    case 'class':
    case 'abstract class':
      return signaturesOf(declarations.filter(ts.isClassDeclaration), 'top', reading, (node) =>
        headerCode(node as ts.ClassDeclaration),
      );
    case 'interface': {
      // Merged interface declarations share one header; their comments are read in turn.
      const [first] = declarations.filter(ts.isInterfaceDeclaration);
      return {
        doc: docOf(declarations, reading.resolve),
        signatures: first ? [{ code: await headerCode(first), refs: reading.refsOf(first) }] : [],
      };
    }
    case 'constant':
      return signaturesOf(declarations.filter(ts.isVariableDeclaration), 'top', reading, (node) => {
        const variable = node as ts.VariableDeclaration;
        return variable.type && ts.isTypeLiteralNode(variable.type)
          ? objectHolderCode(variable)
          : variableCode(variable);
      });
    case 'type':
      return signaturesOf(declarations, 'top', reading, (node) =>
        ts.isTypeAliasDeclaration(node) && holdsObjectType(node.type)
          ? objectHolderCode(node)
          : declarationCode(node, 'top'),
      );
    default:
      return signaturesOf(declarations, 'top', reading);
  }
}

/**
 * The exports a declaration names in its types and heritage, found through the checker: a local
 * type that happens to share an export's name is not one of them.
 */
function exportsNamedIn(
  checker: ts.TypeChecker,
  node: ts.Node,
  exportNames: ReadonlyMap<ts.Symbol, string>,
): string[] {
  const found = new Set<string>();
  const visit = (child: ts.Node) => {
    const name = ts.isTypeReferenceNode(child)
      ? child.typeName
      : ts.isExpressionWithTypeArguments(child)
        ? child.expression
        : ts.isTypeQueryNode(child)
          ? child.exprName
          : undefined;
    const symbol = name && checker.getSymbolAtLocation(name);
    const exported = symbol && exportNames.get(resolveAlias(checker, symbol));
    if (exported) found.add(exported);
    ts.forEachChild(child, visit);
  };
  visit(node);
  return [...found].sort();
}
