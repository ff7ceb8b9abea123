import type * as Monaco from 'monaco-editor/editor';
import type { TextEdit } from './streamlab-import';

/** An edit by offsets into the model's text, as Monaco's line-and-column edit. */
export function toMonacoEdit(
  model: Monaco.editor.ITextModel,
  edit: TextEdit,
): Monaco.languages.TextEdit {
  const start = model.getPositionAt(edit.start);
  const end = model.getPositionAt(edit.end);
  return {
    range: {
      startLineNumber: start.lineNumber,
      startColumn: start.column,
      endLineNumber: end.lineNumber,
      endColumn: end.column,
    },
    text: edit.text,
  };
}
