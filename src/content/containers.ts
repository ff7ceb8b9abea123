import type { RendererExtension, Token, TokenizerExtension } from 'marked';
import { LessonFormatError } from './front-matter.ts';

/**
 * `:::name` … `:::` containers in lesson Markdown, as a marked block extension. The tokenizer only
 * finds a container and lexes its body as ordinary Markdown; what a hints or quiz block must hold
 * is checked when the blocks are built (`blocks.ts`). Containers are the only thing in lesson
 * Markdown that starts with `:::`, so every such line is either a container or a mistake, and a
 * mistake stops the build with the file and line.
 */

export const CONTAINER_NAMES = ['hints', 'quiz', 'figure'] as const;
export type ContainerName = (typeof CONTAINER_NAMES)[number];

/** A container as the lexer found it. */
export interface ContainerToken {
  readonly type: 'lessonContainer';
  readonly raw: string;
  readonly name: ContainerName;
  /** What follows the name on the opening line: the program of a `:::figure`. */
  readonly argument: string;
  /** The file line of `:::name`. */
  readonly line: number;
  /** What lies between the opening and the closing line, and the file line it starts on. */
  readonly body: string;
  readonly bodyLine: number;
  /** The body, lexed as Markdown. */
  readonly tokens: Token[];
}

/** The document being lexed, so the tokenizer's errors can name the file and line. */
export interface DocumentPlace {
  readonly file: string;
  /** The file line of the first line of `source` (front matter comes before it). */
  readonly firstLine: number;
  /** The text being lexed, line endings normalised to `\n` as marked does. */
  readonly source: string;
}

const COLONS = /^ {0,3}:::(.*)$/;
const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function isContainerToken(token: Token): token is Token & ContainerToken {
  return token.type === 'lessonContainer';
}

export function containerExtension(
  place: () => DocumentPlace,
): TokenizerExtension & RendererExtension {
  return {
    name: 'lessonContainer',
    level: 'block',
    // Lets a `:::` line end the paragraph above it, as a fence would.
    start: (src) => /^ {0,3}:::/m.exec(src)?.index,
    tokenizer(src) {
      const lines = src.split('\n');
      const opening = COLONS.exec(lines[0] ?? '');
      if (!opening) return undefined;
      const doc = place();
      // marked hands a top-level tokenizer the rest of the document; anything else is nested.
      const nested = !doc.source.endsWith(src);
      const line = lineOfRest(doc, src, nested);
      const [name = '', argument = ''] = (opening[1] ?? '').trim().split(/\s+(.*)/);
      const fail = (at: number, message: string): never => {
        throw new LessonFormatError(doc.file, at, message);
      };
      if (name === '') {
        fail(line, 'this ::: closes no block: a block opens with :::hints, :::quiz or :::figure');
      }
      if (!isContainerName(name)) {
        fail(
          line,
          `unknown block ":::${name}": lesson Markdown knows :::hints, :::quiz and :::figure`,
        );
      }
      if ((name === 'figure') !== (argument !== '')) {
        fail(
          line,
          name === 'figure'
            ? ':::figure names its program: ":::figure delay-and-bound" runs figures/delay-and-bound.ts'
            : `:::${name} takes nothing after its name`,
        );
      }
      if (nested) {
        fail(line, `:::${name} must start at the left margin, outside lists and quotes`);
      }
      let fence: string | undefined;
      for (let i = 1; i < lines.length; i++) {
        const text = lines[i] ?? '';
        const codeFence = CODE_FENCE.exec(text)?.[1];
        // A ``` or ~~~ block inside a container may show `:::` lines as code.
        if (fence !== undefined) {
          if (codeFence?.startsWith(fence) && text.trim() === codeFence) fence = undefined;
          continue;
        }
        if (codeFence !== undefined) {
          fence = codeFence;
          continue;
        }
        const colons = COLONS.exec(text);
        if (!colons) continue;
        const inner = (colons[1] ?? '').trim();
        if (inner !== '') {
          fail(
            line,
            `:::${name} is not closed before the :::${inner} on line ${line + i}: end each block with a line holding only ::: (blocks do not nest)`,
          );
        }
        const body = lines.slice(1, i).join('\n');
        const token: ContainerToken = {
          type: 'lessonContainer',
          raw: lines.slice(0, i + 1).join('\n') + (i + 1 < lines.length ? '\n' : ''),
          name: name as ContainerName,
          argument,
          line,
          body,
          bodyLine: line + 1,
          tokens: [],
        };
        this.lexer.blockTokens(body, token.tokens);
        return token;
      }
      return fail(line, `:::${name} is not closed: end it with a line holding only :::`);
    },
    renderer() {
      // Containers become their own blocks (blocks.ts); they are never rendered to HTML in place.
      throw new Error('A :::container reached the HTML renderer; build prose with buildProse()');
    },
  };
}

function isContainerName(name: string): name is ContainerName {
  return (CONTAINER_NAMES as readonly string[]).includes(name);
}

/**
 * The file line where `rest` begins: exact at the top level, where `rest` is the end of the
 * document. Inside a list or a quote the text has lost its indentation and markers, so the line
 * is found by its content instead.
 */
function lineOfRest(doc: DocumentPlace, rest: string, nested: boolean): number {
  if (!nested) {
    return doc.firstLine + countLines(doc.source.slice(0, doc.source.length - rest.length));
  }
  const wanted = (rest.split('\n')[0] ?? '').trim();
  const index = doc.source
    .split('\n')
    .findIndex(
      (text) => text.replace(/^(?:\s*(?:[*+-]|\d{1,9}[.)])\s+|\s*>\s?)+/, '').trim() === wanted,
    );
  return doc.firstLine + Math.max(index, 0);
}

/** How many line breaks `text` holds: the line offset of whatever follows it. */
export function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Where `raw` (a token's source text) starts inside a container's body, searching from `from`:
 * its index in the body and its file line. Falls back to the container's own line.
 */
export function placeInBody(
  container: ContainerToken,
  raw: string,
  from = 0,
): { readonly index: number; readonly line: number } {
  const index = container.body.indexOf(raw, from);
  if (index < 0) return { index: from, line: container.line };
  return { index, line: container.bodyLine + countLines(container.body.slice(0, index)) };
}
