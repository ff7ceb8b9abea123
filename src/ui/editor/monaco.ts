/**
 * Monaco, configured for learners' TypeScript. This module is the editor's lazy chunk: nothing
 * imports it statically, so a page's prose paints before any of Monaco is fetched.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import {
  ModuleKind,
  ModuleResolutionKind,
  ScriptTarget,
  typescriptDefaults,
} from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TypeScriptWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import engineTypes, { engineExports } from 'virtual:streamlab/engine-types';
import referenceAnchors from 'virtual:streamlab/reference-anchors';
import { DATA_FILE_DECLARATIONS, isDataFile } from '../../runtime/compile/data-files';
import type { CodeProblem } from '../../runtime/compile/problem';
import { registerImportCompletions } from './import-completions';
import { registerImportQuickFix } from './import-quick-fix';
import { registerReferenceHover } from './reference-hover';
import { registerTypeScriptFixes } from './typescript-fixes';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === 'typescript' || label === 'javascript'
      ? new TypeScriptWorker()
      : new EditorWorker();
  },
};

typescriptDefaults.setCompilerOptions({
  target: ScriptTarget.ES2020,
  module: ModuleKind.ESNext,
  moduleResolution: ModuleResolutionKind.NodeJs,
  strict: true,
  noEmit: true,
  allowNonTsExtensions: true,
  lib: ['es2022'],
});

// The engine, as the learner's `import … from 'streamlab'` sees it: declarations with its TSDoc,
// where TypeScript looks for a package's types.
for (const [file, text] of Object.entries(engineTypes)) {
  typescriptDefaults.addExtraLib(text, `file:///node_modules/streamlab/${file}`);
}
typescriptDefaults.addExtraLib(
  JSON.stringify({ name: 'streamlab', types: 'index.d.ts' }),
  'file:///node_modules/streamlab/package.json',
);
// Pipelines run in a worker with no DOM; `console` is the one global they are given.
typescriptDefaults.addExtraLib(
  `declare const console: {
  /** Shows values in the console panel, with the line that logged them. */
  log(...values: unknown[]): void;
  info(...values: unknown[]): void;
  warn(...values: unknown[]): void;
  error(...values: unknown[]): void;
  debug(...values: unknown[]): void;
};`,
  'file:///streamlab-globals.d.ts',
);
// `import readings from './readings.csv'`: a data file beside the program is its text. Which files
// exist is the run's to say (a missing one fails at its import), so any name type-checks here.
typescriptDefaults.addExtraLib(DATA_FILE_DECLARATIONS, 'file:///streamlab-data-files.d.ts');

// Completion and a quick fix for 'streamlab' names the file does not import yet. Monaco's own
// quick-fix provider gives way to `registerTypeScriptFixes`: the same fixes, less TypeScript's
// duplicate of that import. Monaco reads the mode configuration when the first TypeScript model
// appears, so it is set here, before any.
typescriptDefaults.setModeConfiguration({
  ...typescriptDefaults.modeConfiguration,
  codeActions: false,
});
registerTypeScriptFixes();
registerImportQuickFix(engineExports);
registerImportCompletions(engineExports);
registerReferenceHover(referenceAnchors);

export { monaco };
export { showTabFocusHint } from './tab-focus-hint';

/** The app's theme names mapped to Monaco's built-in themes. */
export function monacoTheme(theme: 'light' | 'dark'): string {
  return theme === 'dark' ? 'vs-dark' : 'vs';
}

/**
 * A model per file path, kept for the visit, so switching tabs or lessons keeps undo history. A
 * data file is plain text: TypeScript must neither check it nor take it for a module.
 */
export function modelFor(path: string, value: string): monaco.editor.ITextModel {
  const uri = monaco.Uri.parse(`file:///${path}`);
  const language = isDataFile(path) ? 'plaintext' : 'typescript';
  return monaco.editor.getModel(uri) ?? monaco.editor.createModel(value, language, uri);
}

/**
 * The type errors TypeScript squiggles in `model` (not the run's own markers): a run can succeed
 * and still be wrong because of one, so the run's summary names them.
 */
export function typeErrorsOf(model: monaco.editor.ITextModel, file: string): CodeProblem[] {
  return monaco.editor
    .getModelMarkers({ resource: model.uri })
    .filter((m) => m.owner !== 'streamlab-run' && m.severity === monaco.MarkerSeverity.Error)
    .map((m) => ({
      message: m.message,
      file,
      line: m.startLineNumber,
      column: m.startColumn,
      endLine: m.endLineNumber,
      endColumn: m.endColumn,
    }));
}

/**
 * Shows what running found at its place: problems (syntax, runtime errors, a bad row that stopped
 * the run) as red squiggles, warnings (rows a text source skipped) as yellow ones.
 */
export function setProblemMarkers(
  model: monaco.editor.ITextModel,
  problems: readonly CodeProblem[],
  warnings: readonly CodeProblem[] = [],
) {
  const marked = [
    ...problems.map((p) => ({ p, severity: monaco.MarkerSeverity.Error })),
    ...warnings.map((p) => ({ p, severity: monaco.MarkerSeverity.Warning })),
  ];
  monaco.editor.setModelMarkers(
    model,
    'streamlab-run',
    marked.map(({ p, severity }) => ({
      severity,
      message: p.message,
      startLineNumber: p.line,
      startColumn: p.column,
      endLineNumber: p.endLine ?? p.line,
      // Without an end, underline to the end of the word (or the line) at the start.
      endColumn:
        p.endColumn ??
        model.getWordAtPosition({ lineNumber: p.line, column: p.column })?.endColumn ??
        model.getLineMaxColumn(Math.min(p.line, model.getLineCount())),
    })),
  );
}
