import * as monaco from 'monaco-editor/editor';
import type { EngineExport } from '../../build/engine-exports';
import { importEdits, importedNames } from './streamlab-import';
import { scopeAt } from './typescript-scope';
import { toMonacoEdit } from './text-edits';

const { CompletionItemKind } = monaco.languages;

const KINDS: Record<EngineExport['kind'], monaco.languages.CompletionItemKind> = {
  class: CompletionItemKind.Class,
  function: CompletionItemKind.Function,
  variable: CompletionItemKind.Constant,
  enum: CompletionItemKind.Enum,
  interface: CompletionItemKind.Interface,
  type: CompletionItemKind.Interface,
  namespace: CompletionItemKind.Module,
};

/**
 * Completion of 'streamlab' names the file does not import yet; choosing one adds it to the
 * import. Monaco's TypeScript worker cannot: it asks TypeScript for completions without the
 * option that includes other modules' exports, and would not apply the import edit either.
 * These join the worker's own completions, never repeating a name it offers.
 */
export function registerImportCompletions(exports: readonly EngineExport[]): monaco.IDisposable {
  return monaco.languages.registerCompletionItemProvider('typescript', {
    async provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      // Like TypeScript's own auto-imports, only once a name is begun: two hundred names on an
      // empty Ctrl+Space would bury the ones in scope. Incomplete, so the next letter asks again.
      if (word.word === '') return { suggestions: [], incomplete: true };
      const scope = await scopeAt(model, model.getOffsetAt(position));
      if (!scope) return undefined;
      const source = model.getValue();
      const imported = importedNames(source);
      const range = new monaco.Range(
        position.lineNumber,
        word.startColumn,
        position.lineNumber,
        word.endColumn,
      );
      const suggestions = exports
        .filter((e) => (scope.wants === 'type' ? e.type : e.value))
        .filter((e) => !scope.names.has(e.name) && !imported.has(e.name))
        .map((e): monaco.languages.CompletionItem => ({
          label: { label: e.name, description: 'streamlab' },
          kind: KINDS[e.kind],
          detail: "Add import from 'streamlab'",
          insertText: e.name,
          range,
          // After the file's own names and the globals, where TypeScript ranks auto-imports.
          sortText: '16',
          additionalTextEdits: importEdits(source, e.name, scope.wants).map((edit) =>
            toMonacoEdit(model, edit),
          ),
        }));
      return { suggestions };
    },
  });
}
