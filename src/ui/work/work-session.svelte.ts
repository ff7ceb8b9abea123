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
  ) {
    this.files = starter;
    void Promise.all([loadWork(scope), loadReplaced(scope)]).then(([saved, replaced]) => {
      // Files the starter no longer has are dropped; new starter files are added.
      if (saved) this.files = this.#fit(saved.files);
      if (replaced) this.replaced = { files: this.#fit(replaced.files), by: replaced.by };
      this.loaded = true;
    });
    window.addEventListener('pagehide', this.#flush);
  }

  get edited(): boolean {
    return Object.keys(this.starter).some((name) => this.files[name] !== this.starter[name]);
  }

  update(name: string, text: string): void {
    if (this.files[name] === text) return;
    this.files = { ...this.files, [name]: text };
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

  /** Saved files fitted to the starter's: files it no longer has go, new ones come. */
  #fit(files: FileSet): FileSet {
    return Object.fromEntries(
      Object.keys(this.starter).map((name) => [name, files[name] ?? this.starter[name] ?? '']),
    );
  }

  dispose(): void {
    void this.save();
    window.removeEventListener('pagehide', this.#flush);
  }
}
