/**
 * The command line's sandbox: one worker thread per run, serving the same API on the same code
 * as the browser's sandbox worker (see src/runtime/worker/main.ts and serve.ts): the same
 * compile, loop guard, frozen built-ins and allocation cap. Only the channel differs: Node's
 * worker port, adapted to what Comlink expects of a MessagePort.
 */
import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { serve } from '../runtime/worker/serve';

if (parentPort === null) throw new Error('sandbox-worker.ts runs only as a worker thread');

const session = serve(nodeEndpoint(parentPort) as unknown as MessagePort, globalThis);

// As in the browser's worker: what the learner's code throws outside a call (a rejected promise
// nobody awaited, a throwing timer) is reported with the next answer, not a dead thread.
process.on('unhandledRejection', (reason) => session.reportAsyncFailure(reason));
process.on('uncaughtException', (error) => session.reportAsyncFailure(error));
