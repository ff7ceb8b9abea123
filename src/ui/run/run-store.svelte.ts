import type { JobGraph, JobMetrics, OperatorWatermarks } from 'streamlab';
import {
  checkAdvanceResult,
  checkArmed,
  checkCheckInput,
  checkLoadResult,
  checkRunUpdate,
  MalformedReply,
} from '../../runtime/replies';
import { SandboxCrash } from '../../runtime/sandbox';
import { TraceModel } from '../viz/trace-model';
import type { RestartMoment } from './row-marks';
import { SandboxSupervisor, WatchdogTimeout } from '../../runtime/supervisor';
import type {
  Advance,
  AdvanceResult,
  CheckOutcome,
  ConsoleEntry,
  FigureParams,
  LoadResult,
  RunFailure,
  RunUpdate,
  SectionCounts,
  SentRecord,
  SentSkippedRow,
  SentUpsertRow,
} from '../../runtime/worker/api';

export type RunStatus =
  'idle' | 'starting' | 'running' | 'playing' | 'paused' | 'finished' | 'failed';

/** Play speeds, as multiples of virtual time; `Infinity` runs as fast as possible. */
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 25, 100, Infinity] as const;
export type Speed = (typeof SPEEDS)[number];

/** How long one request to the worker may work before it reports back, in ms. */
const SLICE_MS = 25;
/** The first slice of a run is short, so its first results reach the screen sooner. */
const FIRST_SLICE_MS = 6;

const decoder = new TextDecoder();

/** Accumulated results of a run. Plain arrays (not deep proxies): a run can hold 100 000 rows. */
export interface RunData {
  outputs: Record<string, SentRecord[]>;
  sideOutputs: Record<string, SentRecord[]>;
  tables: Record<string, readonly SentUpsertRow[]>;
  /** How many sinks, side outputs and tables the run has: the sandbox sends the first 20 each. */
  sections: SectionCounts;
  printed: string[];
  console: ConsoleEntry[];
  /** Rows text sources left out (`onError: 'skip'`): the first hundred listed, all counted. */
  skipped: { rows: SentSkippedRow[]; total: number };
  /** The job's restarts so far, in time order: what duplicate rows were written again after. */
  restarts: RestartMoment[];
}

/**
 * Sinks and side outputs keyed by the learner's names, which may be `constructor` or `__proto__`:
 * records without a prototype keep such names as plain keys.
 */
const byName = <T>() => Object.create(null) as Record<string, T>;

const emptyData = (): RunData => ({
  outputs: byName(),
  sideOutputs: byName(),
  tables: byName(),
  sections: { outputs: 0, sideOutputs: 0, tables: 0, operators: 0 },
  printed: [],
  console: [],
  skipped: { rows: [], total: 0 },
  restarts: [],
});

/**
 * One workbench's runs: starts each run in a fresh sandbox, advances it (all at once, played at a
 * speed, or step by step), and collects what the worker reports. Views read `data` and re-render
 * when `version` changes.
 */
export class RunStore {
  status: RunStatus = $state('idle');
  speed: Speed = $state(1);
  failure: RunFailure | undefined = $state.raw();
  graph: JobGraph | undefined = $state.raw();
  metrics: JobMetrics | undefined = $state.raw();
  watermarks: readonly OperatorWatermarks[] = $state.raw([]);
  processingTime = $state(0);
  /** Bumped on every update, so views that read `data` know to redraw. */
  version = $state(0);
  /** What the lesson's check said of the last finished run. */
  check: CheckOutcome | undefined = $state.raw();
  /**
   * True once the code changed after this run started: its error and its check speak of code
   * that is no longer there, so the editor drops the error's marker and the banners say so.
   */
  stale = $state(false);
  /**
   * The operator armed to fail on its next record (see {@link failOnNextRecord}), until the
   * failure comes.
   */
  armed: string | undefined = $state();
  /** Milliseconds from pressing Run to the first results (a run's first update). */
  firstResultMs: number | undefined = $state();
  data: RunData = emptyData();
  /**
   * The run's trace, folded as each batch arrives. The raw events are not kept: folded at once,
   * they die young, where keeping them would have the page's garbage collector copy hundreds of
   * thousands of objects while a long run plays.
   */
  readonly model = new TraceModel();

