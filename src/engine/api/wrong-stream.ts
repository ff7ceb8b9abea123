/**
 * Methods called on the wrong kind of stream, answered the way Flink's API answers them.
 *
 * `.window(...)` on a stream that is not keyed is a type error in the editor, but the program still
 * runs, and plain JavaScript would fail with "window is not a function", which says nothing about
 * streams. Flink's answer is to key the stream first (or to use `windowAll`). So each method a
 * learner can reach for on the wrong class is put on that class's prototype, at runtime only, as a
 * function that throws a {@link PipelineDefinitionError} saying what the method needs and what to
 * call first. Thrown synchronously from the learner's call, the error points at the learner's line.
 *
 * The methods are not in the classes' types (the editor keeps flagging the call) and are not
 * enumerable (`Object.keys`, `for…in` and summaries do not show them); a class that really has a
 * method is never given one, so dispatch and `instanceof` are as before.
 */
import { PipelineDefinitionError } from '../errors';
import { ConnectedStreams } from './connected-streams';
import { DataStream, KeyedStream } from './data-stream';
import { IntervalJoin, IntervalJoined } from './interval-join';
import { CoGroupedStreams, JoinEqualTo, JoinWhere, JoinWindow, JoinedStreams } from './joins';
import { WindowedStream } from './windowed-stream';

/** @internal What a method needs and how to get there; the message is made from it. */
export interface Advice {
  /** The kind of stream the method works on, e.g. 'a keyed stream'. */
  readonly needs: string;
  /** What the stream it was called on is instead, e.g. 'this stream is not keyed'. */
  readonly but: string;
  /** What to call before it, e.g. '.keyBy(...)'. */
  readonly first: string;
  /** The fix, written out. */
  readonly example?: string;
  /** Another way, when the engine has one. */
  readonly otherwise?: string;
}

/** @internal The message for calling `method` where it does not belong. */
export function wrongStreamMessage(method: string, advice: Advice): string {
  const example = advice.example === undefined ? '' : `, e.g. ${advice.example}`;
  const otherwise = advice.otherwise === undefined ? '' : ` ${advice.otherwise}`;
  return (
    `${method}(...) needs ${advice.needs}, but ${advice.but}: ` +
    `call ${advice.first} first${example}.${otherwise}`
  );
}

// The methods a learner may reach for, by the class that has them.
/** A stream's own operations (DataStream). */
const STREAM_METHODS = [
  'map',
  'filter',
  'flatMap',
  'union',
  'keyBy',
  'process',
  'assignTimestampsAndWatermarks',
  'connect',
  'join',
  'coGroup',
  'windowAll',
  'countWindowAll',
  'sinkTo',
  'print',
  'rebalance',
  'forward',
] as const;
/** What only the stream made by an operator has (SingleOutputStreamOperator). */
const OPERATOR_METHODS = [
  'name',
  'uid',
  'getSideOutput',
  'setParallelism',
  'setMaxParallelism',
  'simulateNetworkDelay',
] as const;
/** What only a keyed stream has (KeyedStream). */
const KEYED_METHODS = [
  'reduce',
  'sum',
  'min',
  'max',
  'minBy',
  'maxBy',
  'window',
  'countWindow',
  'intervalJoin',
] as const;
/** What only a windowed stream has (WindowedStream). */
const WINDOWED_METHODS = [
  'trigger',
  'evictor',
  'allowedLateness',
  'sideOutputLateData',
  'reduce',
  'aggregate',
  'process',
  'sum',
  'min',
  'max',
  'minBy',
  'maxBy',
] as const;
/** The steps of a window join after `where(...)`, in order; each stage answers those after it. */
const JOIN_STEPS = ['equalTo', 'window', 'trigger', 'evictor', 'allowedLateness', 'apply'];
/** The join steps after `step`. */
const joinStepsAfter = (step: 'where' | 'equalTo'): readonly string[] =>
  JOIN_STEPS.slice(step === 'where' ? 1 : 2);
/** The steps of an interval join after `between(...)`. */
const INTERVAL_STEPS = [
  'lowerBoundExclusive',
  'upperBoundExclusive',
  'sideOutputLeftLateData',
  'sideOutputRightLateData',
  'process',
];

const WINDOWS = 'TumblingEventTimeWindows.of(Time.seconds(10))';
const WINDOW_FUNCTIONS =
  '.reduce(...), .aggregate(...), .process(...) or .sum/.min/.max/.minBy/.maxBy(...)';
