/** One of the learner's sandboxes, as the browser keeps it. */
export interface SandboxDoc {
  /** Random, local to one browser; never trusted from a link or a file. */
  readonly id: string;
  readonly name: string;
  /** `pipeline.ts` plus data files like `readings.csv`, by file name. */
  readonly files: Readonly<Record<string, string>>;
  /** The run's seed (a whole number), so a demo does the same thing every time. */
  readonly seed: number;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly updatedAt: number;
}
