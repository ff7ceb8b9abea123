/**
 * One run of a learner's program inside the sandbox: compile, build the pipeline, advance it in
 * slices, and package what changed. Pure logic on top of the engine: it runs the same in the
 * worker and in unit tests.
 */
import * as engine from 'streamlab';
import {
  JobExecutionError,
  PipelineDefinitionError,
  SourceFormatError,
  StreamExecutionEnvironment,
  UserFunctionError,
  checkInputFrom,
  type CollectedRecord,
  type JobController,
  type TraceEvent,
} from 'streamlab';
// Not part of the learner's API: the sandbox tells an injected failure from the learner's code's.
import { isInjectedFailure } from '../../engine/checkpointing/failures';
import {
  compileModule,
  createLoopGuard,
  dataFileModules,
  EndlessLoopError,
  ImportNotAllowedError,
  type CompiledModule,
} from '../compile';
import type {
  Advance,
  AdvanceResult,
  CheckOutcome,
  FigureParams,
  LoadRequest,
  LoadResult,
  RunFailure,
  RunUpdate,
} from './api';
import { createConsole } from './console-capture';
import { dataFailure } from './data-failure';
import {
  boundFailure,
  boundTraceEvent,
  firstSections,
  RowBudget,
  ShownOperators,
} from './bound-update';
import { boundLabel } from './bounded';
import { gradeCheck } from './grade';
import { SkippedRowSender } from './skipped-rows';
import { toSafeJson } from './safe-json';

const encoder = new TextEncoder();
const NO_METRICS = { operators: {}, traceEventsDropped: 0 } as const;

/** Trace events per update: enough to keep the page busy for a frame, not for a long task. */
const MAX_TRACE_PER_UPDATE = 2500;

export interface SessionClock {
  /** Wall-clock milliseconds, for slicing work and the loop budget (never for the engine). */
  now(): number;
}

export class RunSession {
  #controller: JobController | undefined;
  /** The operators the page is sent (of a job with thousands, the first hundred). */
  #shown: ShownOperators | undefined;
  #module: CompiledModule | undefined;
  /** The run's files, to name the data file a bad row is in. */
  #files: Readonly<Record<string, string>> = {};
  #loops: ReturnType<typeof createLoopGuard>;
  #console: ReturnType<typeof createConsole>;
  /** How many rows of each collect sink and side output were already sent. */
  #sent = new Map<string, number>();
  #tableUpdates = new Map<string, number>();
  /** What each transactional sink looked like when last sent (see {@link transactionalState}). */
  #transactional = new Map<string, string>();
  #printed = 0;
  /** The run's skipped rows not yet sent, mapped to the data files of `#files`. */
  #skipped = new SkippedRowSender({});
  #failed = false;
  /** Trace events taken from the engine and not yet sent. */
  #trace: TraceEvent[] = [];
  /** A failure that happened between calls (an unawaited promise), reported with the next one. */
  #asyncFailure: RunFailure | undefined;

