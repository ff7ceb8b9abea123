/**
 * When the sandbox thread itself gave out, said in the learner's terms: the page's sentences
 * (src/ui/run/run-store.svelte.ts), told of Node instead of the browser.
 */
import { MalformedReply } from '../runtime/replies';
import type { SandboxStopped } from './node-sandbox';
import type { ProgramFailure } from './run-program';

export function sandboxFailure(
  error: SandboxStopped | MalformedReply,
  file: string,
): ProgramFailure {
  if (error instanceof MalformedReply) {
    return { kind: 'internal', message: `${error.message}, so it was not shown.` };
  }
  const stop = error.stop;
  switch (stop.kind) {
    case 'stuck': {
      const seconds = stop.budgetMs / 1000;
      const message = stop.busy
        ? // Node, like a browser, does not say why a thread is silent: the likelier cause first.
          `Your code spent ${seconds} s inside one call that never returned, so it was stopped. It was not one of your loops (those are stopped at their line). Either memory was running out: when code keeps more and more data (a Map, array or state that grows with every record), Node ends up spending all its time reclaiming memory. Or one built-in operation ran on something very large: filling, sorting or copying an array of millions of elements, building a huge string, or a regular expression that backtracks.`
        : `Your code waited ${seconds} s for something that never came, so it was stopped: is there an \`await\` (or a Promise) that never settles?`;
      return { kind: 'loop', file, message };
    }
    case 'memory':
      return {
        kind: 'memory',
        file,
        message: `The run ran out of memory: your code kept more data than the ${stop.limitMb} MB a run may use (look for a Map, array or state that grows with every record), so it was stopped.`,
      };
    case 'crash':
      return { kind: 'internal', file, message: `The run's thread ended (${stop.message}).` };
  }
}
