/**
 * The learner's sandboxes in IndexedDB (the same idb-keyval store as their lesson work). A
 * sandbox is two records: its doc (`sandbox-doc:<id>`: name, seed, the files it started from) and
 * its saved work (`sandbox:<id>`, written by `WorkSession` as the learner types).
 */
import { del, delMany, entries, get, getMany, set, setMany } from 'idb-keyval';
import type { FileSet } from '../../content/types';
import type { SavedWork } from '../work/saved-work';
import { workStore as store } from '../work/work-store';
import {
  DEFAULT_SEED,
  copyName,
  newSandboxId,
  untitledName,
  workScope,
  type SandboxDoc,
} from './sandbox-doc';

const DOC_PREFIX = 'sandbox-doc:';
const docKey = (id: string) => `${DOC_PREFIX}${id}`;
const replacedKey = (id: string) => `${workScope(id)}#replaced`;
const LAST_OPENED = 'sandbox-last-opened';
/** Where the one sandbox of earlier versions kept its work; taken into the first sandbox. */
const LEGACY_SCOPE = 'sandbox';

/** A sandbox as the list shows it: its doc, and when the learner last changed it. */
export interface SandboxEntry {
  readonly doc: SandboxDoc;
  readonly changedAt: number;
}

/** Every sandbox, the most recently changed first. */
export async function listSandboxes(): Promise<SandboxEntry[]> {
  const docs = (await entries<string, SandboxDoc>(store))
    .filter(([key]) => typeof key === 'string' && key.startsWith(DOC_PREFIX))
    .map(([, doc]) => doc);
  const work = await getMany<SavedWork>(
    docs.map((doc) => workScope(doc.id)),
    store,
  );
  return docs
    .map((doc, i) => ({ doc, changedAt: Math.max(doc.updatedAt, work[i]?.savedAt ?? 0) }))
    .sort((a, b) => b.changedAt - a.changedAt);
}

export async function loadSandbox(id: string): Promise<SandboxDoc | undefined> {
  return get<SandboxDoc>(docKey(id), store);
}

/** Saves a changed doc (its name or seed), stamping the change. */
export async function updateSandbox(
  doc: SandboxDoc,
  change: Partial<Pick<SandboxDoc, 'name' | 'seed'>>,
): Promise<SandboxDoc> {
  const changed = { ...doc, ...change, updatedAt: Date.now() };
  await set(docKey(doc.id), changed, store);
  return changed;
}

/**
 * A new sandbox from `files` (blank, an example, a link, a file), under a name not taken yet.
 * Nothing existing is touched: the new one has an id of its own.
 */
export async function createSandbox(start: {
  readonly files: FileSet;
  readonly name?: string;
  readonly seed?: number;
}): Promise<SandboxDoc> {
  const taken = (await listSandboxes()).map((entry) => entry.doc.name);
  const name = start.name && !taken.includes(start.name) ? start.name : undefined;
  const now = Date.now();
  const doc: SandboxDoc = {
    id: newSandboxId(),
    name: name ?? (start.name ? copyName(start.name, taken) : untitledName(taken)),
    // A plain copy: what the page hands over may be reactive state, which storage cannot clone.
    files: { ...start.files },
    seed: start.seed ?? DEFAULT_SEED,
    createdAt: now,
    updatedAt: now,
  };
  await set(docKey(doc.id), doc, store);
  return doc;
}

/** The sandbox's files as the learner left them: their saved work, else where it started. */
export async function currentFiles(doc: SandboxDoc): Promise<FileSet> {
  const work = await get<SavedWork>(workScope(doc.id), store);
  return work?.files ?? doc.files;
}

/** A copy of the sandbox as it is now, named "… (copy)". */
export async function duplicateSandbox(doc: SandboxDoc): Promise<SandboxDoc> {
  const taken = (await listSandboxes()).map((entry) => entry.doc.name);
  return createSandbox({
    files: await currentFiles(doc),
    name: copyName(doc.name, taken),
    seed: doc.seed,
  });
}

/** What a removal took away, whole, so that Undo can put it back. */
export interface RemovedSandbox {
  readonly doc: SandboxDoc;
  readonly records: readonly [string, unknown][];
}

export async function removeSandbox(doc: SandboxDoc): Promise<RemovedSandbox> {
  const keys = [docKey(doc.id), workScope(doc.id), replacedKey(doc.id)];
  const values = await getMany(keys, store);
  const records = keys.flatMap((key, i) =>
    values[i] === undefined ? [] : [[key, values[i]] as [string, unknown]],
  );
  await delMany(keys, store);
  return { doc, records };
}

export async function restoreSandbox(removed: RemovedSandbox): Promise<void> {
  await setMany([...removed.records], store);
}

export async function rememberOpened(id: string): Promise<void> {
  await set(LAST_OPENED, id, store).catch(() => {});
}

/**
 * The sandbox that `#/sandbox` opens: the one opened last, else the most recently changed, else
 * a first one, made from the blank starter (or from the work of the single sandbox of earlier
 * versions, which then moves into it).
 */
export async function defaultSandbox(blank: FileSet): Promise<SandboxDoc> {
  const last = await get<string>(LAST_OPENED, store);
  const opened = last === undefined ? undefined : await loadSandbox(last);
  if (opened) return opened;
  const [recent] = await listSandboxes();
  if (recent) return recent.doc;
  const doc = await createSandbox({ files: blank });
  const legacy = await get<SavedWork>(LEGACY_SCOPE, store);
  if (legacy) {
    await set(workScope(doc.id), legacy, store);
    await del(LEGACY_SCOPE, store);
  }
  return doc;
}
