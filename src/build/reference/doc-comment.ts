import ts from 'typescript';
import type { ReferenceDoc } from '../../content/reference-types.ts';

/**
 * Turns `{@link Target}` into an app link: the hash URL of the export or member it names, or
 * undefined when it names nothing public (the link then shows as code).
 */
export type LinkResolver = (target: string) => string | undefined;

export const EMPTY_DOC: ReferenceDoc = {
  summary: '',
  remarks: '',
  params: [],
  returns: '',
  examples: [],
};

/** A TSDoc problem the reference cannot show faithfully, named by file and line. */
export class DocCommentError extends Error {
  override name = 'DocCommentError';
}

/**
 * The TSDoc of a declaration as Markdown: summary, `@remarks`, `@param`, `@returns`, `@example`
 * and `@deprecated`. Any other block tag stops the build, so no comment is silently lost.
 */
export function readDoc(node: ts.Node, resolve: LinkResolver): ReferenceDoc {
  const comment = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc).at(-1);
  if (!comment) return EMPTY_DOC;
  const text = (c: ts.JSDoc['comment']) => commentToMarkdown(c, resolve);
  const doc = {
    summary: text(comment.comment),
    remarks: '',
    params: [] as { name: string; text: string }[],
    returns: '',
    examples: [] as string[],
    deprecated: undefined as string | undefined,
  };
  for (const tag of comment.tags ?? []) {
    const name = tag.tagName.text;
    if (ts.isJSDocParameterTag(tag)) {
      // TSDoc writes `@param name - text`; JSDoc's `@param name text` reads the same.
      doc.params.push({ name: entityName(tag.name), text: text(tag.comment).replace(/^-\s*/, '') });
    } else if (name === 'returns' || name === 'return') {
      doc.returns = text(tag.comment);
    } else if (name === 'remarks') {
      doc.remarks = text(tag.comment);
    } else if (name === 'example') {
      doc.examples.push(exampleMarkdown(text(tag.comment)));
    } else if (name === 'deprecated') {
      doc.deprecated = text(tag.comment);
    } else {
      const file = node.getSourceFile();
      const { line } = file.getLineAndCharacterOfPosition(tag.getStart());
      throw new DocCommentError(
        `${file.fileName}:${line + 1}: the reference does not show @${name}; write it in the ` +
          'summary or @remarks, or teach src/build/reference/doc-comment.ts the tag',
      );
    }
  }
  const { deprecated, ...rest } = doc;
  return deprecated === undefined ? rest : { ...rest, deprecated };
}

/** True when a comment says nothing the reference could show. */
export function isEmptyDoc(doc: ReferenceDoc): boolean {
  return (
    doc.summary === '' &&
    doc.remarks === '' &&
    doc.params.length === 0 &&
    doc.returns === '' &&
    doc.examples.length === 0 &&
    doc.deprecated === undefined
  );
}

/** True when the declaration's comment carries `@internal` (kept out of the reference). */
export function isInternal(node: ts.Node): boolean {
  return ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'internal');
}

function commentToMarkdown(comment: ts.JSDoc['comment'], resolve: LinkResolver): string {
  if (comment === undefined) return '';
  if (typeof comment === 'string') return comment.trim();
  return comment
    .map((part) =>
      part.kind === ts.SyntaxKind.JSDocText ? part.text : linkToMarkdown(part, resolve),
    )
    .join('')
    .trim();
}

function linkToMarkdown(
  link: ts.JSDocLink | ts.JSDocLinkCode | ts.JSDocLinkPlain,
  resolve: LinkResolver,
): string {
  const name = link.name ? entityName(link.name) : '';
  // TypeScript reads `{@link https://host/path text}` as the name `https` and the rest.
  if ((name === 'https' || name === 'http') && link.text.startsWith('://')) {
    const [rest = '', ...words] = link.text.split(/\s+/);
    return `[${words.join(' ') || name + rest}](${name}${rest})`;
  }
  const label = link.text.replace(/^\s*\|/, '').trim();
  const href = resolve(name);
  const shown = label || `\`${name}\``;
  return href ? `[${shown}](${href})` : shown;
}

function entityName(name: ts.EntityName | ts.JSDocMemberName): string {
  if (ts.isIdentifier(name)) return name.text;
  if (ts.isQualifiedName(name)) return `${entityName(name.left)}.${name.right.text}`;
  return `${entityName(name.left)}.${name.right.text}`;
}

/**
 * An `@example` as Markdown: its code fenced. TSDoc puts an optional title on the tag's first
 * line, before the fence; a block with no fence at all is TypeScript.
 */
function exampleMarkdown(text: string): string {
  return /^```/m.test(text) ? text : `\`\`\`ts\n${text}\n\`\`\``;
}
