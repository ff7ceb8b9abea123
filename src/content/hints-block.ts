import type { Token, Tokens } from 'marked';
import { placeInBody, type ContainerToken } from './containers.ts';
import { LessonFormatError } from './front-matter.ts';
import { renderBlocks } from './markdown.ts';
import type { HintsBlock } from './types.ts';

/**
 * A `:::hints` container: one Markdown list, one item per hint, from gentle to nearly the answer.
 * Anything else inside the container is a mistake the author should hear about, not text to
 * show: a paragraph there would be hidden behind the first hint's button.
 */
export function hintsBlock(container: ContainerToken, file: string): HintsBlock {
  const fail = (line: number, message: string): never => {
    throw new LessonFormatError(file, line, message);
  };
  const content = container.tokens.filter((token) => token.type !== 'space');
  const [list, ...rest] = content;
  if (!list || list.type !== 'list') {
    const line = list ? placeInBody(container, list.raw).line : container.line;
    return fail(line, ':::hints holds a list, one item per hint: "- First, gentle hint."');
  }
  const listStart = placeInBody(container, list.raw).index;
  const extra = rest[0];
  if (extra) {
    fail(
      placeInBody(container, extra.raw, listStart + list.raw.length).line,
      ':::hints holds only its list of hints: move this out of the block, or make it a hint',
    );
  }
  return {
    kind: 'hints',
    hints: (list as Tokens.List).items.map((item) => {
      const line = placeInBody(container, item.raw, listStart).line;
      if (item.task) fail(line, 'a hint is a plain list item: [ ] and [x] mark quiz answers');
      if (!item.tokens.some(hasText)) fail(line, 'this hint is empty');
      return renderBlocks(item.tokens);
    }),
  };
}

function hasText(token: Token): boolean {
  return token.type !== 'space' && token.raw.trim() !== '';
}
