import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A `#/reference/…` link in a lesson that leads nowhere. */
export interface BrokenReferenceLink {
  /** The Markdown file, relative to the folder above `lessons/` (`lessons/01-basics/…/index.md`). */
  readonly file: string;
  readonly line: number;
  readonly link: string;
  readonly problem: string;
}

/** Each export's name with the names of its members (own and inherited): what links may name. */
export type ReferenceTargets = ReadonlyMap<string, ReadonlySet<string>>;

// An inline link `](…)`, a reference definition `[id]: …` or an HTML `href="…"`.
const LINK = /(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?|href=["'])(#\/reference(?:[/#][^\s)"'>]*)?)/g;
const FENCE = /^\s*(```|~~~)/;

/** Every Markdown file under `root`, read, with its path as `display` names it. */
export function readMarkdownFiles(root: string): { path: string; text: string }[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => ({
      path: relative(join(root, '..'), join(root, file)).replace(/\\/g, '/'),
      text: readFileSync(join(root, file), 'utf8'),
    }));
}

/**
 * The reference links in these Markdown files that name an export or a member the reference does
 * not have. Code blocks are skipped: a link there is an example, not a link.
 */
export function findBrokenReferenceLinks(
  files: readonly { readonly path: string; readonly text: string }[],
  targets: ReferenceTargets,
): BrokenReferenceLink[] {
  const broken: BrokenReferenceLink[] = [];
  for (const { path, text } of files) {
    let fence: string | undefined;
    text.split(/\r?\n/).forEach((line, index) => {
      const opening = FENCE.exec(line)?.[1];
      if (opening && (fence === undefined || fence === opening)) {
        fence = fence === undefined ? opening : undefined;
        return;
      }
      if (fence !== undefined) return;
      for (const match of line.matchAll(LINK)) {
        const link = match[1] ?? '';
        const problem = problemWith(link, targets);
        if (problem) broken.push({ file: path, line: index + 1, link, problem });
      }
    });
  }
  return broken;
}

/** One line per broken link, `file:line: link: problem`, for an error message. */
export function describeBrokenLinks(broken: readonly BrokenReferenceLink[]): string {
  return broken.map((b) => `${b.file}:${b.line}: ${b.link}: ${b.problem}`).join('\n');
}

function problemWith(link: string, targets: ReferenceTargets): string | undefined {
  const match = /^#\/reference(?:\/([^#/]*)(?:#(.*))?)?\/?$/.exec(link);
  if (!match)
    return 'not a reference link: write #/reference/<Export> or #/reference/<Export>#<member>';
  const [, name, member] = match;
  if (!name)
    return member === undefined
      ? undefined
      : 'a member needs its export: #/reference/<Export>#<member>';
  const members = targets.get(name);
  if (!members) {
    const near = [...targets.keys()].find((n) => n.toLowerCase() === name.toLowerCase());
    return `streamlab exports no ${name}${near ? ` (did you mean ${near}?)` : ''}`;
  }
  if (member === undefined || members.has(member)) return undefined;
  const near = [...members].find((m) => m.toLowerCase() === member.toLowerCase());
  return `${name} has no member ${member}${near ? ` (did you mean ${near}?)` : ''}`;
}
