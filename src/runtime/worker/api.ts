/**
 * What the page and the sandbox worker say to each other (over Comlink). Everything is plain,
 * structured-clone-friendly data; a step's trace, outputs and console lines travel together as one
 * transferred buffer, not a message per event.
 */
import type { CodeProblem } from '../compile/problem';
import type { DescribedError } from '../compile/describe-error';
import type { ConsoleEntry } from './console-capture';
import type {
  CollectedRecord,
  JobGraph,
  JobMetrics,
  OperatorWatermarks,
  TraceEvent,
  UpsertRow,
} from 'streamlab';

export interface LoadRequest {
  /**
   * The learner's files by name; `entry` is the one whose default export builds the pipeline. Data
   * files (`.csv`, `.jsonl`, `.json`, `.txt`) are imported by it as text: `'./readings.csv'`.
   */
  readonly files: Readonly<Record<string, string>>;
  readonly entry: string;
  readonly seed?: number;
  /** Trace level for this run (the charts want `full`; big sandbox runs may want less). */
  readonly trace?: 'full' | 'sampled' | 'counters';
  /**
   * Values for a lesson figure's program, passed to its default export after the environment
   * (`pipeline(env, params)`): the figure's sliders set them.
   */
  readonly params?: FigureParams;
  /** Keep where each collected record came from, for a lesson's check (see `CheckInput.inputs`). */
  readonly provenance?: boolean;
  /** Loop budget in ms: a learner's loop running this long without returning is stopped. */
  readonly loopBudgetMs?: number;
}

/** A figure program's parameters, by name. */
export type FigureParams = Readonly<Record<string, number>>;

/**
 * A run could not start, or stopped: what happened, said plainly, at the learner's line. `data`: a
 * text source met a bad row; `file` is then the data file it is in (when the text is one).
 */
export interface RunFailure {
  readonly kind:
    'syntax' | 'import' | 'pipeline' | 'runtime' | 'data' | 'loop' | 'memory' | 'internal';
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** The operator and record a runtime failure happened on. */
  readonly operator?: string;
  readonly record?: { readonly value: string; readonly timestamp?: number };
  readonly stack?: string;
  /** True when it surfaced outside the pipeline's own calls (an unawaited promise). */
  readonly async?: boolean;
  /** True for an injected failure (`env.injectFailure`, Fail now) the job did not restart after. */
  readonly injected?: boolean;
}

export type LoadResult =
  /** `graph`: the job's first 100 operators, when it has more (`RunUpdate.sections` counts them). */
  | { readonly ok: true; readonly graph: JobGraph; readonly update: Uint8Array }
  | { readonly ok: false; readonly failure: RunFailure; readonly update: Uint8Array };

/** How far to run. */
export type Advance =
  | { readonly kind: 'end' }
  | { readonly kind: 'time'; readonly to: number }
  | { readonly kind: 'arrivals'; readonly count: number };

export interface AdvanceRequest {
  readonly advance: Advance;
  /** Return after about this much work (ms) even if not there yet; the page asks again. */
  readonly sliceMs: number;
}

export interface AdvanceResult {
  /** True when the job has ended (every source exhausted) or failed. */
  readonly done: boolean;
  /** True when the requested point was reached (or the job ended). */
  readonly reached: boolean;
  readonly processingTime: number;
  /** A {@link RunUpdate}, JSON in UTF-8, transferred rather than copied. */
  readonly update: Uint8Array;
  readonly failure?: RunFailure;
}

/**
 * A row as the page gets it: its value cut to what a table cell can show (see
 * `worker/bounded.ts`), and `cut` saying what was cut, as "value of 16 MB, shown cut to 10 kB".
 */
export interface SentRecord extends CollectedRecord {
  readonly cut?: string;
}

export type SentUpsertRow = UpsertRow & SentRecord;

/**
 * A row a text source left out (`onError: 'skip'`), as the page gets it: at its line and column of
 * the data file the program imported (`file`), when the text is one; else of the text written in
 * the program.
 */
export interface SentSkippedRow {
  readonly file?: string;
  readonly line: number;
  readonly column: number;
  /** What is wrong there: `expected a number in "celsius", got "warm"`. */
  readonly reason: string;
  /** The text source's name. */
  readonly source: string;
}

/** Rows left out since the last update: the run's first 100 in full, and how many in all. */
export interface SkippedRows {
  /** New rows, in the order they were read, while the run has sent fewer than 100. */
  readonly rows: readonly SentSkippedRow[];
  /** Rows the run has left out so far, listed or not. */
  readonly total: number;
}

/** How many collect sinks, side outputs, upsert tables and operators the run has, shown or not. */
export interface SectionCounts {
  readonly outputs: number;
  readonly sideOutputs: number;
  readonly tables: number;
  /** Operators of the job; the graph, the trace and the counters cover the first 100 only. */
  readonly operators: number;
}

/** What happened since the last update. */
export interface RunUpdate {
  readonly trace: readonly TraceEvent[];
  /**
   * New rows per collect sink and side output, in arrival order: of the first 20 sinks and the
   * first 20 side outputs only (`sections` counts them all).
   */
  readonly outputs: Readonly<Record<string, readonly SentRecord[]>>;
  readonly sideOutputs: Readonly<Record<string, readonly SentRecord[]>>;
  /**
   * Transactional (exactly-once) sinks whose rows changed, whole: a commit turns rows committed
   * and an abort drops them, so their rows are replaced, not appended to (of the first 20 sinks).
   */
  readonly transactional: Readonly<Record<string, readonly SentRecord[]>>;
  /** Upsert tables that changed, whole (of the first 20). */
  readonly tables: Readonly<Record<string, readonly SentUpsertRow[]>>;
  readonly sections: SectionCounts;
  readonly printed: readonly string[];
  readonly console: readonly ConsoleEntry[];
  readonly skipped: SkippedRows;
  /**
   * Counters and watermarks of the operators in the load's graph (a pipeline rarely has 20; of
   * one with thousands, the first 100), as the trace is.
   */
  readonly metrics: JobMetrics;
  readonly watermarks: readonly OperatorWatermarks[];
  readonly processingTime: number;
  readonly finished: boolean;
}

/** What a lesson's check said of the run, or why it could not say. */
export type CheckOutcome =
  | { readonly ok: true; readonly pass: boolean; readonly message: string }
  | { readonly ok: false; readonly message: string };

export interface WorkerApi {
  /** Answers at once: the worker is alive and listening. */
  ping(): 'pong';
  /** Compiles the learner's files, runs the module and builds the pipeline (no record flows). */
  load(request: LoadRequest): LoadResult;
  /** Runs the loaded pipeline forward. */
  advance(request: AdvanceRequest): Promise<AdvanceResult>;
  /**
   * Makes the loaded run's job fail now, at its current processing time: it restarts from its
   * last checkpoint or fails, by its checkpointing and restart strategy.
   */
  failNow(): AdvanceResult;
  /**
   * Makes operator `operatorId` of the loaded run's job fail on the next record it receives;
   * false when the job has ended. Nothing runs until the page advances the run.
   */
  failOnNextRecord(operatorId: string): boolean;
  /**
   * What the loaded run produced, as the JSON a lesson's check grades (see `grade`), or why it
   * could not be prepared.
   */
  checkInput(): Uint8Array | { readonly error: string };
  /**
   * Runs a lesson's check (its `check.ts` source) on a run's `checkInput`. The page asks a
   * sandbox no learner code ran in, so the learner's code cannot change the verdict.
   */
  grade(source: string, input: Uint8Array): CheckOutcome;
}

export type { CodeProblem, DescribedError, ConsoleEntry };
