/**
 * `StreamExecutionEnvironment`: where a pipeline starts (sources, datasets, sinks) and how it runs
 * (`execute`, or step by step with `executeStepwise`).
 */
import { requireMaxParallelism, requireParallelism } from '../parallelism/parallelism';
import { cardTransactions, clickStream, sensorReadings, taxiRides } from '../datasets/index';
import type {
  CardTransaction,
  CardTransactionsOptions,
  Click,
  ClickStreamOptions,
  SensorReading,
  SensorReadingsOptions,
  TaxiRide,
  TaxiRidesOptions,
} from '../datasets/index';
import { CheckpointConfig, CheckpointingMode } from '../checkpointing/checkpoint-config';
import { DeliveryGuarantee } from '../checkpointing/delivery-guarantee';
import type { Failure } from '../checkpointing/failures';
import { effectiveRestartStrategy } from '../checkpointing/restart-strategies';
import type { RestartStrategyConfiguration } from '../checkpointing/restart-strategies';
import { PipelineDefinitionError } from '../errors';
import type { Key } from '../records';
import type { JobResult } from '../result';
import { compile } from '../runtime/compiler';
import { JobRuntime } from '../runtime/job';
import { SinkStore } from '../runtime/sink-store';
import type { JobSnapshot } from '../runtime/snapshot';
import { elementsSource } from '../sources/index';
import type { ElementsSourceOptions, Source } from '../sources/index';
import type { Millis } from '../time';
import type { TraceOptions } from '../trace';
import type { WatermarkStrategy } from '../watermarks/strategy';
import { SingleOutputStreamOperator } from './data-stream';
import { PipelineGraph } from './graph';
import type { StreamTime } from './graph';
import { JobController } from './job-controller';
import { collectSink, upsertSink } from './sinks';
import type { Sink } from './sinks';

/** How an environment runs its pipeline. */
export interface EnvironmentOptions {
  /** Seed of every random choice (datasets, generators). Same seed, same run. Default 0. */
  readonly seed?: number;
  /** Processing time between periodic watermarks, in ms; 0 turns them off. Default 200. */
  readonly autoWatermarkInterval?: Millis;
  /** What the trace records. Default: counters only. */
  readonly trace?: TraceOptions;
  /**
   * Keep, for each collected record, the source records behind it, for a lesson's check (see
   * `CheckInput.inputs`). Needs the trace on; costs memory per record. Default false.
   */
  readonly provenance?: boolean;
  /** Receives each line a print sink writes (the lines are also in the job result). */
  readonly log?: (line: string) => void;
}

/** Runtime settings, as Flink's `ExecutionConfig`. */
export class ExecutionConfig {
  /** @internal */
  constructor(private interval: Millis) {}

  /** Sets the processing time between periodic watermarks (0 turns them off). */
  setAutoWatermarkInterval(interval: Millis): this {
    if (!Number.isSafeInteger(interval) || interval < 0) {
      throw new PipelineDefinitionError(
        `The auto-watermark interval must be a non-negative whole number of ms, got ${interval}.`,
      );
    }
    this.interval = interval;
    return this;
  }

  /** The processing time between periodic watermarks, in milliseconds (0: none). */
  getAutoWatermarkInterval(): Millis {
    return this.interval;
  }
}

/** The datasets, with the environment's seed: `env.datasets.sensorReadings({ sensors: 3 })`. */
export interface Datasets {
  /** IoT temperature sensors reporting out of order. */
  sensorReadings(options?: SensorReadingsOptions): Source<SensorReading>;
  /** Users clicking through a shop, in sessions. */
  clickStream(options?: ClickStreamOptions): Source<Click>;
  /** Card payments, a few of them fraudulent. */
  cardTransactions(options?: CardTransactionsOptions): Source<CardTransaction>;
  /** Taxi rides starting and ending. */
  taxiRides(options?: TaxiRidesOptions): Source<TaxiRide>;
}

/** A learner's program: the default export of a pipeline module. */
export type PipelineProgram = (env: StreamExecutionEnvironment) => void;

/**
 * The context of a pipeline. A program receives one and builds its pipeline on it; the playground
 * then runs it.
 *
 * @example
 * ```ts
 * export default function pipeline(env: StreamExecutionEnvironment) {
 *   env.fromElements(1, 2, 3).map((n) => n * 10).sinkTo(env.collect('tens'));
 * }
 * ```
 */
