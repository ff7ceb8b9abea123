import type {
  ReferenceDoc,
  ReferenceEntry,
  ReferenceGroup,
  ReferenceSignature,
} from '../../content/reference-types.ts';
import { renderMarkdown } from '../../content/markdown.ts';
import { GROUPS, LEADING } from './groups.ts';

/**
 * The reference as the app loads it: Markdown rendered to HTML with the lessons' Markdown setup,
 * signatures highlighted, and names of other exports in signatures linked to their pages.
 */
export function renderEntry(entry: ReferenceEntry): ReferenceEntry {
  const signatures = (list: readonly ReferenceSignature[]) =>
    list.map((s) => ({
      code: renderCode(s.code, new Set(s.refs), entry.name),
      ...(s.doc ? { doc: renderDoc(s.doc) } : {}),
    }));
  return {
    ...entry,
    signatures: signatures(entry.signatures),
    doc: renderDoc(entry.doc),
    members: entry.members.map((m) => ({
      ...m,
      signatures: signatures(m.signatures),
      doc: renderDoc(m.doc),
    })),
    inherited: entry.inherited.map((m) => ({
      ...m,
      summary: renderInline(firstParagraph(m.summary)),
    })),
  };
}

/**
 * The index: sections in `GROUPS` order; in each, the `LEADING` names first, then what a pipeline
 * calls (classes, functions, constants) before the types it is given, each by name; every entry
 * with its first paragraph.
 */
export function renderIndex(entries: readonly ReferenceEntry[]): ReferenceGroup[] {
  const lead = (e: ReferenceEntry) => {
    const at = LEADING.indexOf(e.name);
    return at < 0 ? LEADING.length : at;
  };
  const typeOnly = (e: ReferenceEntry) => (e.kind === 'interface' || e.kind === 'type' ? 1 : 0);
  return GROUPS.map((title) => ({
    title,
    entries: entries
      .filter((e) => e.group === title)
      .sort(
        (a, b) =>
          lead(a) - lead(b) || typeOnly(a) - typeOnly(b) || a.name.localeCompare(b.name, 'en'),
      )
      .map((e) => ({
        name: e.name,
        kind: e.kind,
        summary: renderInline(firstParagraph(e.doc.summary)),
        members: [...e.members, ...e.inherited].map((m) => m.name),
      })),
  })).filter((group) => group.entries.length > 0);
}

function renderDoc(doc: ReferenceDoc): ReferenceDoc {
  const html = (text: string) => (text === '' ? '' : renderMarkdown(text));
  return {
    summary: html(doc.summary),
    remarks: html(doc.remarks),
    params: doc.params.map((p) => ({ name: p.name, text: renderInline(p.text) })),
    returns: renderInline(doc.returns),
    examples: doc.examples.map(html),
    ...(doc.deprecated !== undefined ? { deprecated: html(doc.deprecated) } : {}),
  };
}

function firstParagraph(markdown: string): string {
  return markdown.split(/\n\s*\n/)[0] ?? '';
}

/** Markdown of one paragraph, as inline HTML (no `<p>`), for lists and table cells. */
function renderInline(markdown: string): string {
  return markdown === ''
    ? ''
    : renderMarkdown(markdown)
        .replace(/^<p>|<\/p>\s*$/g, '')
        .trim();
}

/**
 * Highlighted TypeScript, the exports it names (other than the page's own) linked to their pages.
 * Only code is linked: never highlight.js's markup, strings or comments.
 */
function renderCode(code: string, names: ReadonlySet<string>, self: string): string {
  const html = renderMarkdown('```ts\n' + code + '\n```');
  const open: boolean[] = [];
  return html
    .split(/(<[^>]+>)/)
    .map((part) => {
      if (part.startsWith('</')) {
        open.pop();
        return part;
      }
      if (part.startsWith('<')) {
        open.push(/hljs-(string|comment)/.test(part));
        return part;
      }
      if (open.includes(true)) return part;
      return part.replace(/\b[A-Za-z_$][\w$]*\b/g, (word) =>
        names.has(word) && word !== self ? `<a href="#/reference/${word}">${word}</a>` : word,
      );
    })
    .join('');
}
