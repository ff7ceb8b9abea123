import type * as Monaco from 'monaco-editor/editor';
import { getTypeScriptWorker } from 'monaco-editor/languages/features/typescript/register';
import type { Usage } from './streamlab-import';

/** What a place in the file takes, as TypeScript sees it. */
export interface Scope {
  /** An expression takes values; an annotation takes types. */
  readonly wants: Usage;
  /** The names TypeScript already offers there: the file's own, its imports and the globals. */
  readonly names: ReadonlySet<string>;
}

/**
 * Asks Monaco's TypeScript worker what it would complete at `offset`. Its answer holds only
 * names that fit the place, so two globals tell which place it is: `console` (declared for
 * pipelines as a value, never a type) appears where values go, `Record` (a type alias in every
 * lib) where types go. Neither appears after a `.`, in a string or comment, or where a new name
 * is being declared: no free name belongs there, and the answer is undefined.
 */
export async function scopeAt(
  model: Monaco.editor.ITextModel,
  offset: number,
): Promise<Scope | undefined> {
  const worker = await (await getTypeScriptWorker())(model.uri);
  if (model.isDisposed()) return undefined;
  const info = (await worker.getCompletionsAtPosition(model.uri.toString(), offset)) as
    { entries: readonly { name: string }[] } | undefined;
  if (!info) return undefined;
  const names = new Set(info.entries.map((e) => e.name));
  if (names.has('console')) return { wants: 'value', names };
  if (names.has('Record')) return { wants: 'type', names };
  return undefined;
}
