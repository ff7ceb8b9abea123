/**
 * The keys a presenter steps a run with. A presentation clicker sends Page Down and Page Up (some
 * send the arrows, or B and period to blank the screen); a keyboard has the arrows and Space.
 */
export type PresenterAction = 'forward' | 'back' | 'end' | 'exit' | 'text';

const ACTIONS: Readonly<Record<string, PresenterAction>> = {
  PageDown: 'forward',
  ArrowRight: 'forward',
  ArrowDown: 'forward',
  ' ': 'forward',
  Enter: 'forward',
  PageUp: 'back',
  ArrowLeft: 'back',
  ArrowUp: 'back',
  Backspace: 'back',
  End: 'end',
  Escape: 'exit',
  // The lesson's text beside the run, or the run alone (where there is a text to show).
  t: 'text',
  T: 'text',
};

/** What `event` asks of a presented run, or `undefined` when it is not a presenter's key. */
export function presenterAction(event: {
  readonly key: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
}): PresenterAction | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey) return undefined;
  return Object.hasOwn(ACTIONS, event.key) ? ACTIONS[event.key] : undefined;
}
