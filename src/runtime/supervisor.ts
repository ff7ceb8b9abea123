import type * as Comlink from 'comlink';
import { createSandbox, type Sandbox } from './sandbox';
import type { WorkerApi } from './worker/api';

/** The worker did not answer within the budget and was torn down. */
export class WatchdogTimeout extends Error {
  override name = 'WatchdogTimeout';
  constructor(readonly budgetMs: number) {
    super(`The sandbox did not answer for ${budgetMs / 1000} s`);
  }
}

/**
 * Keeps a sandbox for the current run and a warm spare for the next. Every run gets a fresh
 * worker, so nothing a learner's code did to its worker (changed built-ins, timers, closed it)
 * outlives the run; and every call gets a deadline, so no code can hold the page hostage.
 */
export class SandboxSupervisor {
  #current: Sandbox | undefined;
  #spare: Promise<Sandbox> | undefined;

  constructor(readonly budgetMs = 2000) {}

  /** Starts the spare early, so the first Run does not wait for a worker to boot. */
  warm(): void {
    this.#spare ??= createSandbox();
    this.#spare.catch(() => (this.#spare = undefined));
  }

  /**
   * Swaps in a fresh sandbox for a new run. The next spare is not started here: booting one
   * (an iframe, a worker, the engine's bundle) on the run's critical path would delay its first
   * results; the caller warms it once they are on screen.
   */
  async fresh(): Promise<void> {
    this.#current?.dispose();
    this.#current = undefined;
    const next = this.#spare ?? createSandbox();
    this.#spare = undefined;
    this.#current = await next;
  }

  /** Calls the current sandbox with a deadline. Past it, or on a crash, the sandbox is gone. */
  async call<T>(fn: (api: Comlink.Remote<WorkerApi>) => Promise<T>): Promise<T> {
    if (!this.#current) await this.fresh();
    const sandbox = this.#current as Sandbox;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new WatchdogTimeout(this.budgetMs)), this.budgetMs);
    });
    try {
      return await Promise.race([fn(sandbox.api), deadline, sandbox.crashed]);
    } catch (error) {
      if (error instanceof WatchdogTimeout || !(await isAlive(sandbox))) this.#discard(sandbox);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  dispose(): void {
    this.#current?.dispose();
    this.#current = undefined;
    void this.#spare?.then((s) => s.dispose());
    this.#spare = undefined;
  }

  #discard(sandbox: Sandbox) {
    sandbox.dispose();
    if (this.#current === sandbox) this.#current = undefined;
    this.warm();
  }
}

/** A crashed sandbox rejects `crashed` at once; a live one does not within a tick. */
async function isAlive(sandbox: Sandbox): Promise<boolean> {
  return Promise.race([
    sandbox.crashed.then(
      () => false,
      () => false,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0)),
  ]);
}