/** An argument that reads well in an example of each aggregation. */
const SAMPLE_ARGUMENT: Readonly<Record<string, string>> = {
  reduce: '(a, b) => ...',
  sum: "'celsius'",
  min: "'celsius'",
  max: "'celsius'",
  minBy: "'celsius'",
  maxBy: "'celsius'",
};

/** Methods and the advice for calling them here; the first rule that names a method wins. */
interface Rule {
  readonly methods: readonly string[];
  readonly advice: (method: string) => Advice;
}

/**
 * `name`, `uid`, `getSideOutput`, the parallelism settings and `simulateNetworkDelay` on a stream
 * no operator made.
 */
function operatorOnly(but: string): Rule {
  return {
    methods: OPERATOR_METHODS,
    advice: (method) =>
      method === 'getSideOutput'
        ? {
            needs: 'the stream of the operator that wrote the side output',
            but,
            first: '.process(...) (or a window function after .sideOutputLateData(tag))',
            example: 'const main = stream.process(fn); main.getSideOutput(tag)',
          }
        : method === 'setParallelism' || method === 'setMaxParallelism'
          ? {
              needs: 'a stream made by an operator',
              but,
              first:
                'the operation to run in parallel (.map(...), .process(...), a window function, …)',
              example: `.map(...).${method}(2)`,
            }
          : method === 'simulateNetworkDelay'
            ? {
                needs: 'a stream made by an operator',
                but,
                first: 'the operation whose output is delayed (.map(...), .process(...), …)',
                example: '.map(...).simulateNetworkDelay(250)',
              }
            : {
                needs: 'a stream made by an operator',
                but,
                first: `the operation to ${method === 'name' ? 'name' : 'identify'} (.map(...), .process(...), a window function, …)`,
                example: `.map(...).${method}('parse')`,
              },
  };
}

/** Window settings and `aggregate` on a keyed stream that has no windows yet. */
const keyedNotWindowed: Rule = {
  methods: WINDOWED_METHODS,
  advice: (method) => ({
    needs: 'a windowed stream',
    but: 'this keyed stream has no windows yet',
    first: '.window(...)',
    example: `.keyBy((r) => r.sensor).window(${WINDOWS}).${method}(...)`,
    ...(method === 'aggregate'
      ? { otherwise: 'For a running result per key without windows, use .reduce(...) instead.' }
      : {}),
  }),
};

/** Keyed-only methods on a stream that is not keyed. */
const notKeyed: Rule = {
  methods: KEYED_METHODS,
  advice: (method) => {
    const advice = {
      needs: 'a keyed stream',
      but: 'this stream is not keyed',
      first: '.keyBy(...)',
    };
    switch (method) {
      case 'window':
        return {
          ...advice,
          example: `.keyBy((r) => r.sensor).window(${WINDOWS})`,
          otherwise: 'For one window over the whole stream (not parallel), use .windowAll(...).',
        };
      case 'countWindow':
        return {
          ...advice,
          example: '.keyBy((r) => r.sensor).countWindow(100)',
          otherwise:
            'For count windows over the whole stream (not parallel), use .countWindowAll(...).',
        };
      case 'intervalJoin':
        return {
          ...advice,
          first: '.keyBy(...) on both streams',
          example: 'orders.keyBy((o) => o.id).intervalJoin(payments.keyBy((p) => p.orderId))',
        };
      default:
        return {
          ...advice,
          example: `.keyBy((r) => r.sensor).${method}(${SAMPLE_ARGUMENT[method] ?? '...'})`,
          otherwise:
            `That gives a running result per key. For one result per window, use ` +
            `.keyBy(...).window(...).${method}(...), or .windowAll(...).${method}(...) for ` +
            'windows over the whole stream.',
        };
    }
  },
};

/** Window settings and `aggregate` on a stream that is neither keyed nor windowed. */
const notWindowed: Rule = {
  methods: WINDOWED_METHODS,
  advice: (method) => ({
    needs: 'a windowed stream',
    but: 'this stream has no windows',
    first: '.keyBy(...).window(...)',
    example: `.keyBy((r) => r.sensor).window(${WINDOWS}).${method}(...)`,
    otherwise: 'For windows over the whole stream (not parallel), use .windowAll(...).',
  }),
};

