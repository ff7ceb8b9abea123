/**
 * The sandbox worker's entry. It waits for the page's MessagePort (handed over by the sandbox
 * iframe), freezes the built-ins, and answers the page's requests about one run at a time. Every
 * run gets a fresh worker, so nothing here needs to be reset.
 */
import * as Comlink from 'comlink';
import * as engine from 'streamlab';
import type { AdvanceRequest, LoadRequest, WorkerApi } from './api';
import { capAllocations } from './allocation-cap';
import { hardenIntrinsics } from './harden';
import { withholdGlobals } from './withhold-globals';
import { RunSession, warmUp } from './session';

const session = new RunSession({ now: () => performance.now() });

const api: WorkerApi = {
  ping: () => 'pong',
  load(request: LoadRequest) {
    const result = session.load(request);
    return Comlink.transfer(result, [result.update.buffer]);
  },
  async advance(request: AdvanceRequest) {
    // Let events already queued (an unawaited promise's rejection) land first, so their failure
    // is reported with this answer.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const result = session.advance(request.advance, request.sliceMs);
    return Comlink.transfer(result, [result.update.buffer]);
  },
  check: (source: string) => session.check(source),
};

const onStart = (event: MessageEvent) => {
  const port = event.ports[0];
  if ((event.data as { type?: unknown } | null)?.type !== 'streamlab:port' || !port) return;
  self.removeEventListener('message', onStart);
  warmUp({ now: () => performance.now() });
  // Built-ins and the engine's own classes are frozen before the learner's code can touch them.
  hardenIntrinsics(
    (Object.values(engine) as unknown[]).filter(
      (v): v is object => (typeof v === 'function' || typeof v === 'object') && v !== null,
    ),
  );
  Comlink.expose(api, port);
  withholdGlobals(self);
  capAllocations(self as unknown as Record<string, unknown>);
};
// Failures the learner's code causes outside a call (a rejected promise nobody awaited) are
// reported with the next answer.
self.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  session.reportAsyncFailure(event.reason);
});
self.addEventListener('error', (event) => {
  event.preventDefault();
  session.reportAsyncFailure(event.error ?? event.message);
});
self.addEventListener('message', onStart);
