/**
 * The editor's keys as this platform names them. Monaco binds Ctrl+Enter to ⌘+Enter on a Mac,
 * and its Tab-moves-focus toggle, Ctrl+M elsewhere, to Ctrl+Shift+M there (⌘+M minimises).
 * `label` is for the eye, `spoken` for screen readers.
 */
const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

export const runKey = isMac
  ? { label: '⌘+Enter', spoken: 'Command+Enter' }
  : { label: 'Ctrl+Enter', spoken: 'Control+Enter' };

export const tabFocusKey = isMac
  ? { label: 'Ctrl+Shift+M', spoken: 'Control+Shift+M' }
  : { label: 'Ctrl+M', spoken: 'Control+M' };
