import { Marked, type Token, type TokensList } from 'marked';
import { markedHighlight } from 'marked-highlight';
import hljs from 'highlight.js/lib/core';
import typescript from 'highlight.js/lib/languages/typescript';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import bash from 'highlight.js/lib/languages/bash';
import sql from 'highlight.js/lib/languages/sql';
import java from 'highlight.js/lib/languages/java';
import python from 'highlight.js/lib/languages/python';
import yaml from 'highlight.js/lib/languages/yaml';
import plaintext from 'highlight.js/lib/languages/plaintext';
import { containerExtension, type DocumentPlace } from './containers.ts';

// Only the languages lessons use: the core build keeps highlighting fast at build time.
for (const [name, language] of Object.entries({
  typescript,
  javascript,
  json,
  bash,
  sql,
  java,
  python,
  yaml,
  plaintext,
})) {
  hljs.registerLanguage(name, language);
}
hljs.registerAliases(['ts'], { languageName: 'typescript' });
hljs.registerAliases(['js'], { languageName: 'javascript' });
hljs.registerAliases(['sh', 'shell'], { languageName: 'bash' });
hljs.registerAliases(['text', 'txt'], { languageName: 'plaintext' });

// The document being lexed, for the container tokenizer's errors. Lexing is synchronous, so one
// variable set around each call is enough.
let current: DocumentPlace = { file: 'Markdown', firstLine: 1, source: '' };

const marked = new Marked(
  { gfm: true },
  markedHighlight({
    emptyLangClass: 'hljs',
    langPrefix: 'hljs language-',
    highlight(code, lang) {
      const language = hljs.getLanguage(lang) ? lang : 'plaintext';
      return hljs.highlight(code, { language }).value;
    },
  }),
  {
    renderer: {
      // Links that leave the app open in a new tab so a learner never loses their place.
      link({ href, title, tokens }) {
        const text = this.parser.parseInline(tokens);
        const external = /^https?:\/\//.test(href);
        const titleAttr = title ? ` title="${title}"` : '';
        const target = external ? ' target="_blank" rel="noopener noreferrer"' : '';
        return `<a href="${href}"${titleAttr}${target}>${text}</a>`;
      },
    },
  },
  { extensions: [containerExtension(() => current)] },
);

/**
 * Lexes lesson Markdown into marked's tokens, `:::` containers included, with code already
 * highlighted. `file` and `firstLine` (the file line `source` starts on) go into errors.
 */
export function lexMarkdown(source: string, file: string, firstLine = 1): TokensList {
  const previous = current;
  current = { file, firstLine, source: source.replace(/\r\n|\r/g, '\n') };
  try {
    const tokens = marked.lexer(current.source);
    // What marked.parse would do between lexing and rendering: the highlighter works here.
    const walk = marked.defaults.walkTokens;
    if (walk) marked.walkTokens(tokens, walk);
    return tokens;
  } finally {
    current = previous;
  }
}

/** Renders block tokens to HTML. Lessons are trusted content from this repository. */
export function renderBlocks(tokens: readonly Token[]): string {
  return marked.parser([...tokens]);
}

/**
 * Renders Markdown that holds no `:::` blocks (the engine's TSDoc, for the reference) to HTML, as
 * lesson prose is rendered. `file` names it in errors.
 */
export function renderMarkdown(source: string, file = 'markdown'): string {
  return renderBlocks(lexMarkdown(source, file));
}

/** Renders inline tokens (a paragraph's content) to HTML. */
export function renderInline(tokens: readonly Token[]): string {
  return new marked.Parser(marked.defaults).parseInline([...tokens]);
}

/** Calls `visit` on every token, nested ones (list items, container bodies, links) included. */
export function walkTokens(tokens: readonly Token[], visit: (token: Token) => void): void {
  marked.walkTokens([...tokens], visit);
}
