/**
 * Sources: where records come from, and when they arrive in the engine's virtual time.
 */
export type {
  Millis,
  RecordRun,
  Source,
  SourceEvent,
  SourcePosition,
  SourceReader,
} from './source';
export { elementsSource, type ElementsSourceOptions } from './elements-source';
export { socketSource, type SocketSourceOptions } from './socket-source';
export { TestStream, type CompletedTestStream, type TestStreamItem } from './test-stream';
export { TimestampedValue } from './timestamped-value';
export type { EventTimeDelay } from './generator/delay';
export type { BurstOptions, IdleGapOptions, Spacing } from './generator/timeline';
export {
  generatorSource,
  type GeneratorContext,
  type GeneratorSourceOptions,
} from './generator/generator-source';
export type { FieldType } from './text/field-types';
export { SourceFormatError, type SourceProblem } from './text/source-format-error';
export type { OnBadRow, TextSource, TextSourceOptions } from './text/text-source';
export { csvSource, type CsvSourceOptions } from './text/csv-source';
export { jsonLinesSource, type JsonLinesSourceOptions } from './text/json-lines-source';
export {
  Topic,
  type Partitioner,
  type ProduceOptions,
  type RecordMetadata,
  type TopicKey,
  type TopicOptions,
  type TopicRecord,
} from './topic/topic';
export { topicSource, type StartingOffsets, type TopicSourceOptions } from './topic/topic-source';
