import ts from 'typescript';
import type { ReferenceDoc } from '../../content/reference-types.ts';

/** Where names in a comment lead, for the export whose comment it is. */
export interface LinkResolver {
  /**
   * The hash URL of the export or member `target` names (`KeyedStream`, `KeyedStream.window`,
   * or a member of the export itself), or undefined when it names nothing public, or the page
   * itself: the name then shows as code.
   */
  href(target: string): string | undefined;
  /** True when `name` is an export of `streamlab`. */
  isExport(name: string): boolean;
}

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
  const prose = (c: ts.JSDoc['comment']) => linkCodeSpans(text(c), resolve);
  const doc = {
    summary: prose(comment.comment),
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
      doc.params.push({
        name: entityName(tag.name),
        text: prose(tag.comment).replace(/^-\s*/, ''),
      });
    } else if (name === 'returns' || name === 'return') {
      doc.returns = prose(tag.comment);
    } else if (name === 'remarks') {
      doc.remarks = prose(tag.comment);
    } else if (name === 'example') {
      doc.examples.push(exampleMarkdown(text(tag.comment)));
    } else if (name === 'deprecated') {
      doc.deprecated = prose(tag.comment);
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

/**
 * Code spans that name an export or an export's member (`` `KeyedStream` ``,
 * `` `WindowedStream.evictor` ``) made links, as `{@link}` would: comments name the API in
 * backticks far more often than with tags. Left alone: fenced code, spans already in a link's
 * text, and Flink's or Beam's own classes (`` Flink's `DataStream` ``).
 */
function linkCodeSpans(markdown: string, resolve: LinkResolver): string {
  return markdown
    .split(/(^```[\s\S]*?^```|\[[^\]]*\]\([^)]*\))/m)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(
            /(?<!(?:Flink|Beam)'s )`([A-Za-z_$][\w$]*)(\.[A-Za-z_$][\w$]*)?`/g,
            (span, head: string, member: string | undefined) => {
              // Only a name whose first part is an export: a bare `value` is not linked.
              if (!resolve.isExport(head)) return span;
              const href = resolve.href(head + (member ?? ''));
              return href ? `[${span}](${href})` : span;
            },
          ),
    )
    .join('');
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
  const href = resolve.href(name);
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
