/**
 * The part of a sandbox that travels in a share link or a file: its name, files and seed. Whatever
 * arrives from outside is checked here, field by field, before the app keeps any of it.
 */

/** A sandbox's contents, without the ids and times that belong to one browser. */
export interface SandboxContent {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  readonly seed: number;
}

/** The file every sandbox runs. */
export const PIPELINE_FILE = 'pipeline.ts';
export const MAX_NAME_LENGTH = 120;
export const MAX_FILE_NAME_LENGTH = 64;
export const MAX_FILES = 32;

/**
 * A letter or digit first, then letters, digits, `-`, `_` and single dots, ending in an extension:
 * `pipeline.ts`, `readings.csv`, `late-events.jsonl`. No slashes, no `..`, no leading dot, so a name
 * can never climb out of a folder, hide itself, or be `__proto__`.
 */
const FILE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_-]|\.(?!\.))*\.[A-Za-z0-9]+$/;

/** The rule {@link isFileName} checks, in words for the learner. */
export const FILE_NAME_RULE = `file names use letters, digits, "-" and "_" and end in an extension, like data.csv (at most ${MAX_FILE_NAME_LENGTH} characters).`;

/** Whether `name` may name a sandbox's file (in a link, a file, or typed by the learner). */
export function isFileName(name: string): boolean {
  return name.length <= MAX_FILE_NAME_LENGTH && FILE_NAME.test(name);
}

// Control characters (new lines, escapes) would break the list a name is shown in.
const CONTROL = /\p{Cc}/u;

export type ContentCheck = { ok: true; content: SandboxContent } | { ok: false; problem: string };

/**
 * Checks untrusted data against the shape of {@link SandboxContent}. `problem` completes a sentence
 * whose subject the caller supplies ("This link …", "Sandbox 2 …"), in plain words for the learner.
 */
export function checkContent(value: unknown, maxTotalChars: number): ContentCheck {
  if (!isPlainObject(value)) return { ok: false, problem: 'holds no sandbox.' };
  const { name, files, seed } = value;
  if (typeof name !== 'string' || name.trim() === '') return { ok: false, problem: 'has no name.' };
  if (name.length > MAX_NAME_LENGTH) {
    return { ok: false, problem: `has a name longer than ${MAX_NAME_LENGTH} characters.` };
  }
  if (CONTROL.test(name)) return { ok: false, problem: 'has a name with control characters.' };
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    return { ok: false, problem: 'has a seed that is not a whole number.' };
  }
  const checked = checkFiles(files, maxTotalChars);
  if (!checked.ok) return checked;
  return { ok: true, content: { name, files: checked.files, seed } };
}

function checkFiles(
  files: unknown,
  maxTotalChars: number,
): { ok: true; files: Record<string, string> } | { ok: false; problem: string } {
  if (!isPlainObject(files)) return { ok: false, problem: 'has no files.' };
  const entries = Object.entries(files);
  if (entries.length > MAX_FILES) {
    return {
      ok: false,
      problem: `has ${entries.length} files; a sandbox holds at most ${MAX_FILES}.`,
    };
  }
  let total = 0;
  for (const [fileName, text] of entries) {
    if (!isFileName(fileName)) {
      return {
        ok: false,
        problem: `has a file named ${JSON.stringify(fileName.slice(0, MAX_FILE_NAME_LENGTH))}; ${FILE_NAME_RULE}`,
      };
    }
    if (typeof text !== 'string') {
      return { ok: false, problem: `has a file ${fileName} whose contents are not text.` };
    }
    total += text.length;
  }
  if (total > maxTotalChars) {
    return {
      ok: false,
      problem: `holds ${total.toLocaleString('en')} characters of files; at most ${maxTotalChars.toLocaleString('en')} are allowed.`,
    };
  }
  if (!Object.hasOwn(files, PIPELINE_FILE)) {
    return { ok: false, problem: `has no ${PIPELINE_FILE} to run.` };
  }
  // A fresh object with only the checked entries, so nothing else rides along.
  return { ok: true, files: Object.fromEntries(entries) as Record<string, string> };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