  constructor(private readonly clock: SessionClock) {
    this.#loops = createLoopGuard(1500, clock.now);
    this.#console = createConsole(
      (stack) => this.#lineOf(stack),
      () => this.#controller?.processingTime,
    );
  }

  load(request: LoadRequest): LoadResult {
    if (request.loopBudgetMs !== undefined) {
      this.#loops = createLoopGuard(request.loopBudgetMs, this.clock.now);
    }
    const source = request.files[request.entry];
    if (source === undefined) {
      return this.#loadFailed({ kind: 'internal', message: `No file named ${request.entry}` });
    }
    const compiled = compileModule(source, request.entry);
    if (!compiled.ok) {
      return this.#loadFailed({ kind: 'syntax', ...compiled.problem });
    }
    const module = (this.#module = compiled.module);
    this.#files = request.files;
    this.#skipped = new SkippedRowSender(request.files);
    try {
      this.#loops.restart();
      const exports = module.evaluate({
        modules: { ...dataFileModules(request.files), streamlab: engine },
        console: this.#console.console,
        guard: this.#loops.guard,
      });
      const program = exports.default;
      if (typeof program !== 'function') {
        return this.#loadFailed({
          kind: 'pipeline',
          file: request.entry,
          line: 1,
          column: 1,
          message:
            'This file has no default export that builds a pipeline. Write `export default function pipeline(env: StreamExecutionEnvironment) { … }`.',
        });
      }
      const env = StreamExecutionEnvironment.create({
        seed: request.seed ?? 1,
        trace: { level: request.trace ?? 'full', limit: 1_000_000 },
        provenance: request.provenance ?? false,
        log: (line) => this.#console.console.log(line),
      });
      this.#loops.restart();
      (program as (env: StreamExecutionEnvironment, params: FigureParams) => void)(
        env,
        request.params ?? {},
      );
      this.#controller = env.executeStepwise();
      this.#shown = new ShownOperators(this.#controller.graph);
    } catch (error) {
      return this.#loadFailed(this.#failureOf(error));
    }
    return { ok: true, graph: this.#shown.graph, update: this.#update() };
  }

  /** Records a failure that surfaced outside a call; the next `advance` reports it. */
  reportAsyncFailure(reason: unknown): void {
    this.#asyncFailure ??= { ...this.#failureOf(reason), async: true };
  }

  advance(advance: Advance, sliceMs: number): AdvanceResult {
    const controller = this.#loadedController();
    const deadline = this.clock.now() + sliceMs;
    return this.#answer(controller, () => this.#run(controller, advance, deadline));
  }

  /**
   * Makes the running job fail now, at its current processing time (the page's Fail now): the
   * job restarts from its last checkpoint or fails, by its own rules, and the answer says which.
   */
  failNow(): AdvanceResult {
    const controller = this.#loadedController();
    return this.#answer(controller, () => {
      this.#loops.restart();
      controller.failNow();
      return true;
    });
  }

  /**
   * Makes operator `operatorId` of the running job fail on the next record it receives (the
   * page's "Fail on its next record"). Nothing runs now: the failure happens when the run goes
   * on. False when the job has ended.
   */
  failOnNextRecord(operatorId: string): boolean {
    return this.#loadedController().failOnNextRecord(operatorId);
  }

  #loadedController(): JobController {
    const controller = this.#controller;
    if (!controller || this.#failed) {
      throw new Error('Load a program before running it.');
    }
    return controller;
  }

  /** Runs `work` on the job and packs what it changed, or the failure it met, as an answer. */
  #answer(controller: JobController, work: () => boolean): AdvanceResult {
    let reached = false;
    let failure = this.#asyncFailure;
    if (!failure) {
      try {
        reached = work();
      } catch (error) {
        failure = this.#failureOf(error);
      }
    }
    failure ??= this.#asyncFailure;
    if (failure) this.#failed = true;
    const done = controller.finished || failure !== undefined;
    const result = {
      done,
      reached: reached || done,
      processingTime: controller.processingTime,
      update: this.#update(),
    };
    return failure ? { ...result, failure: boundFailure(failure) } : result;
  }

  /**
   * What a lesson's check sees of this run, as JSON: plain data that a check in another sandbox
   * (where no learner code ran) grades with `gradeCheck`. Serialising here runs the learner's
   * getters and `toJSON` one last time; what they return is the run's output, fixed from then on.
   */
  checkInput(): Uint8Array | { readonly error: string } {
    const controller = this.#controller;
    if (!controller) return { error: 'There is no run to check yet.' };
    try {
      const input = checkInputFrom(controller.result(), controller.provenance());
      return encoder.encode(JSON.stringify(input, jsonSafe));
    } catch (error) {
      return { error: `The run's results could not be prepared for the check: ${String(error)}` };
    }
  }

  /** Grades the run with a lesson's check, on the same plain data the page's grading gets. */
  check(source: string): CheckOutcome {
    const input = this.checkInput();
    if (!(input instanceof Uint8Array)) return { ok: false, message: input.error };
    return gradeCheck(source, input, this.clock.now);
  }

  /** Runs until the target or the deadline; true when the target was reached. */
  #run(controller: JobController, advance: Advance, deadline: number): boolean {
    this.#loops.restart();
    switch (advance.kind) {
      case 'time': {
        controller.advanceTo(Math.max(advance.to, controller.processingTime));
        return true;
      }
      case 'arrivals': {
        for (let i = 0; i < advance.count && !controller.finished; i++) {
          controller.step();
          this.#loops.restart();
        }
        return true;
      }
      case 'end': {
        let steps = 0;
        while (!controller.finished) {
          controller.step();
          // Look at the clock every 8 steps: often enough that a short first slice (while the
          // code is still cold, a step can take a fraction of a millisecond) ends on time, and
          // rarely enough to cost nothing. A slice also ends when it has traced enough for one
          // message, so the page never parses a huge one.
          if ((++steps & 7) === 0) {
            this.#loops.restart();
            this.#collectTrace(controller);
            if (this.clock.now() >= deadline || this.#trace.length >= MAX_TRACE_PER_UPDATE) {
              return false;
            }
          }
        }
        return true;
      }
    }
  }

  /** Takes the engine's new events, keeping those of the operators the page is sent. */
  #collectTrace(controller: JobController): void {
    const shown = this.#shown;
    for (const event of controller.drainTrace()) {
      if (shown === undefined || shown.shows(event)) this.#trace.push(event);
    }
  }

  #takeTrace(controller: JobController | undefined): TraceEvent[] {
    if (controller) this.#collectTrace(controller);
    const trace = this.#trace;
    this.#trace = [];
    return trace;
  }

  #loadFailed(failure: RunFailure): LoadResult {
    this.#failed = true;
    return { ok: false, failure: boundFailure(failure), update: this.#update() };
  }

  /**
   * Packs what changed since the last update into one buffer for transfer, bounded to what the
   * page can show (see `bound-update.ts`): the engine's result stays whole for the check.
   */
  #update(): Uint8Array {
    const controller = this.#controller;
    const shown = this.#shown;
    const result = controller?.result();
    const budget = new RowBudget();
    const transactional = Object.create(null) as Record<string, RunUpdate['outputs'][string]>;
    const fresh = <T extends CollectedRecord>(
      lists: Readonly<Record<string, readonly T[]>>,
      prefix: string,
    ) => {
      // No prototype: a sink may be named `__proto__` (see the engine's `byName`).
      const out = Object.create(null) as Record<string, readonly T[]>;
      for (const [name, rows] of firstSections(lists)) {
        const key = prefix + name;
        const state = transactionalState(rows);
        // An empty sink tells nothing; one known to be transactional stays so when emptied.
        if (state !== undefined && (rows.length > 0 || this.#transactional.has(key))) {
          // A commit moves rows and an abort drops them: such a sink is sent whole when it changes.
          if (this.#transactional.get(key) !== state) transactional[name] = budget.rows(rows);
          this.#transactional.set(key, state);
          this.#sent.set(key, rows.length);
          continue;
        }
        const from = this.#sent.get(key) ?? 0;
        if (from < rows.length || !this.#sent.has(key)) out[name] = budget.rows(rows.slice(from));
        this.#sent.set(key, rows.length);
      }
      return out;
    };
    const tables = Object.create(null) as Record<string, RunUpdate['tables'][string]>;
    for (const [name, rows] of firstSections(result?.tables ?? {})) {
      const updates = rows.reduce((sum, row) => sum + row.updates, 0);
      if (this.#tableUpdates.get(name) !== updates) {
        tables[name] = budget.rows(rows);
        this.#tableUpdates.set(name, updates);
      }
    }
    const printed = result?.printed.slice(this.#printed) ?? [];
    this.#printed += printed.length;
    const update: RunUpdate = {
      trace: this.#takeTrace(controller).map(boundTraceEvent),
      outputs: fresh(result?.outputs ?? {}, 'sink:'),
      sideOutputs: fresh(result?.sideOutputs ?? {}, 'side:'),
      transactional,
      tables,
      sections: {
        outputs: countOf(result?.outputs),
        sideOutputs: countOf(result?.sideOutputs),
        tables: countOf(result?.tables),
        operators: shown?.total ?? 0,
      },
      printed: printed.map((line) => boundLabel(line)),
      console: this.#console.drain(),
      skipped: this.#skipped.take(result?.skippedRows ?? []),
      metrics: result && shown ? shown.metrics(result.metrics) : NO_METRICS,
      watermarks: controller && shown ? shown.watermarks(controller.watermarks()) : [],
      processingTime: controller?.processingTime ?? 0,
      finished: controller?.finished ?? false,
    };
    return encoder.encode(toSafeJson(update, jsonSafe));
  }

  /** Anything thrown while loading or running, as a failure at the learner's line. */
  #failureOf(error: unknown): RunFailure {
    const module = this.#module;
    const file = module?.file;
    const is = (type: abstract new (...args: never[]) => unknown) => isA(error, type);
    const data = is(SourceFormatError)
      ? dataFailure(error as SourceFormatError, this.#files)
      : undefined;
    if (data) return data;
    if (is(UserFunctionError) || is(JobExecutionError)) {
      const failure = error as UserFunctionError | JobExecutionError;
      const report = failure.toReport();
      const cause = failure.cause;
      const described = cause !== undefined && module ? module.describe(cause) : undefined;
      const kind = isA(cause, EndlessLoopError) ? 'loop' : 'runtime';
      return {
        kind,
        ...(isInjectedFailure(error) ? { injected: true } : {}),
        message: described
          ? `${described.message}\n  in operator "${report.operatorName}"${report.value === undefined ? '' : `, on record ${report.value}`}`
          : report.message,
        operator: report.operatorName,
        ...(report.value === undefined
          ? {}
          : {
              record: {
                value: report.value,
                ...(report.timestamp === undefined ? {} : { timestamp: report.timestamp }),
              },
            }),
        ...(described?.line === undefined
          ? {}
          : { file, line: described.line, column: described.column }),
        ...(described?.stack === undefined ? {} : { stack: described.stack }),
      };
    }
    const described = module?.describe(error);
    const kind: RunFailure['kind'] = is(ImportNotAllowedError)
      ? 'import'
      : is(PipelineDefinitionError)
        ? 'pipeline'
        : is(EndlessLoopError)
          ? 'loop'
          : 'runtime';
    const message = is(PipelineDefinitionError)
      ? (error as PipelineDefinitionError).message
      : (described?.message ?? 'Your code threw a value that cannot be read.');
    return {
      kind,
      message,
      ...(described?.line === undefined
        ? {}
        : { file, line: described.line, column: described.column }),
      ...(described?.stack === undefined ? {} : { stack: described.stack }),
    };
  }

  #lineOf(stack: string): number | undefined {
    // The first learner frame is the line that called console.log.
    return this.#module?.describe(Object.assign(new Error(), { stack })).line;
  }
}

/**
 * A transactional sink's rows in brief (how many, how many committed, the newest transaction), to
 * tell whether they changed since last sent; `undefined` for the rows of any other sink (rows
 * without `committed`).
 */
function transactionalState(rows: readonly CollectedRecord[]): string | undefined {
  let committed = 0;
  let newest = 0;
  for (const row of rows) {
    if (row.committed === undefined) return undefined;
    if (row.committed) committed++;
    newest = Math.max(newest, row.transaction ?? 0);
  }
  return `${rows.length}:${committed}:${newest}`;
}

function countOf(lists: Readonly<Record<string, unknown>> | undefined): number {
  return lists === undefined ? 0 : Object.keys(lists).length;
}

/** `instanceof`, false when it throws: it asks a Proxy's prototype trap, which learner code owns. */
function isA(value: unknown, type: abstract new (...args: never[]) => unknown): boolean {
  try {
    return value instanceof type;
  } catch {
    return false;
  }
}

/** Values JSON cannot carry (undefined, bigint, Infinity) become readable stand-ins. */
function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  }
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  return value;
}

/**
 * Runs a small windowed program once, so the compiler and the engine are warm (JIT-compiled)
 * before the learner's first Run in this fresh worker. True when it ran cleanly.
 */
export function warmUp(clock: SessionClock): boolean {
  const session = new RunSession(clock);
  const loaded = session.load({
    entry: 'warm-up.ts',
    trace: 'full',
    files: {
      'warm-up.ts': `import { TumblingEventTimeWindows, WatermarkStrategy } from 'streamlab';
export default function pipeline(env: any) {
  const items: { k: string; ts: number; v: number }[] = [];
  for (let i = 0; i < 200; i++) items.push({ k: 'k' + (i % 3), ts: i * 10, v: i });
  env.fromCollection(items)
    .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(20).withTimestampAssigner((r: any) => r.ts))
    .filter((r: any) => r.v >= 0)
    .keyBy((r: any) => r.k)
    .window(TumblingEventTimeWindows.of(100))
    .sum('v')
    .sinkTo(env.collect('warm'));
}`,
    },
  });
  if (!loaded.ok) return false;
  const result = session.advance({ kind: 'end' }, 1000);
  return result.done && result.failure === undefined;
}
