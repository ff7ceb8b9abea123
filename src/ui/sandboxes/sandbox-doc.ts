import type { FileSet } from '../../content/types';

/**
 * One of the learner's sandboxes: a named program (and, later, its data files) with the seed its
 * runs use. The files here are where the sandbox started (its starter: blank, a gallery example,
 * a shared link, a copy); the learner's edits are saved work under {@link workScope}, like a
 * lesson's.
 */
export interface SandboxDoc {
  /** Random and local to this browser: never taken from a link or a file. */
  readonly id: string;
  readonly name: string;
  readonly files: FileSet;
  /** The seed of every random choice in a run (datasets, generators): same seed, same run. */
  readonly seed: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The key of a sandbox's saved work (see `WorkSession`). */
export function workScope(id: string): string {
  return `sandbox:${id}`;
}

/** A fresh id: 12 characters of base 36 from the platform's random source. */
export function newSandboxId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  let id = '';
  for (const byte of bytes) id += byte.toString(36).padStart(2, '0');
  return id.slice(0, 12);
}

/** "Sandbox 3": the first such name not taken. */
export function untitledName(taken: Iterable<string>): string {
  const names = new Set(taken);
  for (let n = 1; ; n++) if (!names.has(`Sandbox ${n}`)) return `Sandbox ${n}`;
}

/** "Late data (copy)", "Late data (copy 2)", …: a duplicate's name, not taken yet. */
export function copyName(name: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  const base = name.replace(/ \(copy(?: \d+)?\)$/, '');
  if (!names.has(`${base} (copy)`)) return `${base} (copy)`;
  for (let n = 2; ; n++) if (!names.has(`${base} (copy ${n})`)) return `${base} (copy ${n})`;
}

/** A name as the learner typed it, tidied; `undefined` when nothing is left. */
export function cleanName(typed: string): string | undefined {
  const name = typed.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH);
  return name === '' ? undefined : name;
}

export const MAX_NAME_LENGTH = 80;

/** The seed a new sandbox starts with: the engine's default, so a shared run is the same run. */
export const DEFAULT_SEED = 1;
