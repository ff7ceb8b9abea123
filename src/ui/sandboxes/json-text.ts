/**
 * Parses JSON that a learner brought (an imported file) and, when it is broken, says where. Engines
 * word `JSON.parse` errors differently and V8 gives no position for an unexpected token, so the place
 * and the wording come from jsonc-parser (the parser behind VS Code's JSON support), the same in every
 * browser.
 */
import { printParseErrorCode, visit } from 'jsonc-parser';

export type JsonParse =
  { ok: true; value: unknown } | { ok: false; problem: string; line?: number; column?: number };

const PROBLEMS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'there is a character JSON does not allow here',
  InvalidNumberFormat: 'a number is written in a way JSON does not allow',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a ":" is expected',
  CommaExpected: 'a "," is expected',
  CloseBraceExpected: 'a closing "}" is expected',
  CloseBracketExpected: 'a closing "]" is expected',
  EndOfFileExpected: 'the JSON should end here',
  InvalidCommentToken: 'JSON does not allow comments',
  UnexpectedEndOfComment: 'JSON does not allow comments',
  UnexpectedEndOfString: 'a string is not closed on its line',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'a "\\u" escape is not four hexadecimal digits',
  InvalidEscapeCharacter: 'a backslash starts an escape JSON does not know',
  InvalidCharacter: 'a string holds a character that must be escaped',
};

export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return locate(text, error instanceof Error ? error.message : String(error));
  }
}

function locate(text: string, engineMessage: string): JsonParse {
  let found: { problem: string; line: number; column: number } | undefined;
  visit(
    text,
    {
      onError(code, _offset, _length, startLine, startCharacter) {
        found ??= {
          problem: PROBLEMS[printParseErrorCode(code)] ?? 'the JSON is broken',
          line: startLine + 1,
          column: startCharacter + 1,
        };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  // Should the two parsers ever disagree, the engine's own words are better than none.
  return found ? { ok: false, ...found } : { ok: false, problem: engineMessage };
}