export class StreamExecutionEnvironment {
  /** The seed of this environment's datasets and generators. */
  readonly seed: number;
  /** Datasets generated from this environment's seed. */
  readonly datasets: Datasets;
  private readonly graph = new PipelineGraph();
  private readonly config: ExecutionConfig;
  private readonly trace: TraceOptions;
  private readonly log: ((line: string) => void) | undefined;
  private readonly provenance: boolean;
  private readonly checkpointConfig = new CheckpointConfig();
  private restartStrategy: RestartStrategyConfiguration | undefined;
  private readonly failures: Failure[] = [];
  private parallelism = 1;
  private maxParallelism: number | undefined;

  private constructor(options: EnvironmentOptions) {
    const { seed = 0, autoWatermarkInterval = 200 } = options;
    if (!Number.isSafeInteger(seed)) {
      throw new PipelineDefinitionError(`The seed must be a whole number, got ${seed}.`);
    }
    this.seed = seed;
    this.config = new ExecutionConfig(0).setAutoWatermarkInterval(autoWatermarkInterval);
    this.trace = options.trace ?? {};
    this.provenance = options.provenance ?? false;
    this.log = options.log;
    this.datasets = {
      sensorReadings: (o) => sensorReadings(o, seed),
      clickStream: (o) => clickStream(o, seed),
      cardTransactions: (o) => cardTransactions(o, seed),
      taxiRides: (o) => taxiRides(o, seed),
    };
  }

  /** A new environment. */
  static create(options: EnvironmentOptions = {}): StreamExecutionEnvironment {
    return new StreamExecutionEnvironment(options);
  }

  /** Runtime settings (the auto-watermark interval). */
  getConfig(): ExecutionConfig {
    return this.config;
  }

  /**
   * How many parallel subtasks each operator runs as, unless it sets its own with
   * `.setParallelism(n)`, as Flink's `setParallelism`. Default 1. A keyed stream's records go to
   * the subtask owning their key's key group; non-parallel sources (`fromElements`, text files,
   * scripted streams) stay at 1.
   *
   * @example
   * ```ts
   * env.setParallelism(2);
   * env
   *   .fromSource(env.datasets.sensorReadings({ partitions: 2 }), strategy)
   *   .keyBy((r) => r.sensor) // each sensor's readings go to one of the 2 subtasks
   *   .window(TumblingEventTimeWindows.of(Time.seconds(10)))
   *   .sum('celsius')
   *   .sinkTo(env.collect('sums'));
   * ```
   */
  setParallelism(parallelism: number): this {
    requireParallelism(parallelism, 'setParallelism');
    this.parallelism = parallelism;
    return this;
  }

  /** The default parallelism of the job's operators (see {@link setParallelism}). */
  getParallelism(): number {
    return this.parallelism;
  }

  /**
   * The number of key groups of keyed operators (Flink's maximum parallelism): keys are hashed into
   * key groups, and each subtask owns a range of them. By default, as in Flink, 128 or more
   * (1.5 × the operator's parallelism, rounded up to a power of two).
   */
  setMaxParallelism(maxParallelism: number): this {
    requireMaxParallelism(maxParallelism, 'setMaxParallelism');
    this.maxParallelism = maxParallelism;
    return this;
  }

  /** The number of key groups set with {@link setMaxParallelism}; -1 when left to the default. */
  getMaxParallelism(): number {
    return this.maxParallelism ?? -1;
  }

  /**
   * Reads a source. With a `WatermarkStrategy`, its timestamp assigner gives records their event
   * time and its generator makes each partition's watermarks; without one, records keep the
   * timestamps the source attaches and only the source's own watermarks flow (scripted streams).
   */
  fromSource<T>(
    source: Source<T>,
    strategy?: WatermarkStrategy<T>,
    name?: string,
  ): SingleOutputStreamOperator<T> {
    if (
      source === null ||
      typeof source !== 'object' ||
      typeof source.createReader !== 'function'
    ) {
      throw new PipelineDefinitionError(
        'fromSource(...) needs a source, e.g. env.datasets.sensorReadings() or TestStream.create()...build().',
      );
    }
    const time: StreamTime = {
      timestamps: strategy?.timestampAssigner !== undefined ? 'present' : 'unknown',
      watermarks:
        strategy === undefined ? 'unknown' : strategy.emitsWatermarks ? 'present' : 'none',
      bounded: source.bounded,
    };
    return this.addSource(source, strategy, name ?? source.name, time);
  }

