/**
 * The sandbox worker's entry. It waits for the page's MessagePort (handed over by the sandbox
 * iframe) and serves one run on it (see ./serve.ts). Every run gets a fresh worker, so nothing
 * here needs to be reset.
 */
import type { RunSession } from './session';
import { serve } from './serve';

let session: RunSession | undefined;

const onStart = (event: MessageEvent) => {
  const port = event.ports[0];
  if ((event.data as { type?: unknown } | null)?.type !== 'streamlab:port' || !port) return;
  self.removeEventListener('message', onStart);
  session = serve(port, self);
};
// Failures the learner's code causes outside a call (a rejected promise nobody awaited) are
// reported with the next answer.
self.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  session?.reportAsyncFailure(event.reason);
});
self.addEventListener('error', (event) => {
  event.preventDefault();
  session?.reportAsyncFailure(event.error ?? event.message);
});
self.addEventListener('message', onStart);
