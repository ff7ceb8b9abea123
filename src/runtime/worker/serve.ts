/**
 * Makes this worker a sandbox: warms the engine, freezes what the runtime relies on, and answers
 * the page on `port`. Everything the runtime needs from the worker's globals (the clock, timers)
 * is captured here, before any learner code runs, so a learner who replaces `setTimeout` or
 * `performance.now` changes only their own code's view of them.
 */
import * as Comlink from 'comlink';
import * as engine from 'streamlab';
import type { AdvanceRequest, LoadRequest, WorkerApi } from './api';
import { capAllocations } from './allocation-cap';
import { gradeCheck } from './grade';
import { hardenIntrinsics } from './harden';
import { withholdGlobals } from './withhold-globals';
import { RunSession, warmUp } from './session';

export interface WorkerScope {
  readonly setTimeout: (callback: () => void, ms: number) => unknown;
  readonly performance: { now(): number };
}

/** Serves one run's session on `port`; returns it, for reporting failures between calls. */
export function serve(port: MessagePort, scope: WorkerScope & object): RunSession {
  const setTimeout = scope.setTimeout.bind(scope);
  const performance = scope.performance;
  const now = performance.now.bind(performance);
  const session = new RunSession({ now });
  warmUp({ now });
  const api: WorkerApi = {
    ping: () => 'pong',
    load(request: LoadRequest) {
      const result = session.load(request);
      return Comlink.transfer(result, [result.update.buffer]);
    },
    async advance(request: AdvanceRequest) {
      // Let events already queued (an unawaited promise's rejection) land first, so their
      // failure is reported with this answer.
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      const result = session.advance(request.advance, request.sliceMs);
      return Comlink.transfer(result, [result.update.buffer]);
    },
    failNow() {
      const result = session.failNow();
      return Comlink.transfer(result, [result.update.buffer]);
    },
    failOnNextRecord: (operatorId: string) => session.failOnNextRecord(operatorId),
    checkInput() {
      const input = session.checkInput();
      return input instanceof Uint8Array ? Comlink.transfer(input, [input.buffer]) : input;
    },
    grade: (source: string, input: Uint8Array) => gradeCheck(source, input, now),
  };
  // Built-ins and the engine's own classes are frozen before the learner's code can touch them.
  hardenIntrinsics(
    (Object.values(engine) as unknown[]).filter(
      (v): v is object => (typeof v === 'function' || typeof v === 'object') && v !== null,
    ),
  );
  Comlink.expose(api, port);
  withholdGlobals(scope);
  capAllocations(scope as unknown as Record<string, unknown>);
  return session;
}