  /** A bounded stream of the given values, without timestamps (one arrives every 100 ms). */
  fromElements<T>(...values: T[]): SingleOutputStreamOperator<T> {
    return this.fromCollection(values);
  }

  /**
   * A bounded stream of the values of an array, without timestamps. The array is read as the job
   * runs, not copied: do not change it once the pipeline is built.
   */
  fromCollection<T>(
    values: readonly T[],
    options: ElementsSourceOptions = {},
  ): SingleOutputStreamOperator<T> {
    if (!Array.isArray(values)) {
      throw new PipelineDefinitionError('fromCollection(...) needs an array of values.');
    }
    const source = elementsSource(values, options);
    const time: StreamTime = { timestamps: 'none', watermarks: 'none', bounded: true };
    return this.addSource(source, undefined, source.name, time);
  }

  /**
   * A sink collecting every record into a table named `name` (shown in the output area).
   *
   * With checkpointing, what the sink guarantees when the job fails and restarts is chosen with
   * `deliveryGuarantee`: `AT_LEAST_ONCE` (the default) writes rows as they come, so rows written
   * after the last checkpoint come again after a restart (marked `duplicate`);
   * `EXACTLY_ONCE` writes them in transactions committed when checkpoints complete, as Flink's
   * two-phase-commit sinks (rows carry `committed`), so readers see each row once.
   *
   * @example
   * ```ts
   * env.enableCheckpointing(1_000);
   * totals.sinkTo(env.collect('totals', { deliveryGuarantee: DeliveryGuarantee.EXACTLY_ONCE }));
   * ```
   */
  collect<T>(
    name: string,
    options: { readonly deliveryGuarantee?: DeliveryGuarantee } = {},
  ): Sink<T> {
    requireName(name, 'collect');
    const guarantee = options.deliveryGuarantee ?? DeliveryGuarantee.AT_LEAST_ONCE;
    if (
      guarantee !== DeliveryGuarantee.AT_LEAST_ONCE &&
      guarantee !== DeliveryGuarantee.EXACTLY_ONCE
    ) {
      throw new PipelineDefinitionError(
        `collect(name, { deliveryGuarantee }) takes DeliveryGuarantee.AT_LEAST_ONCE or ` +
          `DeliveryGuarantee.EXACTLY_ONCE, got ${String(guarantee)}.`,
      );
    }
    return collectSink<T>(name, guarantee === DeliveryGuarantee.EXACTLY_ONCE);
  }

  /**
   * Checkpoints the job every `interval` ms of processing time, as Flink's `enableCheckpointing`:
   * the coordinator injects a barrier at every source partition, each operator snapshots its
   * state when the barrier reaches it, and once all did, the checkpoint is complete. A job that
   * fails then restarts from the latest completed checkpoint (see `setRestartStrategy`).
   *
   * @example
   * ```ts
   * env.enableCheckpointing(1_000); // exactly-once, every second
   * env.enableCheckpointing(1_000, CheckpointingMode.AT_LEAST_ONCE);
   * ```
   */
  enableCheckpointing(
    interval: Millis,
    mode: CheckpointingMode = CheckpointingMode.EXACTLY_ONCE,
  ): this {
    this.checkpointConfig.setCheckpointInterval(interval).setCheckpointingMode(mode);
    return this;
  }

  /** The checkpoint settings (interval, mode), as Flink's `CheckpointConfig`. */
  getCheckpointConfig(): CheckpointConfig {
    return this.checkpointConfig;
  }

  /**
   * How the job restarts after a failure, as Flink's `setRestartStrategy`. Without one, a job
   * without checkpointing does not restart, and a job with checkpointing restarts up to 10 times,
   * 1 s after each failure.
   *
   * @example
   * ```ts
   * env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, Time.seconds(1)));
   * ```
   */
  setRestartStrategy(strategy: RestartStrategyConfiguration): this {
    const kinds = ['no-restart', 'fixed-delay', 'failure-rate'];
    if (typeof strategy !== 'object' || strategy === null || !kinds.includes(strategy.kind)) {
      throw new PipelineDefinitionError(
        'setRestartStrategy(...) takes a strategy from RestartStrategies, e.g. ' +
          'RestartStrategies.fixedDelayRestart(3, 1_000).',
      );
    }
    this.restartStrategy = strategy;
    return this;
  }

