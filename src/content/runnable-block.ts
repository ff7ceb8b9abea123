import type { Tokens } from 'marked';
import { LessonFormatError } from './front-matter.ts';
import { renderBlocks } from './markdown.ts';
import type { RunnableBlock } from './types.ts';

/** The word in a fence's info string that makes a code block runnable: ` ```ts runnable `. */
const RUNNABLE = /^(\S+)\s+runnable\s*$/;

/** True when a fenced code block asks to be runnable. */
export function isRunnable(token: Tokens.Code): boolean {
  return RUNNABLE.test(token.lang ?? '');
}

/**
 * A fenced code block marked ` ```ts runnable `: a whole pipeline module the learner can run
 * where it stands in the prose, without touching the code in their editor. It must be
 * TypeScript with a default export, as a lesson's `pipeline.ts` is; anything else would only fail
 * when a learner pressed Run. `line` is the fence's line in `file`, for errors.
 */
export function runnableBlock(token: Tokens.Code, file: string, line: number): RunnableBlock {
  const language = RUNNABLE.exec(token.lang ?? '')?.[1];
  if (language !== 'ts' && language !== 'typescript') {
    throw new LessonFormatError(
      file,
      line,
      `a runnable code block is TypeScript: write \`\`\`ts runnable`,
    );
  }
  // The highlighter has already replaced `text` with HTML; the program is the fence's inside.
  const source = fenceBody(token.raw);
  if (!/^export default\b/m.test(source)) {
    throw new LessonFormatError(
      file,
      line,
      'a runnable code block is a whole program: it needs `export default function pipeline(env) { … }`',
    );
  }
  return { kind: 'runnable', source, html: renderBlocks([token]) };
}

/** The lines between a fenced block's opening and closing fence. */
function fenceBody(raw: string): string {
  const lines = raw.replace(/\n+$/, '').split('\n');
  const closed = /^ {0,3}(`{3,}|~{3,})\s*$/.test(lines.at(-1) ?? '');
  return `${lines.slice(1, closed ? -1 : undefined).join('\n')}\n`;
}