/** Stream methods on a windowed stream, which must be reduced to results first. */
const windowedFirst: readonly Rule[] = [
  {
    methods: ['keyBy', 'assignTimestampsAndWatermarks'],
    advice: (method) => ({
      needs: 'a stream that is not windowed yet',
      but: 'this stream is already windowed',
      first: `.${method}(...)`,
      example:
        method === 'keyBy'
          ? '.keyBy((r) => r.sensor).window(...)'
          : '.assignTimestampsAndWatermarks(strategy).keyBy((r) => r.sensor).window(...)',
      otherwise: `${method === 'keyBy' ? 'Key' : 'Give timestamps to'} a stream before you window it.`,
    }),
  },
  {
    methods: ['window', 'windowAll', 'countWindow', 'countWindowAll'],
    advice: (method) => ({
      needs: 'a stream that is not windowed yet',
      but: 'this stream is already windowed (a stream has one window assigner)',
      first: `a window function (${WINDOW_FUNCTIONS})`,
      example: `.window(...).sum('n')${method.endsWith('All') ? '' : '.keyBy((r) => r.key)'}.${method}(...)`,
      otherwise: 'That windows the results again, for a second level of windows.',
    }),
  },
  {
    methods: ['getSideOutput'],
    advice: () => ({
      needs: 'the stream a window function returns',
      but: 'this windowed stream has no window function yet',
      first: '.sideOutputLateData(tag) and a window function',
      example: "const sums = windowed.sideOutputLateData(late).sum('n'); sums.getSideOutput(late)",
    }),
  },
  {
    methods: [...STREAM_METHODS, ...OPERATOR_METHODS, ...KEYED_METHODS],
    advice: (method) => ({
      needs: 'the results of a window function',
      but: 'this windowed stream has no window function yet',
      first: WINDOW_FUNCTIONS,
      example: `.window(...).sum('celsius').${method}(...)`,
    }),
  },
];

/** Stream methods on two connected streams, which a co-function must combine first. */
const connectedFirst: Rule = {
  methods: [...STREAM_METHODS, ...OPERATOR_METHODS, ...KEYED_METHODS],
  advice: (method) => ({
    needs: 'a single stream',
    but: 'these are two connected streams',
    first: '.map({ map1, map2 }), .flatMap({ flatMap1, flatMap2 }) or .process(...)',
    example: `a.connect(b).map({ map1: (x) => ..., map2: (y) => ... })${(KEYED_METHODS as readonly string[]).includes(method) ? '.keyBy(...)' : ''}.${method}(...)`,
    ...(method === 'union'
      ? { otherwise: 'To merge streams of the same type into one, use a.union(b) instead.' }
      : {}),
  }),
};

/** The later steps of a window join, called before `where(...)`. */
function joinNeedsKeys(operation: 'join' | 'coGroup'): Rule {
  const start = `a.${operation}(b)`;
  return {
    methods: JOIN_STEPS,
    advice: (method) =>
      method === 'equalTo'
        ? {
            needs: 'the key of the left stream',
            but: `this ${operation} has no keys yet`,
            first: '.where(...)',
            example: `${start}.where((l) => l.id).equalTo((r) => r.id)`,
          }
        : {
            needs: 'the keys of both streams',
            but: `this ${operation} has none yet`,
            first: '.where(...).equalTo(...)',
            example: `${start}.where((l) => l.id).equalTo((r) => r.id).window(...)`,
          },
  };
}

/** The later steps of a window join, called after `where(...)` only. */
const joinNeedsRightKey: Rule = {
  methods: joinStepsAfter('where'),
  advice: () => ({
    needs: 'the keys of both streams',
    but: 'only the left one is given',
    first: '.equalTo(...)',
    example: '.where((l) => l.id).equalTo((r) => r.id).window(...)',
  }),
};

/** The later steps of a window join, called before `window(...)`. */
const joinNeedsWindows: Rule = {
  methods: joinStepsAfter('equalTo'),
  advice: (method) => ({
    needs: 'a windowed join',
    but: 'this join has no windows yet',
    first: '.window(...)',
    example: `.equalTo((r) => r.id).window(${WINDOWS}).${method}(...)`,
  }),
};

