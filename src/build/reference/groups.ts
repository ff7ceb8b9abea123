/**
 * The sections of the reference index, in the order a learner meets them, and which exports each
 * holds. Most exports are placed by the engine file that declares them, so a new export lands in
 * its section without a change here; the few that live apart from their topic are named.
 */
export const GROUPS = [
  'Environment and running',
  'Streams',
  'Windows and assigners',
  'Triggers and evictors',
  'Watermarks',
  'Time',
  'Functions',
  'State',
  'Joins',
  'Sources',
  'Datasets',
  'Sinks',
  'Fault tolerance',
  'Testing',
  'Job results',
  'Lesson checks',
  'Errors',
  'Trace events',
] as const;

export type GroupTitle = (typeof GROUPS)[number];

/**
 * The names a learner reaches for first, in this order, open their sections; the rest of a
 * section follows by name.
 */
export const LEADING: readonly string[] = [
  'StreamExecutionEnvironment',
  'DataStream',
  'KeyedStream',
  'WindowedStream',
  'TumblingEventTimeWindows',
  'SlidingEventTimeWindows',
  'EventTimeSessionWindows',
  'WatermarkStrategy',
  'Time',
  'KeyedProcessFunction',
  'ValueState',
  'TestStream',
  'TimestampedValue',
  'CheckInput',
];

/** Exports whose section is not their file's. */
const BY_NAME: Readonly<Record<string, GroupTitle>> = {
  Millis: 'Time',
  TimeDomain: 'Time',
  OutputTag: 'Streams',
  Key: 'Streams',
  CollectedRecord: 'Sinks',
  UpsertRow: 'Sinks',
  TestStream: 'Testing',
  CompletedTestStream: 'Testing',
  TestStreamItem: 'Testing',
  TimestampedValue: 'Testing',
  ProcessJoinFunction: 'Joins',
  JoinFunction: 'Joins',
  CoGroupFunction: 'Joins',
  ProcessJoinContext: 'Joins',
  ReducingStateDescriptor: 'Triggers and evictors',
  ReducingState: 'Triggers and evictors',
};

/** Engine files (relative, without `.d.ts`) by prefix; the first that matches wins. */
const BY_FILE: readonly (readonly [string, GroupTitle])[] = [
  ['api/environment', 'Environment and running'],
  ['api/job-controller', 'Environment and running'],
  ['runtime/job', 'Environment and running'],
  ['operators/window/window-operator', 'Environment and running'],
  ['api/data-stream', 'Streams'],
  ['api/connected-streams', 'Streams'],
  ['api/windowed-stream', 'Streams'],
  ['api/joins', 'Joins'],
  ['api/interval-join', 'Joins'],
  ['api/sinks', 'Sinks'],
  ['records', 'Windows and assigners'],
  ['windows/triggers/', 'Triggers and evictors'],
  ['windows/evictors/', 'Triggers and evictors'],
  ['windows/', 'Windows and assigners'],
  ['watermarks/', 'Watermarks'],
  ['time', 'Time'],
  ['functions/', 'Functions'],
  ['state/', 'State'],
  ['sources/', 'Sources'],
  ['random', 'Sources'],
  ['datasets/', 'Datasets'],
  ['parallelism/', 'Job results'],
  ['result', 'Job results'],
  ['metrics', 'Job results'],
  ['check/', 'Lesson checks'],
  ['runtime/provenance', 'Lesson checks'],
  ['checkpointing/', 'Fault tolerance'],
  ['errors', 'Errors'],
  ['trace', 'Trace events'],
];

/** The section of an export, from its name or the file (`watermarks/strategy.d.ts`) declaring it. */
export function groupOf(name: string, file: string): GroupTitle {
  const byName = BY_NAME[name];
  if (byName) return byName;
  const path = file.replace(/\.d\.ts$/, '');
  const match = BY_FILE.find(([prefix]) =>
    prefix.endsWith('/') ? path.startsWith(prefix) : path === prefix,
  );
  if (!match) {
    throw new Error(
      `The reference has no section for ${name} (src/engine/${path}.ts): add its file to ` +
        'BY_FILE in src/build/reference/groups.ts',
    );
  }
  return match[1];
}
