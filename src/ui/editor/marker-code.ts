import type * as Monaco from 'monaco-editor/editor';

/** A marker's code as text: TypeScript's markers carry the error number (`'2304'`). */
export function markerCode(marker: Monaco.editor.IMarkerData): string | undefined {
  return typeof marker.code === 'object' ? marker.code.value : marker.code;
}
