import type { Token, Tokens } from 'marked';
import { isContainerToken } from './containers.ts';
import { LessonFormatError } from './front-matter.ts';
import { hintsBlock } from './hints-block.ts';
import { lexMarkdown, renderBlocks, walkTokens } from './markdown.ts';
import { quizBlock } from './quiz-block.ts';
import { figureBlock } from './figure-block.ts';
import { isRunnable, runnableBlock } from './runnable-block.ts';
import type { ProseBlock } from './types.ts';

export interface BuiltProse {
  readonly blocks: readonly ProseBlock[];
  /** Every link target in the prose, containers included, in reading order. */
  readonly hrefs: readonly string[];
}

/**
 * Turns a page's Markdown into blocks: runs of ordinary Markdown become one HTML block each, and
 * every `:::hints`, `:::quiz` or `:::figure` container, and every ` ```ts runnable ` code block,
 * becomes a block of its own, which the app shows with a component. `firstLine` is the file line `source` starts on, for errors.
 */
export function buildProse(
  source: string,
  file: string,
  firstLine = 1,
  /** The page's figure programs by name (a lesson's `figures/*.ts`). */
  figures: Readonly<Record<string, string>> = {},
): BuiltProse {
  const tokens = lexMarkdown(source, file, firstLine);
  const blocks: ProseBlock[] = [];
  let markdown: Token[] = [];
  const flush = () => {
    if (markdown.some((token) => token.type !== 'space')) {
      blocks.push({ kind: 'html', html: renderBlocks(markdown) });
    }
    markdown = [];
  };
  // Top-level tokens cover the source end to end, so their raw text counts the lines.
  let line = firstLine;
  for (const token of tokens) {
    const at = line;
    line += token.raw.split('\n').length - 1;
    if (token.type === 'code' && isRunnable(token as Tokens.Code)) {
      flush();
      blocks.push(runnableBlock(token as Tokens.Code, file, at));
      continue;
    }
    if (!isContainerToken(token)) {
      markdown.push(token);
      continue;
    }
    flush();
    blocks.push(
      token.name === 'hints'
        ? hintsBlock(token, file)
        : token.name === 'quiz'
          ? quizBlock(token, file)
          : figureBlock(token, file, figures),
    );
  }
  flush();

  const topLevel = new Set<Token>(tokens);
  const hrefs: string[] = [];
  walkTokens(tokens, (token) => {
    if (isContainerToken(token) && !topLevel.has(token)) {
      throw new LessonFormatError(
        file,
        token.line,
        `:::${token.name} must start at the left margin, outside lists and quotes`,
      );
    }
    if (token.type === 'code' && isRunnable(token as Tokens.Code) && !topLevel.has(token)) {
      throw new LessonFormatError(
        file,
        firstLine,
        'a ```ts runnable block must start at the left margin, outside lists, quotes and :::blocks',
      );
    }
    if (token.type === 'link') hrefs.push(token.href);
  });
  return { blocks, hrefs };
}