  #supervisor = new SandboxSupervisor();
  /** The newest update not yet shown, and the frame that will show it. */
  #latest: RunUpdate | undefined;
  #frame: number | undefined;
  /** Changes with every new run or reset; a loop that sees it change stops. */
  #generation = 0;
  #loaded = false;
  /** Whether this run has asked for the next run's sandbox yet. */
  #spareRequested = false;
  /** The pending idle callback of {@link warmWhenIdle}. */
  #idleWarm: number | undefined;
  #files: { files: Record<string, string>; entry: string } | undefined;
  /** The seed of the next run's random choices (datasets, generators): same seed, same run. */
  seed = $state(1);

  /** @param checkSource a lesson's `check.ts`, run after every run that finishes. */
  constructor(private readonly checkSource: string | null = null) {}

  /** Boots a sandbox in the background so the first Run starts at once. */
  warm(): void {
    this.#supervisor.warm();
  }

  /**
   * Boots a sandbox once the page has a moment: started while the editor loads or a run starts,
   * it would compete with them for the CPU. (Safari has no requestIdleCallback: a short timeout
   * stands in.)
   */
  warmWhenIdle(): void {
    if (this.#idleWarm !== undefined) return;
    const warm = () => {
      this.#idleWarm = undefined;
      this.warm();
    };
    this.#idleWarm =
      typeof requestIdleCallback === 'function'
        ? requestIdleCallback(warm, { timeout: 1000 })
        : window.setTimeout(warm, 200);
  }

  get busy(): boolean {
    return this.status === 'starting' || this.status === 'running' || this.status === 'playing';
  }

  /** Runs the program to the end as fast as possible; `params` go to a figure's program. */
  async run(files: Record<string, string>, entry: string, params?: FigureParams): Promise<void> {
    const generation = await this.#start(files, entry, params);
    if (generation === undefined) return;
    this.status = 'running';
    await this.#loop(generation, () => ({ kind: 'end' }));
  }

  /** Plays the program at `speed` × virtual time (loading it first if it is not loaded). */
  async play(files: Record<string, string>, entry: string): Promise<void> {
    if (this.speed === Infinity) return this.run(files, entry);
    let generation: number | undefined = this.#generation;
    if (!this.#loaded || this.status === 'finished' || this.status === 'failed') {
      generation = await this.#start(files, entry);
      if (generation === undefined) return;
    }
    this.status = 'playing';
    let last = performance.now();
    await this.#loop(generation, async () => {
      await nextFrame();
      const now = performance.now();
      const to = this.processingTime + (now - last) * this.speed;
      last = now;
      return { kind: 'time', to };
    });
  }

  pause(): void {
    if (this.status !== 'playing' && this.status !== 'running') return;
    this.#generation++;
    this.#publish();
    this.status = 'paused';
  }

  /** Processes one more arrival. */
  async step(files: Record<string, string>, entry: string): Promise<void> {
    let generation: number | undefined = this.#generation;
    if (!this.#loaded || this.status === 'finished' || this.status === 'failed') {
      generation = await this.#start(files, entry);
      if (generation === undefined) return;
    }
    this.status = 'paused';
    const result = await this.#advance(generation, { kind: 'arrivals', count: 1 });
    this.#publish();
    if (result && !result.done) this.status = 'paused';
  }

  /** True while the run's job is loaded and not ended: Fail now can reach it. */
  get canFail(): boolean {
    return (
      this.#loaded &&
      (this.status === 'paused' || this.status === 'playing' || this.status === 'running')
    );
  }

  /**
   * Makes the running job fail now, at its current processing time: it restarts from its last
   * checkpoint (the trace says so) or the run fails with the engine's message. A playing run
   * plays on.
   */
  async failNow(): Promise<void> {
    if (!this.canFail) return;
    const generation = this.#generation;
    await this.#settle(generation, (api) => api.failNow());
    if (generation === this.#generation && this.status === 'paused') this.#publish();
  }

  /**
   * Makes operator `op` fail on the next record it receives: the failure comes as the run goes
   * on (a Step, or Play), and the job restarts or fails by its rules. False when the run can no
   * longer fail (it ended meanwhile).
   */
  async failOnNextRecord(op: string): Promise<boolean> {
    if (!this.canFail) return false;
    const generation = this.#generation;
    try {
      const armed = await this.#supervisor.call((api) => api.failOnNextRecord(op), checkArmed);
      if (armed && generation === this.#generation) this.armed = op;
      return armed && generation === this.#generation;
    } catch (error) {
      if (generation === this.#generation) this.#fail(sandboxFailure(error, this.#files?.entry));
      return false;
    }
  }

  /** The learner edited the code. */
  codeChanged(): void {
    if (this.status !== 'idle') this.stale = true;
  }

  reset(): void {
    this.#generation++;
    this.stale = false;
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#frame = undefined;
    this.#latest = undefined;
    this.#loaded = false;
    this.#spareRequested = false;
    this.status = 'idle';
    this.failure = undefined;
    this.armed = undefined;
    this.graph = undefined;
    this.metrics = undefined;
    this.watermarks = [];
    this.processingTime = 0;
    this.firstResultMs = undefined;
    this.check = undefined;
    this.data = emptyData();
    this.model.reset();
    this.version++;
  }

  dispose(): void {
    if (this.#idleWarm !== undefined) {
      if (typeof cancelIdleCallback === 'function') cancelIdleCallback(this.#idleWarm);
      else window.clearTimeout(this.#idleWarm);
    }
    this.#generation++;
    this.#supervisor.dispose();
  }

  /** Loads the program in a fresh sandbox; the run's generation, or undefined if it failed. */
  async #start(
    files: Record<string, string>,
    entry: string,
    params?: FigureParams,
  ): Promise<number | undefined> {
    this.reset();
    const generation = this.#generation;
    this.#files = { files, entry };
    this.status = 'starting';
    const started = performance.now();
    try {
      await this.#supervisor.fresh();
      // Marks for the browser benchmark and the performance panel: where a Run's time goes.
      performance.mark('streamlab:sandbox-ready');
      const loaded = await this.#supervisor.call<LoadResult>(
        (api) =>
          api.load({
            files,
            entry,
            seed: this.seed,
            trace: 'full',
            ...(params === undefined ? {} : { params }),
            // A lesson's check sees where each answer came from (see CheckInput.inputs).
            provenance: this.checkSource !== null,
          }),
        checkLoadResult,
      );
      if (generation !== this.#generation) return undefined;
      if (loaded.ok) this.model.useGraph(loaded.graph);
      this.#apply(loaded);
      this.firstResultMs = performance.now() - started;
      performance.mark('streamlab:loaded');
      if (!loaded.ok) {
        this.#fail(loaded.failure);
        return undefined;
      }
      this.graph = loaded.graph;
      this.#loaded = true;
      return generation;
    } catch (error) {
      if (generation === this.#generation) this.#fail(sandboxFailure(error, this.#files?.entry));
      return undefined;
    }
  }

  async #loop(generation: number, next: () => Advance | Promise<Advance>): Promise<void> {
    let sliceMs = FIRST_SLICE_MS;
    while (generation === this.#generation) {
      const advance = await next();
      if (generation !== this.#generation) return;
      const result = await this.#advance(generation, advance, sliceMs);
      sliceMs = SLICE_MS;
      if (!result || result.done) return;
      // Let the page paint and take input between slices.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  async #advance(
    generation: number,
    advance: Advance,
    sliceMs = SLICE_MS,
  ): Promise<AdvanceResult | undefined> {
    return this.#settle(generation, (api) => api.advance({ advance, sliceMs }));
  }

  /** Asks the sandbox to move the run on, and shows what it answers (an end, a failure). */
  async #settle(
    generation: number,
    ask: Parameters<SandboxSupervisor['call']>[0],
  ): Promise<AdvanceResult | undefined> {
    try {
      const result = await this.#supervisor.call(ask, checkAdvanceResult);
      if (generation !== this.#generation) return undefined;
      this.#apply(result);
      if (result.failure) this.#fail(result.failure);
      else if (result.done) {
        this.#publish();
        this.status = 'finished';
        await this.#runCheck(generation);
      }
      return result;
    } catch (error) {
      if (generation === this.#generation) this.#fail(sandboxFailure(error, this.#files?.entry));
      return undefined;
    }
  }

  /**
   * Grades the finished run: its sandbox hands over what the run produced, as plain data, and a
   * sandbox where no learner code ran gives the verdict (see `SandboxSupervisor.grade`).
   */
  async #runCheck(generation: number): Promise<void> {
    const source = this.checkSource;
    if (source === null) return;
    const input = await this.#supervisor.call((api) => api.checkInput(), checkCheckInput);
    if (generation !== this.#generation) return;
    const outcome: CheckOutcome =
      input instanceof Uint8Array
        ? await this.#supervisor.grade(source, input)
        : { ok: false, message: input.error };
    if (generation === this.#generation) this.check = outcome;
  }

  #apply(result: LoadResult | AdvanceResult): void {
    const update = readUpdate(result.update);
    const data = this.data;
    const firstEvents = this.model.size === 0 && update.trace.length > 0;
    this.model.append(update.trace);
    for (const event of update.trace) {
      if (event.type === 'restart') {
        data.restarts.push({ time: event.time, checkpoint: event.checkpoint });
      } else if (event.type === 'failure' && event.op === this.armed) {
        this.armed = undefined;
      }
    }
    appendAll(data.outputs, update.outputs);
    appendAll(data.sideOutputs, update.sideOutputs);
    // Transactional sinks come whole: commits and aborts change rows already shown.
    for (const [name, rows] of Object.entries(update.transactional)) data.outputs[name] = [...rows];
    Object.assign(data.tables, update.tables);
    data.sections = update.sections;
    for (const line of update.printed) data.printed.push(line);
    for (const entry of update.console) data.console.push(entry);
    for (const row of update.skipped.rows) data.skipped.rows.push(row);
    data.skipped.total = update.skipped.total;
    this.#latest = update;
    // The run's first events are drawn at once, to show the run has begun without waiting for
    // the next frame; after them, views redraw at most once a frame, however many updates come.
    if (firstEvents) this.#publish();
    else this.#frame ??= requestAnimationFrame(() => this.#publish());
  }

  /** Shows the latest update's counters and lets the views redraw. */
  #publish(): void {
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#frame = undefined;
    const update = this.#latest;
    if (!update) return;
    this.#latest = undefined;
    // The run's first results are on screen: now the next run's sandbox may boot, off this run's
    // critical path (on two cores, a worker booting beside the run's would slow its start).
    if (!this.#spareRequested) {
      this.#spareRequested = true;
      this.warmWhenIdle();
    }
    this.metrics = update.metrics;
    this.watermarks = update.watermarks;
    this.processingTime = update.processingTime;
    this.version++;
  }

  #fail(failure: RunFailure): void {
    this.#publish();
    this.#generation++;
    this.failure = failure;
    this.status = 'failed';
  }
}

function appendAll(
  target: Record<string, SentRecord[]>,
  rows: Readonly<Record<string, readonly SentRecord[]>>,
) {
  for (const [name, list] of Object.entries(rows)) {
    // `target` has no prototype, so `??=` never finds an inherited member (`constructor`).
    const into = (target[name] ??= []);
    for (const row of list) into.push(row);
  }
}

/** A run update's JSON, checked like every other reply. */
function readUpdate(bytes: Uint8Array): RunUpdate {
  let update: unknown;
  try {
    update = JSON.parse(decoder.decode(bytes));
  } catch {
    throw new MalformedReply('an update that is not JSON');
  }
  return checkRunUpdate(update);
}

/** What the worker was doing when it missed its deadline, in the learner's terms. */
function stuckMessage(error: WatchdogTimeout): string {
  const seconds = error.budgetMs / 1000;
  if (error.stuck === 'waiting') {
    return `Your code waited ${seconds} s for something that never came, so it was stopped: is there an \`await\` (or a Promise) that never settles?`;
  }
  // A browser tells a worker's heap size to nobody, so the two causes of a silent worker are
  // named, the likelier one first.
  return `Your code spent ${seconds} s inside one call that never returned, so it was stopped. It was not one of your loops (those are stopped at their line). Either memory was running out: when code keeps more and more data (a Map, array or state that grows with every record), the browser ends up spending all its time reclaiming memory. Or one built-in operation ran on something very large: filling, sorting or copying an array of millions of elements, building a huge string, or a regular expression that backtracks.`;
}

/**
 * When the sandbox itself gave out: said in the learner's terms. Every sentence here is the
 * page's own; none is taken from the sandbox, which could put words in the page's mouth.
 */
function sandboxFailure(error: unknown, file: string | undefined): RunFailure {
  if (error instanceof WatchdogTimeout) {
    return {
      kind: 'loop',
      message: `${stuckMessage(error)} The sandbox was restarted; your code is unchanged.`,
      ...(file ? { file } : {}),
    };
  }
  if (error instanceof SandboxCrash && error.outOfMemory) {
    return {
      kind: 'memory',
      message: `The sandbox ran out of memory: your code kept more data than the browser allows one page (look for a Map, array or state that grows with every record), and the browser ended it. The sandbox was restarted; your code is unchanged.`,
      ...(file ? { file } : {}),
    };
  }
  if (error instanceof SandboxCrash) {
    return {
      kind: 'runtime',
      message: `The sandbox crashed (${error.message}). This usually means the code used more memory than the browser allows. The sandbox was restarted; your code is unchanged.`,
    };
  }
  if (error instanceof MalformedReply) {
    return {
      kind: 'internal',
      message: `${error.message}, so the page did not show it. The sandbox was restarted; your code is unchanged: press Run to try again.`,
    };
  }
  return {
    kind: 'internal',
    message: `The sandbox stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}. Your code is unchanged; press Run to try again.`,
  };
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
