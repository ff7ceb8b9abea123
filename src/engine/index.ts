/**
 * Streamlab's engine: a deterministic event-time stream processor with Apache Flink's DataStream
 * semantics. Programs import everything from here (`import { ... } from 'streamlab'`).
 *
 * A program is a module whose default export builds a pipeline:
 *
 * ```ts
 * import { WatermarkStrategy, TumblingEventTimeWindows, Time } from 'streamlab';
 * import type { StreamExecutionEnvironment } from 'streamlab';
 *
 * export default function pipeline(env: StreamExecutionEnvironment) {
 *   env
 *     .fromSource(env.datasets.sensorReadings(), WatermarkStrategy.forBoundedOutOfOrderness<SensorReading>(Time.seconds(2)).withTimestampAssigner((r) => r.ts))
 *     .keyBy((r) => r.sensor)
 *     .window(TumblingEventTimeWindows.of(Time.seconds(10)))
 *     .sum('celsius')
 *     .sinkTo(env.collect('sums'));
 * }
 * ```
 */

// Environment and running
export {
  StreamExecutionEnvironment,
  ExecutionConfig,
  runPipeline,
  stepPipeline,
  type EnvironmentOptions,
  type Datasets,
  type PipelineProgram,
} from './api/environment';
export {
  JobController,
  type StepResult,
  type OperatorWatermarks,
  type KeyedStateView,
  type PendingWindowView,
} from './api/job-controller';
export type {
  JobResult,
  JobGraph,
  JobMetrics,
  OperatorNode,
  GraphEdge,
  CollectedRecord,
  UpsertRow,
  SkippedRow,
} from './result';
export type { OperatorMetrics } from './metrics';
export type { Partitioning } from './parallelism/partitioner';
export type { PendingWindow } from './operators/window/window-operator';

// Streams
export {
  DataStream,
  SingleOutputStreamOperator,
  DataStreamSink,
  KeyedStream,
  type NumericField,
  type ComparableField,
} from './api/data-stream';
export { WindowedStream } from './api/windowed-stream';
// Answers methods called on the wrong kind of stream with Flink's advice (runtime only, untyped).
import './api/wrong-stream';
export { ConnectedStreams } from './api/connected-streams';
export {
  JoinedStreams,
  CoGroupedStreams,
  JoinWindowedStreams,
  CoGroupWindowedStreams,
} from './api/joins';
export { IntervalJoin, IntervalJoined } from './api/interval-join';
export type { Sink } from './api/sinks';

// Checkpoints, failures and delivery guarantees
export { CheckpointConfig, CheckpointingMode } from './checkpointing/checkpoint-config';
export { DeliveryGuarantee } from './checkpointing/delivery-guarantee';
export {
  RestartStrategies,
  type RestartStrategyConfiguration,
} from './checkpointing/restart-strategies';
export { Failure } from './checkpointing/failures';
export { OutputTag } from './output-tag';
export type { Key, WindowBounds, WindowOrigin } from './records';

// Time and watermarks
export { Time, MAX_WATERMARK, MIN_WATERMARK, type Millis } from './time';
export {
  WatermarkStrategy,
  type TimestampAssigner,
  type WatermarkGeneratorSupplier,
} from './watermarks/strategy';
export {
  BoundedOutOfOrdernessWatermarks,
  type WatermarkGenerator,
  type WatermarkOutput,
} from './watermarks/generator';

// Functions
export type { Collector } from './functions/collector';
export type {
  Context,
  KeyedContext,
  OnTimerContext,
  RuntimeContext,
  KeyedRuntimeContext,
  TimerService,
  TimeDomain,
} from './functions/contexts';
export {
  ProcessFunction,
  KeyedProcessFunction,
  CoProcessFunction,
  KeyedCoProcessFunction,
  type RichFunction,
  type TimerHandler,
  type CoMapFunction,
  type CoFlatMapFunction,
} from './functions/process-functions';
export {
  ProcessWindowFunction,
  type AggregateFunction,
  type ReduceFunction,
  type ProcessWindowContext,
} from './functions/window-functions';
export {
  ProcessJoinFunction,
  type JoinFunction,
  type CoGroupFunction,
  type ProcessJoinContext,
} from './functions/join-functions';