/** Window functions and stream methods on a windowed join, which ends with `apply(...)`. */
const joinEndsWithApply: readonly Rule[] = [
  {
    methods: ['sideOutputLateData'],
    advice: () => ({
      needs: 'a windowed stream of one input',
      but: 'a window join has no late-data side output (as in Flink)',
      first: '.keyBy(...).window(...) on one of the two streams',
      example: '.keyBy((o) => o.id).window(...).sideOutputLateData(late)',
      otherwise: 'That shows the late records of that stream.',
    }),
  },
  {
    methods: WINDOWED_METHODS,
    advice: () => ({
      needs: 'a stream of records',
      but: 'a windowed join gives pairs of records to .apply(...)',
      first: '.apply(...)',
      example: '.window(...).apply((left, right) => ({ ...left, ...right }))',
      otherwise: 'To aggregate the joined records, key and window the results of apply again.',
    }),
  },
  {
    methods: [...STREAM_METHODS, ...OPERATOR_METHODS, ...KEYED_METHODS],
    advice: (method) => ({
      needs: 'the results of the join',
      but: 'this windowed join has no join function yet',
      first: '.apply(...)',
      example: `.window(...).apply((left, right) => ({ ...left, ...right })).${method}(...)`,
    }),
  },
];

/** The steps after `between(...)`, called before it. */
const intervalNeedsBounds: Rule = {
  methods: INTERVAL_STEPS,
  advice: (method) => ({
    needs: 'the bounds of the interval',
    but: 'this interval join has none yet',
    first: '.between(lower, upper)',
    example: `.intervalJoin(other).between(Time.seconds(-5), Time.seconds(5)).${method}(...)`,
  }),
};

/** Stream methods on an interval join, which ends with `process(...)`. */
const intervalEndsWithProcess: Rule = {
  methods: [...STREAM_METHODS, ...OPERATOR_METHODS, ...KEYED_METHODS],
  advice: (method) => ({
    needs: 'the results of the join',
    but: 'this interval join has no join function yet',
    first: '.process(...)',
    example: `.between(lower, upper).process(new MyJoin()).${method}(...)`,
  }),
};

/** The classes and the rules for what they lack. */
const RULES: readonly (readonly [{ readonly prototype: object }, readonly Rule[]])[] = [
  [
    DataStream,
    [
      notKeyed,
      notWindowed,
      operatorOnly(
        'this stream comes from union(...) or getSideOutput(...), which add no operator',
      ),
    ],
  ],
  [KeyedStream, [keyedNotWindowed, operatorOnly('keyBy(...) adds no operator')]],
  [WindowedStream, windowedFirst],
  [ConnectedStreams, [connectedFirst]],
  [JoinedStreams, [joinNeedsKeys('join')]],
  [CoGroupedStreams, [joinNeedsKeys('coGroup')]],
  [JoinWhere, [joinNeedsRightKey]],
  [JoinEqualTo, [joinNeedsWindows]],
  [JoinWindow, joinEndsWithApply],
  [IntervalJoin, [intervalNeedsBounds]],
  [IntervalJoined, [intervalEndsWithProcess]],
];

/** The functions put on prototypes here, told apart from the classes' own methods. */
const wrongCalls = new WeakSet<object>();

/** True when `prototype` (or a prototype it inherits from) has `method` of its own making. */
function hasMethod(prototype: object, method: string): boolean {
  for (
    let p: object | null = prototype;
    p !== null;
    p = Object.getPrototypeOf(p) as object | null
  ) {
    const descriptor = Object.getOwnPropertyDescriptor(p, method);
    if (descriptor !== undefined) return !wrongCalls.has(descriptor.value as object);
  }
  return false;
}

/**
 * @internal Every answered call: per class, each method it lacks and the advice given. Built when
 * this module loads; tests read it.
 */
export const WRONG_STREAM_CALLS: ReadonlyMap<object, ReadonlyMap<string, Advice>> = install();

function install(): Map<object, Map<string, Advice>> {
  const installed = new Map<object, Map<string, Advice>>();
  for (const [cls, rules] of RULES) {
    const prototype = cls.prototype;
    const answered = new Map<string, Advice>();
    for (const rule of rules) {
      for (const method of rule.methods) {
        if (answered.has(method) || hasMethod(prototype, method)) continue;
        const advice = rule.advice(method);
        const message = wrongStreamMessage(method, advice);
        // A named function, so that a stack trace reads e.g. "DataStream.window".
        const call = {
          [method](): never {
            throw new PipelineDefinitionError(message);
          },
        }[method] as () => never;
        wrongCalls.add(call);
        Object.defineProperty(prototype, method, {
          value: call,
          enumerable: false,
          writable: true,
          configurable: true,
        });
        answered.set(method, advice);
      }
    }
    installed.set(cls, answered);
  }
  return installed;
}
