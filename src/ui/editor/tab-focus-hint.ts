import * as monaco from 'monaco-editor/editor';
import { tabFocusKey } from './shortcuts';

/**
 * A small note in the editor's bottom-right corner, while it has the keyboard: Tab indents here,
 * so a keyboard user needs Monaco's Tab-moves-focus toggle to leave. Monaco keeps that toggle's
 * state to itself (it is neither an editor option nor an event), so the note says what the key
 * does rather than which way Tab works now; Monaco announces each switch to screen readers, and
 * the editor's accessible label says the same as the note, so the note is hidden from them.
 */
export function showTabFocusHint(editor: monaco.editor.ICodeEditor): monaco.IDisposable {
  const node = document.createElement('div');
  node.className = 'tab-focus-hint';
  node.setAttribute('aria-hidden', 'true');
  node.textContent = `${tabFocusKey.label} toggles whether Tab leaves the editor`;
  node.hidden = true;
  const widget: monaco.editor.IOverlayWidget = {
    getId: () => 'streamlab.tabFocusHint',
    getDomNode: () => node,
    getPosition: () => ({
      preference: monaco.editor.OverlayWidgetPositionPreference.BOTTOM_RIGHT_CORNER,
    }),
  };
  editor.addOverlayWidget(widget);
  const listeners = [
    editor.onDidFocusEditorText(() => (node.hidden = false)),
    editor.onDidBlurEditorText(() => (node.hidden = true)),
  ];
  return {
    dispose() {
      for (const listener of listeners) listener.dispose();
      editor.removeOverlayWidget(widget);
    },
  };
}
