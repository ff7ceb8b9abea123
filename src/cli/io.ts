/** What a command reads and writes besides files: given, so tests can run commands in-process. */
export interface Output {
  write(text: string): unknown;
  /** True on a terminal: only then is a progress bar drawn. */
  readonly isTTY?: boolean;
}

export interface Io {
  readonly stdout: Output;
  readonly stderr: Output;
  /** Where relative paths start. */
  readonly cwd: string;
}

/** Exit codes (documented in the README and in `--help`). */
export const EXIT = {
  /** `run`: the program ran to its end (or to `--until`); `check`: the grading ran. */
  ok: 0,
  /** `run`: the program did not compile, failed, looped, ran out of memory or of time. */
  programFailed: 1,
  /** The command line was wrong: an unknown option, a missing file, an unknown lesson. */
  usage: 2,
  /** Streamlab itself failed: a bug to report. */
  internal: 3,
} as const;

/** A mistake in how the command was called, said with what to do instead. */
export class UsageError extends Error {
  override name = 'UsageError';
}
