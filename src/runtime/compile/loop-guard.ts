/** Thrown from inside a learner's loop that ran past the time budget. */
export class EndlessLoopError extends Error {
  /** `line` and `column` are in the transpiled code; the learner's are mapped when described. */
  constructor(
    readonly line: number,
    readonly column: number,
    readonly budgetMs: number,
  ) {
    super(
      `Your code ran for ${(budgetMs / 1000).toFixed(1)} s without finishing: is there an endless loop near line ${line}?`,
    );
    this.name = 'EndlessLoopError';
  }
}

/**
 * The function guarded loops call (see `guard-loops.ts`). Reading the clock on every iteration
 * would slow tight loops, so it reads it once every 1024 calls.
 *
 * `restart()` is called whenever the run makes progress: the budget is for code that runs that
 * long *without* giving control back, not for a long run.
 */
export function createLoopGuard(budgetMs: number, now: () => number) {
  let deadline = now() + budgetMs;
  let calls = 0;
  return {
    guard(line: number, column: number) {
      if ((++calls & 1023) === 0 && now() > deadline) {
        throw new EndlessLoopError(line, column, budgetMs);
      }
    },
    restart() {
      deadline = now() + budgetMs;
    },
  };
}
