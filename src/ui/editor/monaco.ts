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

export { monaco };

/** The app's theme names mapped to Monaco's built-in themes. */
export function monacoTheme(theme: 'light' | 'dark'): string {
  return theme === 'dark' ? 'vs-dark' : 'vs';
}

/** A model per file path, kept for the visit, so switching tabs or lessons keeps undo history. */
export function modelFor(path: string, value: string): monaco.editor.ITextModel {
  const uri = monaco.Uri.parse(`file:///${path}`);
  return monaco.editor.getModel(uri) ?? monaco.editor.createModel(value, 'typescript', uri);
}
