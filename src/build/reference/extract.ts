import ts from 'typescript';
import type {
  InheritedMember,
  ReferenceDoc,
  ReferenceEntry,
  ReferenceMember,
  ReferenceSignature,
} from '../../content/reference-types.ts';
import { openDeclarations } from '../declarations-program.ts';
import { EMPTY_DOC, isEmptyDoc, readDoc, type LinkResolver } from './doc-comment.ts';
import {
  holdsObjectType,
  publicDeclarations,
  resolveAlias,
  shapeOf,
  type Shape,
} from './shapes.ts';
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

/** What reading a declaration's comment and code needs from around it. */
interface Reading {
  readonly resolve: LinkResolver;
  /** The exports a declaration's code names (as symbols, not by spelling). */
  refsOf(node: ts.Node): string[];
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
  for (const { name, symbol } of exported) {
    if (!exportNames.has(symbol)) exportNames.set(symbol, name);
  }
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

/**
 * `{@link X}`, `{@link X.member}` and, inside an export's comments, `{@link member}`, as hash
 * URLs; anything else is not part of the public API and is shown as code.
 */
function linkResolver(
  current: string,
  memberNames: ReadonlyMap<string, ReadonlySet<string>>,
): LinkResolver {
  return {
    href(target) {
      const [head = '', member, ...more] = target.split('.');
      if (more.length > 0) return undefined;
      if (memberNames.has(head)) {
        // A page does not link to itself, only to its members.
        if (member === undefined) return head === current ? undefined : `#/reference/${head}`;
        return memberNames.get(head)?.has(member) ? `#/reference/${head}#${member}` : undefined;
      }
      if (member === undefined && memberNames.get(current)?.has(head)) {
        return `#/reference/${current}#${head}`;
      }
      return undefined;
    },
    isExport: (name) => memberNames.has(name),
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
