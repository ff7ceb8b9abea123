import type * as Comlink from 'comlink';
import { checkCheckOutcome, checkPong, MalformedReply, type ReplyCheck } from './replies';
import { createSandbox, SandboxCrash, type Sandbox } from './sandbox';
import type { CheckOutcome, WorkerApi } from './worker/api';

/**
 * How long a sandbox gets to show it is alive: its frame, when a call ran out of time (a frame
 * answers in a few ms even while its worker loops); its worker, before a spare is used.
 */
const ALIVE_MS = 500;

/**
 * The worker did not answer within the budget and was torn down. `stuck` says what it was doing:
 * `'busy'`, one call that never returned (the learner's own loops are stopped at their line by the
 * loop guard, so the time went inside a built-in, or into collecting garbage on a heap that is
 * nearly full: from outside, the two look the same until the process ends, which can take many
 * seconds more); `'waiting'`, nothing at all (it answered a ping: the run awaits a Promise that
 * never settles); `undefined` before anyone looked.
 */
export class WatchdogTimeout extends Error {
  override name = 'WatchdogTimeout';
  constructor(
    readonly budgetMs: number,
    readonly stuck?: 'busy' | 'waiting',
  ) {
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
    this.#current = await this.#takeSpare();
  }

  /**
   * Calls the current sandbox with a deadline, and checks the reply's shape with `check`. Past
   * the deadline, on a crash or a malformed reply, the sandbox is gone. A deadline missed by a
   * sandbox whose frame no longer answers is reported as the crash it is.
   */
  async call<T>(
    fn: (api: Comlink.Remote<WorkerApi>) => Promise<unknown>,
    check: ReplyCheck<T>,
  ): Promise<T> {
    if (!this.#current) await this.fresh();
    return this.#callOn(this.#current as Sandbox, fn, check);
  }

  /**
   * Grades a run with a lesson's check in a sandbox no learner code ran in (the spare, which is
   * then used up), so the learner's code cannot change the verdict.
   */
  async grade(source: string, input: Uint8Array): Promise<CheckOutcome> {
    const sandbox = await this.#takeSpare();
    try {
      return await this.#callOn(
        sandbox,
        (api) => api.grade(source, input) as Promise<unknown>,
        checkCheckOutcome,
      );
    } finally {
      sandbox.dispose();
      this.warm();
    }
  }

  async #callOn<T>(
    sandbox: Sandbox,
    fn: (api: Comlink.Remote<WorkerApi>) => Promise<unknown>,
    check: ReplyCheck<T>,
  ): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new WatchdogTimeout(this.budgetMs)), this.budgetMs);
    });
    try {
      return check(await Promise.race([fn(sandbox.api), deadline, sandbox.crashed]));
    } catch (error) {
      if (error instanceof WatchdogTimeout) {
        // Asked before the sandbox is torn down: a removed frame answers nothing.
        const [workerAnswers, frameAnswers] = await Promise.all([
          answersPing(sandbox),
          sandbox.frameAnswers(ALIVE_MS),
        ]);
        this.#discard(sandbox);
        if (workerAnswers) throw new WatchdogTimeout(error.budgetMs, 'waiting');
        if (!frameAnswers) throw new SandboxCrash('its process ended', true);
        throw new WatchdogTimeout(error.budgetMs, 'busy');
      } else if (error instanceof MalformedReply || !(await isAlive(sandbox))) {
        this.#discard(sandbox);
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The warm spare if it is still alive, else a new sandbox. A spare can die without a word: it
   * shares its renderer process with the sandbox before it, and a crash of that one (out of
   * memory) takes both.
   */
  async #takeSpare(): Promise<Sandbox> {
    const spare = this.#spare;
    this.#spare = undefined;
    const ready = await spare?.catch(() => undefined);
    if (ready && (await answersPing(ready))) return ready;
    ready?.dispose();
    return createSandbox();
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

/** True when the sandbox's worker answers a ping in time. */
async function answersPing(sandbox: Sandbox): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>(
    (resolve) => (timer = setTimeout(() => resolve(false), ALIVE_MS)),
  );
  try {
    const answer = await Promise.race([
      sandbox.api.ping().then(checkPong, () => false as const),
      late,
      sandbox.crashed.catch(() => false as const),
    ]);
    return answer === 'pong';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
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
