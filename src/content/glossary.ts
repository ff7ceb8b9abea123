import type { Token, Tokens } from 'marked';
import { countLines, isContainerToken } from './containers.ts';
import { LessonFormatError } from './front-matter.ts';
import { lexMarkdown, renderBlocks, walkTokens } from './markdown.ts';
import type { Glossary, GlossaryTerm, TermPreview } from './types.ts';

/**
 * `lessons/glossary.md`: an optional introduction, then one `## Term` heading per term, in
 * alphabetical order, each with a one- or two-sentence definition and optionally a "See also:"
 * line of links to other terms. A term's id is its heading in lowercase with hyphens, or an
 * explicit `{#id}` at the end of the heading.
 */

const TERM_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const EXPLICIT_ID = /\s*\{#([^}]*)\}\s*$/;
const SEE_ALSO = /^see also\b/i;
const GLOSSARY_HREF = /^#\/glossary(?:\/(.*))?$/;

export const EMPTY_GLOSSARY: Glossary = { intro: '', terms: [] };

/** The term id a link points at: `undefined` for links elsewhere, '' for the glossary page. */
export function glossaryTarget(href: string): string | undefined {
  const match = GLOSSARY_HREF.exec(href);
  return match ? (match[1] ?? '') : undefined;
}

/** The id a heading gives its term when it names none: "Allowed lateness" → allowed-lateness. */
export function termId(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

interface Placed {
  readonly token: Token;
  readonly line: number;
}

export function loadGlossary(file: string, source: string): Glossary {
  const fail = (line: number, message: string): never => {
    throw new LessonFormatError(file, line, message);
  };

  // Top-level tokens' source text appears in order, so each is found after the one before.
  const text = source.replace(/\r\n|\r/g, '\n');
  let cursor = 0;
  const place = (token: Token): Placed => {
    const index = text.indexOf(token.raw, cursor);
    if (index < 0) return { token, line: 1 + countLines(text.slice(0, cursor)) };
    cursor = index + token.raw.length;
    return { token, line: 1 + countLines(text.slice(0, index)) };
  };

  const intro: Token[] = [];
  const entries: { heading: Placed; body: Placed[] }[] = [];
  for (const token of lexMarkdown(text, file)) {
    if (isContainerToken(token)) fail(token.line, 'the glossary holds terms only, no ::: blocks');
    if (token.type === 'space') continue;
    const placed = place(token);
    if (token.type === 'heading') {
      const depth = (token as Tokens.Heading).depth;
      if (depth === 1) {
        fail(placed.line, 'the glossary page has its own title: start with the introduction');
      }
      if (depth > 2) fail(placed.line, 'each term is a ## heading, and a term has no sub-headings');
      entries.push({ heading: placed, body: [] });
    } else if (entries.length === 0) {
      intro.push(token);
    } else {
      entries.at(-1)?.body.push(placed);
    }
  }

  const terms: GlossaryTerm[] = [];
  const lines = new Map<string, number>();
  const links: { from: string; id: string; line: number }[] = [];
  for (const { heading, body } of entries) {
    const title = (heading.token as Tokens.Heading).text;
    const term = title.replace(EXPLICIT_ID, '').trim();
    const id = (EXPLICIT_ID.exec(title)?.[1] ?? termId(term)).trim();
    if (!TERM_ID.test(id)) {
      fail(
        heading.line,
        `the term id "${id}" is not lowercase-hyphenated, like "allowed-lateness"`,
      );
    }
    const clash = lines.get(id);
    if (clash !== undefined)
      fail(heading.line, `the term id "${id}" is already used on line ${clash}`);
    lines.set(id, heading.line);
    const previous = terms.at(-1);
    if (previous && previous.term.localeCompare(term, 'en', { sensitivity: 'base' }) > 0) {
      fail(
        heading.line,
        `"${term}" comes before "${previous.term}": keep the terms in alphabetical order`,
      );
    }

    const [definition, seeAlso, ...more] = body;
    if (definition?.token.type !== 'paragraph' || SEE_ALSO.test(definition.token.raw)) {
      return fail(
        heading.line,
        `"${term}" needs a definition: one or two sentences under its heading`,
      );
    }
    const extra = more[0] ?? (seeAlso && !isSeeAlso(seeAlso.token) ? seeAlso : undefined);
    if (extra) {
      fail(
        extra.line,
        `"${term}" holds one paragraph of definition and optionally a "See also:" line, nothing more`,
      );
    }

    for (const { target, line } of glossaryLinks(definition))
      links.push({ from: term, id: target, line });
    const related: string[] = [];
    if (seeAlso) {
      walkTokens([seeAlso.token], (token) => {
        if (token.type !== 'link') return;
        const target = glossaryTarget(token.href);
        if (!target)
          fail(seeAlso.line, '"See also:" links to other terms only: [term](#/glossary/term-id)');
        related.push(target as string);
        links.push({ from: term, id: target as string, line: seeAlso.line });
      });
    }
    terms.push({
      id,
      term,
      html: renderBlocks([definition.token]),
      seeAlso: related.map((r) => ({ id: r, term: r })),
    });
  }

  // Links are checked once every term is known: a definition may point at a later term.
  const names = new Map(terms.map((t) => [t.id, t.term]));
  for (const link of links) {
    if (!names.has(link.id)) {
      fail(link.line, `"${link.from}" links to "${link.id}", which the glossary does not define`);
    }
  }
  return {
    intro: renderBlocks(intro),
    terms: terms.map((t) => ({
      ...t,
      seeAlso: t.seeAlso.map((s) => ({ id: s.id, term: names.get(s.id) ?? s.id })),
    })),
  };
}

function isSeeAlso(token: Token): boolean {
  return token.type === 'paragraph' && SEE_ALSO.test(token.raw);
}

function glossaryLinks(placed: Placed): { target: string; line: number }[] {
  const found: { target: string; line: number }[] = [];
  walkTokens([placed.token], (token) => {
    if (token.type !== 'link') return;
    const target = glossaryTarget(token.href);
    if (target) found.push({ target, line: placed.line });
  });
  return found;
}

/**
 * The previews for a page's glossary links, checked: a link to a term the glossary lacks stops
 * the build, naming the file and the line of the link.
 */
export function termPreviews(
  hrefs: readonly string[],
  glossary: Glossary,
  place: { readonly file: string; readonly source: string; readonly firstLine: number },
): Record<string, TermPreview> {
  const previews: Record<string, TermPreview> = {};
  for (const href of hrefs) {
    const id = glossaryTarget(href);
    if (!id || Object.hasOwn(previews, id)) continue;
    const term = glossary.terms.find((t) => t.id === id);
    if (!term) {
      throw new LessonFormatError(
        place.file,
        place.firstLine + countLines(place.source.slice(0, indexOfLink(place.source, href))),
        `the link to ${href} names no term in lessons/glossary.md: use one of its ids, or add the term there`,
      );
    }
    previews[id] = { term: term.term, html: withoutLinks(term.html) };
  }
  return previews;
}

/** Where a link target first appears in the Markdown (not as the start of a longer id). */
function indexOfLink(source: string, href: string): number {
  const escaped = href.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return Math.max(0, new RegExp(`${escaped}(?![a-z0-9-])`).exec(source)?.index ?? 0);
}

/** A definition's HTML with its links turned into their text: a preview cannot be clicked into. */
function withoutLinks(html: string): string {
  return html.replace(/<a\b[^>]*>([\s\S]*?)<\/a>/g, '$1');
}
