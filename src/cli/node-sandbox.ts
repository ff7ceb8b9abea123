/**
 * A run's sandbox in Node: a worker thread (see ./sandbox-worker.ts) with a heap of its own, and
 * every call to it on a deadline, as the page's `SandboxSupervisor` keeps the browser's. Whatever
 * the learner's code does — loop inside a built-in, wait forever, fill the heap — the thread is
 * ended and the command line goes on to say what happened.
 */
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { checkPong, type ReplyCheck } from '../runtime/replies';
import type { WorkerApi } from '../runtime/worker/api';

/** What a call may take, as in the browser: the learner's loops are stopped sooner, at 1.5 s. */
export const CALL_BUDGET_MS = 2000;
/** How long a stuck thread gets to answer a ping, which tells waiting from busy. */
const ALIVE_MS = 500;
/** Starting a thread loads TypeScript and the engine: slow on a busy machine, so generous. */
const START_BUDGET_MS = 30_000;

/** Why a sandbox stopped answering. */
export type SandboxStop =
  /** One call ran past its budget; `busy` when the thread did not even answer a ping. */
  | { readonly kind: 'stuck'; readonly budgetMs: number; readonly busy: boolean }
  /** The thread's heap reached its limit (Node ends the thread, not the process). */
  | { readonly kind: 'memory'; readonly limitMb: number }
  /** The thread ended some other way. */
  | { readonly kind: 'crash'; readonly message: string };

export class SandboxStopped extends Error {
  override name = 'SandboxStopped';
  constructor(readonly stop: SandboxStop) {
    super(`The sandbox stopped (${stop.kind})`);
  }
}

export interface NodeSandboxOptions {
  /** The thread's old-generation heap, in MB. */
  readonly memoryMb: number;
}

export class NodeSandbox {
  readonly #worker: Worker;
  readonly #api: Comlink.Remote<WorkerApi>;
  /** Rejects with {@link SandboxStopped} when the thread ends on its own. */
  readonly #ended: Promise<never>;
  #disposed = false;

  private constructor(worker: Worker, memoryMb: number) {
    this.#worker = worker;
    this.#api = Comlink.wrap<WorkerApi>(nodeEndpoint(worker));
    this.#ended = new Promise<never>((_, reject) => {
      let error: Error | undefined;
      worker.on('error', (e) => (error = e));
      worker.on('exit', (code) => {
        if (this.#disposed) return;
        const outOfMemory = (error as { code?: string } | undefined)?.code;
        reject(
          new SandboxStopped(
            outOfMemory === 'ERR_WORKER_OUT_OF_MEMORY'
              ? { kind: 'memory', limitMb: memoryMb }
              : {
                  kind: 'crash',
                  message: error ? String(error.message) : `its thread exited with code ${code}`,
                },
          ),
        );
      });
    });
    this.#ended.catch(() => {});
  }

  /** Starts a thread and waits until it answers. */
  static async start(options: NodeSandboxOptions): Promise<NodeSandbox> {
    const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
      // The learner's console goes to the run's output, never straight to the terminal.
      stdout: true,
      stderr: true,
    });
    // Read and dropped: a pipe nobody reads would fill and stall the thread.
    worker.stdout.resume();
    worker.stderr.resume();
    const sandbox = new NodeSandbox(worker, options.memoryMb);
    try {
      await sandbox.call((api) => api.ping(), checkPong, START_BUDGET_MS);
      return sandbox;
    } catch (error) {
      await sandbox.dispose();
      throw error;
    }
  }

  /**
   * Calls the thread with a deadline and checks the reply's shape with `check`. Past the deadline
   * or when the thread ends, throws {@link SandboxStopped}; the sandbox is then of no more use.
   */
  async call<T>(
    fn: (api: Comlink.Remote<WorkerApi>) => Promise<unknown>,
    check: ReplyCheck<T>,
    budgetMs = CALL_BUDGET_MS,
  ): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = Symbol('late');
    const deadline = new Promise<typeof late>((resolve) => {
      timer = setTimeout(() => resolve(late), budgetMs);
    });
    try {
      const reply = await Promise.race([fn(this.#api), deadline, this.#ended]);
      if (reply !== late) return check(reply);
    } finally {
      clearTimeout(timer);
    }
    const busy = !(await this.#answersPing());
    throw new SandboxStopped({ kind: 'stuck', budgetMs, busy });
  }

  /** Ends the thread, whatever it is doing. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#api[Comlink.releaseProxy]();
    await this.#worker.terminate();
  }

  async #answersPing(): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(resolve, ALIVE_MS, false)));
    try {
      const answer = await Promise.race([
        this.#api.ping().then(checkPong, () => false as const),
        late,
        this.#ended.catch(() => false as const),
      ]);
      return answer === 'pong';
    } finally {
      clearTimeout(timer);
    }
  }
}