  /**
   * Makes the job fail once, at a processing time or in an operator on its n-th record: Streamlab's
   * own teaching tool (Flink has none), to watch checkpoints, restarts and delivery guarantees at
   * work. Call it more than once for several failures.
   *
   * @example
   * ```ts
   * env.enableCheckpointing(1_000);
   * env.injectFailure(Failure.atProcessingTime(5_500));
   * env.injectFailure(Failure.onRecord('Enrich', 3));
   * ```
   */
  injectFailure(failure: Failure): this {
    if (
      typeof failure !== 'object' ||
      failure === null ||
      (failure.kind !== 'processing-time' && failure.kind !== 'record')
    ) {
      throw new PipelineDefinitionError(
        'injectFailure(...) takes Failure.atProcessingTime(ms) or Failure.onRecord(operator, n).',
      );
    }
    this.failures.push(failure);
    return this;
  }

  /** A sink keeping the latest record per key, in a table named `name`. */
  upsertTable<T>(name: string, key: (value: T) => Key): Sink<T> {
    requireName(name, 'upsertTable');
    if (typeof key !== 'function') {
      throw new PipelineDefinitionError(
        'upsertTable(name, key) needs a key selector, e.g. (r) => r.sensor.',
      );
    }
    return upsertSink(name, key);
  }

  /**
   * Runs the pipeline to the end and returns what it produced. With an unbounded source, pass
   * `until` (a processing time) to stop there.
   */
  execute(options: { readonly until?: Millis } = {}): JobResult {
    const job = this.start();
    job.runToEnd(options.until);
    return job.result();
  }

  /** Prepares the pipeline for running step by step (nothing runs until the first call). */
  executeStepwise(): JobController {
    return new JobController(this.start());
  }

  /**
   * Prepares the pipeline for running step by step from a snapshot a job of the same program took
   * (`JobController.snapshot()`): it goes on from there, its sinks empty.
   *
   * @internal Checkpoints come to the public API later; this is their foundation.
   */
  executeStepwiseFrom(snapshot: JobSnapshot): JobController {
    const job = this.start();
    job.restore(snapshot);
    return new JobController(job);
  }

  private addSource<T>(
    source: Source<T>,
    strategy: WatermarkStrategy<T> | undefined,
    name: string,
    time: StreamTime,
  ): SingleOutputStreamOperator<T> {
    const node = this.graph.add(
      {
        kind: 'source',
        source: source as Source<unknown>,
        strategy: strategy as WatermarkStrategy<unknown> | undefined,
      },
      `Source: ${name}`,
      [],
      [],
    );
    return new SingleOutputStreamOperator<T>(this.graph, node, time);
  }

  private start(): JobRuntime {
    const store = new SinkStore();
    const defaults = { parallelism: this.parallelism, maxParallelism: this.maxParallelism };
    const build = () => compile(this.graph.nodes, { store, log: this.log }, defaults);
    const checkpoints = this.checkpointConfig;
    const checkpointing = checkpoints.isCheckpointingEnabled();
    const faultTolerant =
      checkpointing || this.restartStrategy !== undefined || this.failures.length > 0;
    return new JobRuntime(
      build(),
      store,
      {
        autoWatermarkInterval: this.config.getAutoWatermarkInterval(),
        trace: this.trace,
        provenance: this.provenance,
        ...(checkpointing
          ? {
              checkpointing: {
                interval: checkpoints.getCheckpointInterval(),
                mode: checkpoints.getCheckpointingMode(),
              },
            }
          : {}),
        ...(faultTolerant
          ? {
              restartStrategy: effectiveRestartStrategy(this.restartStrategy, checkpointing),
              failures: [...this.failures],
            }
          : {}),
      },
      build,
    );
  }
}

function requireName(name: unknown, what: string): void {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new PipelineDefinitionError(`${what}(name) needs a non-empty name for the output table.`);
  }
}

/** Builds the program's pipeline on a new environment and runs it to the end. */
export function runPipeline(
  program: PipelineProgram,
  options: EnvironmentOptions & { readonly until?: Millis } = {},
): JobResult {
  const env = StreamExecutionEnvironment.create(options);
  program(env);
  return env.execute({ ...(options.until === undefined ? {} : { until: options.until }) });
}

/** Builds the program's pipeline on a new environment, ready to be stepped. */
export function stepPipeline(
  program: PipelineProgram,
  options: EnvironmentOptions = {},
): JobController {
  const env = StreamExecutionEnvironment.create(options);
  program(env);
  return env.executeStepwise();
}
