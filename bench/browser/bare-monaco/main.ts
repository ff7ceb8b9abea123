// The peer for "page load to an editor ready to type": Vite + Monaco and nothing else, loaded the
// same lazy way the app loads it.
const { editor } = await import('monaco-editor/editor');
await import('monaco-editor/features/register.all');
await import('monaco-editor/languages/definitions/typescript/register');
await import('monaco-editor/languages/features/typescript/register');
const { default: EditorWorker } = await import('monaco-editor/editor/editor.worker?worker');
const { default: TsWorker } =
  await import('monaco-editor/languages/features/typescript/ts.worker?worker');
self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) =>
    label === 'typescript' ? new TsWorker() : new EditorWorker(),
};
const host = document.getElementById('editor');
if (host) {
  editor.create(host, {
    value: "export default function pipeline() {\n  return 'ready';\n}\n",
    language: 'typescript',
  });
  host.dataset.editorStatus = 'ready';
}
export {};
