import * as prettier from 'prettier';
import ts from 'typescript';

/**
 * Declarations printed as TypeScript for the reference, from the emitted `.d.ts` nodes: what the
 * editor's hover shows, without comments, `export` or `declare`, wrapped by Prettier when long.
 */

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/** Where a declaration's printed text is placed so that Prettier can parse it. */
export type Place = 'top' | 'header' | 'class member' | 'type member';

// Signatures wider than this are laid out on several lines: about what the page's code box shows
// at 1280 px without scrolling.
const WIDTH = 90;

/** A function, type alias, enum, or a class or interface member, as one signature. */
export async function declarationCode(node: ts.Node, place: Place): Promise<string> {
  return tidy(print(node), place);
}

/** A class or interface without its body: `class X<T> extends Y<T>`. */
export async function headerCode(
  node: ts.ClassDeclaration | ts.InterfaceDeclaration,
): Promise<string> {
  const bare = ts.isClassDeclaration(node)
    ? ts.factory.updateClassDeclaration(
        node,
        node.modifiers,
        node.name,
        node.typeParameters,
        node.heritageClauses,
        [],
      )
    : ts.factory.updateInterfaceDeclaration(
        node,
        node.modifiers,
        node.name,
        node.typeParameters,
        node.heritageClauses,
        [],
      );
  return tidy(print(bare, node.getSourceFile()).replace(/\s*\{\s*\}\s*$/, ''), 'header');
}

/**
 * A constant or type alias whose type is an object type (or an intersection with one), its
 * members listed apart: `const Time: { … }`, `type Options<T> = TextSourceOptions<T> & { … }`.
 */
export async function objectHolderCode(
  node: ts.VariableDeclaration | ts.TypeAliasDeclaration,
): Promise<string> {
  const { factory } = ts;
  const empty = factory.createTypeLiteralNode([]);
  const emptied = (type: ts.TypeNode): ts.TypeNode =>
    ts.isTypeLiteralNode(type)
      ? empty
      : ts.isIntersectionTypeNode(type)
        ? factory.updateIntersectionTypeNode(
            type,
            factory.createNodeArray(type.types.map((t) => (ts.isTypeLiteralNode(t) ? empty : t))),
          )
        : type;
  const text =
    ts.isVariableDeclaration(node) && node.type
      ? `${keywordOf(node)} ${print(
          factory.updateVariableDeclaration(
            node,
            node.name,
            undefined,
            emptied(node.type),
            undefined,
          ),
          node.getSourceFile(),
        )}`
      : ts.isTypeAliasDeclaration(node)
        ? print(
            factory.updateTypeAliasDeclaration(
              node,
              node.modifiers,
              node.name,
              node.typeParameters,
              emptied(node.type),
            ),
            node.getSourceFile(),
          )
        : print(node);
  return (await tidy(text, 'top')).replace(/\{\s*\}/g, '{ … }');
}

/** A constant declared with a plain type: `const MAX_WATERMARK: Millis`. */
export async function variableCode(node: ts.VariableDeclaration): Promise<string> {
  return tidy(`${keywordOf(node)} ${print(node)}`, 'top');
}

function keywordOf(node: ts.VariableDeclaration): 'const' | 'let' {
  return ts.getCombinedNodeFlags(node) & ts.NodeFlags.Const ? 'const' : 'let';
}

function print(node: ts.Node, sourceFile = node.getSourceFile()): string {
  return printer
    .printNode(ts.EmitHint.Unspecified, node, sourceFile)
    .replace(/^(export\s+)?(declare\s+)?/, '')
    .replace(/;\s*$/, '');
}

/** Leaves short one-line code as TypeScript printed it; has Prettier lay out the rest. */
async function tidy(code: string, place: Place): Promise<string> {
  if (!code.includes('\n') && code.length <= WIDTH) return code;
  const [open, close] = WRAPPERS[place];
  const formatted = (
    await prettier.format(open + code + close, {
      parser: 'typescript',
      printWidth: WIDTH,
      singleQuote: true,
    })
  ).trim();
  switch (place) {
    case 'top':
      return formatted.replace(/^declare /, '').replace(/;$/, '');
    case 'header':
      return formatted.replace(/^declare /, '').replace(/\s*\{\}$/, '');
    default:
      return formatted
        .split('\n')
        .slice(1, -1)
        .map((line) => line.replace(/^ {2}/, ''))
        .join('\n')
        .replace(/;$/, '');
  }
}

/** Text around a declaration that makes it a file Prettier can parse. */
const WRAPPERS: Record<Place, readonly [string, string]> = {
  top: ['declare ', ';'],
  header: ['declare ', ' {}'],
  'class member': ['declare abstract class __ {\n', ';\n}'],
  'type member': ['interface __ {\n', ';\n}'],
};