// State
export {
  ValueStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  type ValueState,
  type ListState,
  type MapState,
} from './state/descriptors';

// Windows
export { TimeWindow, GlobalWindow, type Window } from './windows/window';
export type { PaneInfo, PaneTiming } from './windows/pane';
export { WindowAssigner, MergingWindowAssigner } from './windows/assigners/window-assigner';
export {
  TumblingEventTimeWindows,
  TumblingProcessingTimeWindows,
} from './windows/assigners/tumbling';
export { SlidingEventTimeWindows, SlidingProcessingTimeWindows } from './windows/assigners/sliding';
export {
  EventTimeSessionWindows,
  ProcessingTimeSessionWindows,
  type SessionWindowTimeGapExtractor,
} from './windows/assigners/session';
export { GlobalWindows } from './windows/assigners/global';
export {
  Trigger,
  ReducingStateDescriptor,
  type TriggerResult,
  type TriggerContext,
  type OnMergeContext,
  type ReducingState,
} from './windows/triggers/trigger';
export { EventTimeTrigger } from './windows/triggers/event-time-trigger';
export { AfterEndOfWindowTrigger } from './windows/triggers/after-end-of-window-trigger';
export { ProcessingTimeTrigger } from './windows/triggers/processing-time-trigger';
export { CountTrigger } from './windows/triggers/count-trigger';
export { ContinuousEventTimeTrigger } from './windows/triggers/continuous-event-time-trigger';
export { ContinuousProcessingTimeTrigger } from './windows/triggers/continuous-processing-time-trigger';
export { PurgingTrigger } from './windows/triggers/purging-trigger';
export { NeverTrigger } from './windows/triggers/never-trigger';
export { Evictor, type EvictorContext } from './windows/evictors/evictor';
export { CountEvictor } from './windows/evictors/count-evictor';
export { TimeEvictor } from './windows/evictors/time-evictor';

// Sources and datasets (built by their own modules, re-exported for programs)
export * from './sources/index';
export * from './datasets/index';
export { Random } from './random';

// Lesson checks
export { checkInputFrom, type CheckInput, type CheckResult } from './check/check-input';
export { sinkProblem } from './check/sinks';
export {
  readInput,
  inputProblem,
  type InputReading,
  type ReadInputOptions,
  type LessonInput,
} from './check/inputs';
export { originOfEach, firstUnsourced } from './check/origins';
export { pipelineProblem, type LessonPipeline } from './check/pipeline';
export { lateRecordsDropped } from './check/late-records';
export { hasFields, sameRecord } from './check/records';
export { formatRecord, formatSeconds, formatCount } from './check/format';
export {
  windowLabel,
  windowHolds,
  tumblingWindowOf,
  slidingWindowsOf,
  type WindowLabelOptions,
} from './check/windows';
export { groupByWindow, resultsByWindow, type WindowGroup } from './check/window-groups';
export type { SourceRecord, ProvenanceView } from './runtime/provenance';

// Errors and the trace
export {
  PipelineDefinitionError,
  UserFunctionError,
  JobExecutionError,
  type FailureReport,
} from './errors';
export type {
  TraceEvent,
  TraceLevel,
  TraceOptions,
  ArrivalEvent,
  EmitEvent,
  WatermarkEvent,
  IdlenessEvent,
  WindowCreatedEvent,
  WindowMergedEvent,
  WindowFiredEvent,
  WindowPurgedEvent,
  LateEvent,
  TimerEvent,
  StateWriteEvent,
  JobEndEvent,
  CheckpointTriggeredEvent,
  BarrierEvent,
  AlignmentEvent,
  SnapshotEvent,
  CheckpointCompletedEvent,
  CheckpointAbortedEvent,
  FailureEvent,
  RestartEvent,
  TransactionEvent,
} from './trace';
