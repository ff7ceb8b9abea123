import * as monaco from 'monaco-editor/editor';
import type { EngineExport } from '../../build/engine-exports';
import { markerCode } from './marker-code';
import { importEdits, type Usage } from './streamlab-import';
import { toMonacoEdit } from './text-edits';
import { scopeAt } from './typescript-scope';

/** "Cannot find name 'X'", and the same with "Did you mean 'Y'?". */
const MISSING_NAME = new Set(['2304', '2552']);

/**
 * A quick fix for a 'streamlab' name used without being imported: it adds the name to the
 * import, with the same edit as choosing the name from completion. In the light bulb and on
 * Ctrl+., preferred over TypeScript's spelling suggestions.
 */
export function registerImportQuickFix(exports: readonly EngineExport[]): monaco.IDisposable {
  const byName = new Map(exports.map((e) => [e.name, e]));
  return monaco.languages.registerCodeActionProvider(
    'typescript',
    {
      async provideCodeActions(model, _range, context) {
        const actions: monaco.languages.CodeAction[] = [];
        const seen = new Set<string>();
        for (const marker of context.markers) {
          if (!MISSING_NAME.has(markerCode(marker) ?? '')) continue;
          const name = model.getValueInRange(marker);
          const engineExport = byName.get(name);
          if (!engineExport || seen.has(name)) continue;
          seen.add(name);
          const usage = await usageOf(model, engineExport);
          if (model.isDisposed()) return undefined;
          const edits = importEdits(model.getValue(), name, usage);
          if (edits.length === 0) continue;
          actions.push({
            title: `Add '${name}' to the import from 'streamlab'`,
            kind: 'quickfix',
            diagnostics: [marker],
            isPreferred: true,
            edit: {
              edits: edits.map((edit) => ({
                resource: model.uri,
                versionId: model.getVersionId(),
                textEdit: toMonacoEdit(model, edit),
              })),
            },
          });
        }
        return { actions, dispose() {} };
      },
    },
    { providedCodeActionKinds: ['quickfix'] },
  );
}

/**
 * How the file uses the name. A class is a value and a type; it goes to `import type` only if
 * every place it is missing is an annotation, or the value uses would fail.
 */
async function usageOf(model: monaco.editor.ITextModel, name: EngineExport): Promise<Usage> {
  if (!name.value) return 'type';
  if (!name.type) return 'value';
  const places = monaco.editor
    .getModelMarkers({ resource: model.uri, owner: 'typescript' })
    .filter((m) => MISSING_NAME.has(markerCode(m) ?? '') && model.getValueInRange(m) === name.name);
  const scopes = await Promise.all(
    places.map((m) =>
      scopeAt(model, model.getOffsetAt({ lineNumber: m.startLineNumber, column: m.startColumn })),
    ),
  );
  return scopes.length > 0 && scopes.every((s) => s?.wants === 'type') ? 'type' : 'value';
}
