/**
 * Sandboxes saved as a file, and read back: for a sandbox too big for a link, for a backup, or for
 * moving everything to another browser. The file is plain, pretty JSON so it can be read and diffed.
 *
 * An import never overwrites anything: the sandboxes come back without ids, and the caller gives each
 * a new one. Entries that fail their checks are skipped with a reason; the others are kept.
 */
import { parseJson } from './json-text.ts';
import { checkContent, type SandboxContent } from './sandbox-content.ts';
import type { SandboxDoc } from './sandbox-doc.ts';

export const FILE_FORMAT = 'streamlab-sandboxes';
export const FILE_VERSION = 1;

/** Per sandbox; far above what a playground needs, low enough that a stray file cannot fill storage. */
export const MAX_SANDBOX_CHARS = 32 * 1024 * 1024;

/** A sandbox read from a file: everything but the id, which the caller assigns. */
export interface ImportedSandbox extends SandboxContent {
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface SkippedSandbox {
  /** 1-based, in the order of the file. */
  readonly position: number;
  readonly name?: string;
  readonly reason: string;
}

export type ImportResult =
  | { ok: true; sandboxes: ImportedSandbox[]; skipped: SkippedSandbox[] }
  | { ok: false; reason: string; line?: number; column?: number };

export interface ExportedFile {
  readonly text: string;
  /** A suggested name for the download. */
  readonly fileName: string;
}

/** One sandbox or all of them, as a file. `now` is when the export happens. */
export function exportSandboxes(docs: readonly SandboxDoc[], now: Date = new Date()): ExportedFile {
  const file = {
    format: FILE_FORMAT,
    version: FILE_VERSION,
    exportedAt: now.toISOString(),
    sandboxes: docs.map(({ name, files, seed, createdAt, updatedAt }) => ({
      name,
      files,
      seed,
      createdAt,
      updatedAt,
    })),
  };
  const only = docs.length === 1 ? docs[0] : undefined;
  const fileName = only
    ? `streamlab-${slug(only.name)}.json`
    : `streamlab-sandboxes-${localDate(now)}.json`;
  return { text: `${JSON.stringify(file, null, 2)}\n`, fileName };
}

/** Reads a file made by {@link exportSandboxes}. Never throws. `now` stands in for missing times. */
export function importSandboxes(text: string, now: number = Date.now()): ImportResult {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const { problem, line, column } = parsed;
    const where = line === undefined ? '' : ` at line ${line}, column ${column}`;
    return {
      ok: false,
      reason: `This file is not valid JSON${where}: ${problem}.`,
      ...(line === undefined ? {} : { line, column }),
    };
  }
  const file = parsed.value;
  if (!isObject(file) || file.format !== FILE_FORMAT) {
    return { ok: false, reason: 'This is not a Streamlab sandboxes file.' };
  }
  if (typeof file.version === 'number' && file.version > FILE_VERSION) {
    return {
      ok: false,
      reason: `This file was made by a newer Streamlab (file version ${file.version}). Reload the page to get the newest version, then import it again.`,
    };
  }
  if (file.version !== FILE_VERSION) {
    return { ok: false, reason: 'This file has a version Streamlab never made.' };
  }
  if (!Array.isArray(file.sandboxes)) {
    return { ok: false, reason: 'This file has no list of sandboxes.' };
  }
  const sandboxes: ImportedSandbox[] = [];
  const skipped: SkippedSandbox[] = [];
  file.sandboxes.forEach((entry: unknown, index) => {
    const position = index + 1;
    const checked = checkContent(entry, MAX_SANDBOX_CHARS);
    if (!checked.ok) {
      const name = isObject(entry) && typeof entry.name === 'string' ? entry.name : undefined;
      const label = name === undefined ? '' : ` (${JSON.stringify(name.slice(0, 60))})`;
      skipped.push({
        position,
        ...(name === undefined ? {} : { name }),
        reason: `Sandbox ${position}${label} ${checked.problem}`,
      });
      return;
    }
    // Times only order the list, so a missing or odd one is replaced rather than losing the sandbox.
    const entryTimes = entry as { createdAt?: unknown; updatedAt?: unknown };
    const createdAt = time(entryTimes.createdAt) ?? now;
    const updatedAt = time(entryTimes.updatedAt) ?? createdAt;
    sandboxes.push({ ...checked.content, createdAt, updatedAt });
  });
  return { ok: true, sandboxes, skipped };
}

function time(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** A sandbox's name as part of a file name: letters and digits of any script, joined by dashes. */
function slug(name: string): string {
  const words = name.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.join('-').slice(0, 60).replace(/-+$/, '') || 'sandbox';
}

/** `YYYY-MM-DD` in the learner's own time zone: the day they will remember saving it. */
function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
