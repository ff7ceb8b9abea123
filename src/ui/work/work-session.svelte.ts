import type { FileSet } from '../../content/types';
import {
  forgetReplaced,
  forgetWork,
  loadReplaced,
  loadWork,
  saveReplaced,
  saveWork,
  type ReplacedWork,
} from './saved-work';

const SAVE_DELAY_MS = 400;

/**
 * Which files a session holds. `fixed`: the starter's (a lesson's files are part of the lesson, so
 * saved work is fitted to them). `open`: whatever the learner saved, added, renamed or removed (a
 * sandbox's files are the learner's own), the starter only filling in its entry file.
 */
export type FileMode = 'fixed' | 'open';

/** The file an open session always keeps: the one that is run. */
export const ENTRY_FILE = 'pipeline.ts';

/** Saved files as a session in `mode` takes them, given its starter. */
export function fitFiles(saved: FileSet, starter: FileSet, mode: FileMode): FileSet {
  if (mode === 'open') {
    // Saved by hand-edited storage or an earlier version without the entry file: it comes back.
    if (Object.hasOwn(saved, ENTRY_FILE) || !Object.hasOwn(starter, ENTRY_FILE)) return saved;
    return { [ENTRY_FILE]: starter[ENTRY_FILE] ?? '', ...saved };
  }
  // Files the starter no longer has are dropped; new starter files are added.
  return Object.fromEntries(
    Object.keys(starter).map((name) => [name, saved[name] ?? starter[name] ?? '']),
  );
}

/** A file taken out of an open session, with where it stood, so that it can be put back. */
export interface RemovedFile {
  readonly name: string;
  readonly text: string;
  readonly index: number;
}

/**
 * The files a learner is working on in one place (a lesson or the sandbox): starts from saved
 * work or the starter, saves every change shortly after it is made, and can swap in the starter
 * or the solution with an undo.
 */
export class WorkSession {
  // Raw state: replaced whole on every edit, and stored as it is (a proxy cannot be cloned into IndexedDB).
  files: FileSet = $state.raw({});
  /** False until saved work (if any) has been read, so the editor never shows the wrong text. */
  loaded = $state(false);
  saveState: 'saved' | 'saving' | 'unsaved' | 'failed' = $state('saved');
  /** What the last swap (to the starter or the solution) replaced, kept so it can be undone. */
  replaced: ReplacedWork | undefined = $state.raw();

  #timer: ReturnType<typeof setTimeout> | undefined;
  #flush = () => void this.save();

  constructor(
    readonly scope: string,
    readonly starter: FileSet,
    readonly mode: FileMode = 'fixed',
  ) {
    this.files = starter;
    void Promise.all([loadWork(scope), loadReplaced(scope)]).then(([saved, replaced]) => {
      if (saved) this.files = fitFiles(saved.files, starter, mode);
      if (replaced) {
        this.replaced = { files: fitFiles(replaced.files, starter, mode), by: replaced.by };
      }
      this.loaded = true;
    });
    window.addEventListener('pagehide', this.#flush);
  }

  get edited(): boolean {
    const names = Object.keys(this.files);
    if (this.mode === 'open' && names.length !== Object.keys(this.starter).length) return true;
    return Object.keys(this.starter).some((name) => this.files[name] !== this.starter[name]);
  }

  update(name: string, text: string): void {
    if (this.files[name] === text) return;
    this.#change({ ...this.files, [name]: text });
  }

  /** Adds a file at the end (open sessions only); a name already taken is refused. */
  add(name: string, text: string): void {
    this.#requireOpen();
    if (Object.hasOwn(this.files, name)) throw new Error(`There is already a file ${name}.`);
    this.#change({ ...this.files, [name]: text });
  }

  /** Renames a file in place, keeping its position (open sessions only; not the entry file). */
  rename(from: string, to: string): void {
    this.#requireOpen();
    if (from === ENTRY_FILE)
      throw new Error(`${ENTRY_FILE} is the file that runs; it keeps its name.`);
    if (!Object.hasOwn(this.files, from)) throw new Error(`There is no file ${from}.`);
    if (from === to) return;
    if (Object.hasOwn(this.files, to)) throw new Error(`There is already a file ${to}.`);
    this.#change(
      Object.fromEntries(
        Object.entries(this.files).map(([name, text]) => [name === from ? to : name, text]),
      ),
    );
  }

  /** Takes a file out (open sessions only; not the entry file); `restore` puts it back. */
  remove(name: string): RemovedFile {
    this.#requireOpen();
    if (name === ENTRY_FILE) throw new Error(`${ENTRY_FILE} is the file that runs; it stays.`);
    const names = Object.keys(this.files);
    const index = names.indexOf(name);
    if (index < 0) throw new Error(`There is no file ${name}.`);
    const removed = { name, text: this.files[name] ?? '', index };
    this.#change(Object.fromEntries(Object.entries(this.files).filter(([n]) => n !== name)));
    return removed;
  }

  /** Puts a removed file back where it was (under a new name if its own was taken since). */
  restore(removed: RemovedFile, name = removed.name): void {
    this.#requireOpen();
    if (Object.hasOwn(this.files, name)) throw new Error(`There is already a file ${name}.`);
    const entries = Object.entries(this.files);
    entries.splice(Math.min(removed.index, entries.length), 0, [name, removed.text]);
    this.#change(Object.fromEntries(entries));
  }

  #requireOpen(): void {
    if (this.mode !== 'open') throw new Error("This session's files are fixed.");
  }

  #change(files: FileSet): void {
    this.files = files;
    this.#dropReplaced();
    this.saveState = 'unsaved';
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#flush, SAVE_DELAY_MS);
  }

  async save(): Promise<void> {
    clearTimeout(this.#timer);
    if (this.saveState !== 'unsaved') return;
    this.saveState = 'saving';
    try {
      await saveWork(this.scope, this.files);
      if (this.saveState === 'saving') this.saveState = 'saved';
    } catch {
      this.saveState = 'failed';
    }
  }

  /** Swaps in the starter or the solution; `undoReplace` brings the learner's code back. */
  replaceWith(files: FileSet, by: 'starter' | 'solution'): void {
    this.replaced = { files: this.files, by };
    // Kept in storage too: a swap followed by a reload or a crash must not lose the learner's work.
    void saveReplaced(this.scope, this.replaced).catch(() => {});
    clearTimeout(this.#timer);
    this.files = files;
    if (by === 'starter') {
      this.saveState = 'saved';
      void forgetWork(this.scope).catch(() => {});
    } else {
      this.saveState = 'unsaved';
      void this.save();
    }
  }

  undoReplace(): void {
    if (!this.replaced) return;
    this.files = this.replaced.files;
    this.#dropReplaced();
    this.saveState = 'unsaved';
    void this.save();
  }

  /** The learner moved on from a swap (edited, or swapped back): there is nothing to undo. */
  #dropReplaced(): void {
    if (!this.replaced) return;
    this.replaced = undefined;
    void forgetReplaced(this.scope).catch(() => {});
  }

  dispose(): void {
    void this.save();
    window.removeEventListener('pagehide', this.#flush);
  }
}
