import type { Token, Tokens } from 'marked';
import { placeInBody, type ContainerToken } from './containers.ts';
import { LessonFormatError } from './front-matter.ts';
import { renderBlocks, renderInline } from './markdown.ts';
import type { QuizBlock, QuizChoice } from './types.ts';

const SHAPE =
  'a :::quiz holds a question, then its answers as "- [ ] wrong" and "- [x] right", each with a "> why" line under it';

/**
 * A `:::quiz` container: the question (a paragraph, optionally followed by a code block or a table
 * it refers to), then a task list of answers. Every answer carries its own `>` explanation, and at
 * least one is marked right.
 */
export function quizBlock(container: ContainerToken, file: string): QuizBlock {
  const fail = (line: number, message: string): never => {
    throw new LessonFormatError(file, line, message);
  };
  const content = container.tokens.filter((token) => token.type !== 'space');
  const question = content[0];
  if (!question || question.type !== 'paragraph') {
    const line = question ? placeInBody(container, question.raw).line : container.line;
    return fail(line, `the quiz starts with its question: ${SHAPE}`);
  }
  const listAt = content.findIndex((token) => token.type === 'list');
  const list = content[listAt] as Tokens.List | undefined;
  if (!list) return fail(container.line, `the quiz has no answers: ${SHAPE}`);
  const listStart = placeInBody(container, list.raw).index;

  const after = content[listAt + 1];
  if (after) {
    const line = placeInBody(container, after.raw, listStart + list.raw.length).line;
    if (after.type === 'blockquote') {
      fail(
        line,
        'this > explanation belongs to no answer: indent it under its answer, lined up with the answer text',
      );
    }
    fail(line, 'a :::quiz holds one question and its answers: start another :::quiz for the next');
  }

  const choices = list.items.map((item): QuizChoice => {
    const line = placeInBody(container, item.raw, listStart).line;
    if (!item.task)
      fail(line, 'every answer starts with [ ] (a wrong answer) or [x] (a right one)');
    const [text, explanation, ...rest] = item.tokens.filter(
      (token) => token.type !== 'space' && token.type !== 'checkbox',
    );
    if (!text || (text.type !== 'text' && text.type !== 'paragraph')) {
      return fail(line, 'this answer has no text after its [ ] or [x]');
    }
    if (explanation?.type !== 'blockquote') {
      return fail(
        line,
        `the answer "${text.raw.trim()}" has no explanation: add a "> why it is right or wrong" line under it, indented to line up with its text`,
      );
    }
    if (rest.length > 0) {
      fail(line, 'an answer is its text and one > explanation: put anything more inside the >');
    }
    return {
      html: renderInline(inlineTokens(text).filter((token) => token.type !== 'checkbox')),
      correct: item.checked === true,
      explanation: renderBlocks((explanation as Tokens.Blockquote).tokens),
    };
  });
  if (choices.length < 2)
    fail(placeInBody(container, list.raw).line, 'a quiz needs two answers or more');
  if (!choices.some((choice) => choice.correct)) {
    fail(container.line, 'the quiz has no right answer: mark at least one with [x]');
  }
  return {
    kind: 'quiz',
    question: renderInline(inlineTokens(question)),
    detail: listAt > 1 ? renderBlocks(content.slice(1, listAt)) : '',
    choices,
  };
}

function inlineTokens(token: Token): Token[] {
  return 'tokens' in token && Array.isArray(token.tokens) ? token.tokens : [];
}
