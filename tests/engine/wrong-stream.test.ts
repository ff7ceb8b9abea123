/**
 * Methods called on the wrong kind of stream: each answers with what it needs and what to call
 * first, at the learner's call, and no method any stream class has can be forgotten.
 */
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  CoGroupWindowedStreams,
  ConnectedStreams,
  DataStream,
  IntervalJoin,
  IntervalJoined,
  JoinWindowedStreams,
  KeyedStream,
  PipelineDefinitionError,
  SingleOutputStreamOperator,
  StreamExecutionEnvironment,
  TestStream,
  TimestampedValue,
  TumblingProcessingTimeWindows,
  WindowedStream,
} from '../../src/engine/index';
import { JoinEqualTo, JoinWhere, JoinWindow } from '../../src/engine/api/joins';
import {
  WRONG_STREAM_CALLS,
  wrongStreamMessage,
  type Advice,
} from '../../src/engine/api/wrong-stream';
import { summarize } from '../../src/engine/summarize';

type Reading = { sensor: string; celsius: number };

/** One stream of every kind, from a fresh pipeline; the keys are the classes' names. */
function streams(): Record<string, object> {
  const env = StreamExecutionEnvironment.create();
  const source = (name: string) =>
    env.fromSource(
      TestStream.create<Reading>()
        .addElements(TimestampedValue.of({ sensor: 's1', celsius: 20 }, 1_000))
        .advanceWatermarkToInfinity()
        .build(name),
    );
  const readings = source('a');
  const other = source('b');
  const keyed = readings.keyBy((r) => r.sensor);
  const windows = TumblingProcessingTimeWindows.of(1_000);
  const join = readings.join(other);
  const where = join.where((r) => r.sensor);
  const equalTo = where.equalTo((r) => r.sensor);
  const intervalJoin = keyed.intervalJoin(other.keyBy((r) => r.sensor));
  return {
    DataStream: readings.union(other),
    SingleOutputStreamOperator: readings,
    KeyedStream: keyed,
    WindowedStream: keyed.window(windows),
    AllWindowedStream: readings.windowAll(windows),
    ConnectedStreams: readings.connect(other),
    JoinedStreams: join,
    CoGroupedStreams: readings.coGroup(other),
    JoinWhere: where,
    JoinEqualTo: equalTo,
    JoinWindowedStreams: equalTo.window(windows),
    CoGroupWindowedStreams: readings
      .coGroup(other)
      .where((r) => r.sensor)
      .equalTo((r) => r.sensor)
      .window(windows),
    IntervalJoin: intervalJoin,
    IntervalJoined: intervalJoin.between(-1, 1),
  };
}

/** Calls `method` on `stream` as a learner who got the class wrong would, and returns the error. */
function callWrong(stream: object, method: string): unknown {
  try {
    (stream as Record<string, (...args: unknown[]) => unknown>)[method]?.('an argument');
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Every answered call: the class it is answered on, the method and its advice. */
const answered: [string, string, Advice][] = [...WRONG_STREAM_CALLS].flatMap(([cls, methods]) =>
  [...methods].map(([method, advice]): [string, string, Advice] => [
    (cls as { name: string }).name,
    method,
    advice,
  ]),
);

describe('a method called on the wrong kind of stream', () => {
  it.each(answered)('%s.%s says what it needs and what to call first', (cls, method, advice) => {
    const stream = streams()[cls === 'JoinWindow' ? 'JoinWindowedStreams' : cls];
    const error = callWrong(stream as object, method);
    expect(error).toBeInstanceOf(PipelineDefinitionError);
    const message = (error as Error).message;
    expect(message).toBe(wrongStreamMessage(method, advice));
    expect(message.startsWith(`${method}(...) needs ${advice.needs}, but `)).toBe(true);
    expect(message).toContain(`: call ${advice.first} first`);
  });

  it('answers as Flink does: key the stream first, or use windowAll for the whole stream', () => {
    const { DataStream: unkeyed, SingleOutputStreamOperator: mapped } = streams();
    for (const stream of [unkeyed, mapped]) {
      expect((callWrong(stream!, 'window') as Error).message).toBe(
        'window(...) needs a keyed stream, but this stream is not keyed: call .keyBy(...) first, ' +
          'e.g. .keyBy((r) => r.sensor).window(TumblingEventTimeWindows.of(Time.seconds(10))). ' +
          'For one window over the whole stream (not parallel), use .windowAll(...).',
      );
      expect((callWrong(stream!, 'countWindow') as Error).message).toContain(
        'use .countWindowAll(...)',
      );
      expect((callWrong(stream!, 'sum') as Error).message).toMatch(
        /^sum\(\.\.\.\) needs a keyed stream, but this stream is not keyed: call \.keyBy\(\.\.\.\) first, e\.g\. \.keyBy\(\(r\) => r\.sensor\)\.sum\('celsius'\)\. That gives a running result per key\./,
      );
      expect((callWrong(stream!, 'intervalJoin') as Error).message).toContain(
        'call .keyBy(...) on both streams first',
      );
      expect((callWrong(stream!, 'trigger') as Error).message).toContain(
        'trigger(...) needs a windowed stream, but this stream has no windows: call .keyBy(...).window(...) first',
      );
    }
  });

  it('tells a keyed stream to choose its windows before configuring them', () => {
    const { KeyedStream: keyed } = streams();
    for (const method of ['trigger', 'evictor', 'allowedLateness', 'sideOutputLateData']) {
      expect((callWrong(keyed!, method) as Error).message).toMatch(
        new RegExp(
          `^${method}\\(\\.\\.\\.\\) needs a windowed stream, but this keyed stream has no windows yet: call \\.window\\(\\.\\.\\.\\) first`,
        ),
      );
    }
    expect((callWrong(keyed!, 'aggregate') as Error).message).toContain(
      'For a running result per key without windows, use .reduce(...) instead.',
    );
  });

  it('tells a windowed stream to compute its results first', () => {
    const { WindowedStream: windowed, AllWindowedStream: all } = streams();
    for (const stream of [windowed, all]) {
      for (const method of ['map', 'filter', 'sinkTo', 'print']) {
        expect((callWrong(stream!, method) as Error).message).toBe(
          `${method}(...) needs the results of a window function, but this windowed stream has no ` +
            'window function yet: call .reduce(...), .aggregate(...), .process(...) or ' +
            `.sum/.min/.max/.minBy/.maxBy(...) first, e.g. .window(...).sum('celsius').${method}(...).`,
        );
      }
      expect((callWrong(stream!, 'keyBy') as Error).message).toContain(
        'Key a stream before you window it.',
      );
    }
  });

  it('walks a window join through its steps in order', () => {
    const s = streams();
    expect((callWrong(s['JoinedStreams']!, 'window') as Error).message).toContain(
      'call .where(...).equalTo(...) first',
    );
    expect((callWrong(s['JoinWhere']!, 'window') as Error).message).toContain(
      'call .equalTo(...) first',
    );
    expect((callWrong(s['JoinEqualTo']!, 'apply') as Error).message).toContain(
      'call .window(...) first',
    );
    for (const stage of ['JoinWindowedStreams', 'CoGroupWindowedStreams']) {
      expect((callWrong(s[stage]!, 'sinkTo') as Error).message).toContain('call .apply(...) first');
    }
    expect((callWrong(s['IntervalJoin']!, 'process') as Error).message).toContain(
      'call .between(lower, upper) first',
    );
    expect((callWrong(s['IntervalJoined']!, 'sinkTo') as Error).message).toContain(
      'call .process(...) first',
    );
  });

  it('throws at the call, so the error points at the line that made it', () => {
    const { DataStream: unkeyed } = streams();
    const error = callWrong(unkeyed!, 'window') as Error;
    // The frame below the engine's is this file's callWrong: the "learner's" line.
    const frames = (error.stack ?? '').split('\n').filter((line) => line.includes(' at '));
    expect(frames[1]).toContain('wrong-stream.test.ts');
  });

  it('is still a type error, so the editor flags the call', () => {
    const { DataStream: unkeyed, KeyedStream: keyed, WindowedStream: windowed } = streams();
    // @ts-expect-error window is not a method of DataStream
    expect(() => (unkeyed as DataStream<Reading>).window(undefined as never)).toThrow(
      PipelineDefinitionError,
    );
    // @ts-expect-error trigger is not a method of KeyedStream
    expect(() => (keyed as KeyedStream<Reading, string>).trigger(undefined as never)).toThrow(
      PipelineDefinitionError,
    );
    expect(() =>
      // @ts-expect-error map is not a method of WindowedStream
      (windowed as WindowedStream<Reading, string, never>).map((r: Reading) => r),
    ).toThrow(PipelineDefinitionError);
  });

  it('stays out of sight: not enumerable, not in keys, summaries or for…in', () => {
    for (const stream of Object.values(streams())) {
      const seen: string[] = [];
      for (const key in stream) seen.push(key);
      const hidden = [...WRONG_STREAM_CALLS.values()].flatMap((methods) => [...methods.keys()]);
      for (const method of new Set(hidden)) {
        expect(Object.keys(stream)).not.toContain(method);
        expect(seen).not.toContain(method);
      }
      // A summary shows the stream's own fields only, as for a plain copy of them.
      expect(summarize(stream, 10_000)).toBe(summarize({ ...stream }, 10_000));
    }
    for (const [cls, methods] of WRONG_STREAM_CALLS) {
      const prototype = (cls as { prototype: object }).prototype;
      expect(Object.keys(prototype)).toEqual([]);
      for (const method of methods.keys()) {
        expect(Object.getOwnPropertyDescriptor(prototype, method)?.enumerable).toBe(false);
      }
    }
  });

  it('leaves the right classes alone: their methods and instanceof work as before', () => {
    const s = streams();
    const keyed = s['KeyedStream'] as KeyedStream<Reading, string>;
    expect(keyed.window(TumblingProcessingTimeWindows.of(10))).toBeInstanceOf(WindowedStream);
    expect(keyed.sum('celsius')).toBeInstanceOf(SingleOutputStreamOperator);
    expect(keyed).toBeInstanceOf(DataStream);
    const mapped = s['SingleOutputStreamOperator'] as SingleOutputStreamOperator<Reading>;
    expect(mapped.name('readings')).toBe(mapped);
    expect(s['ConnectedStreams']).toBeInstanceOf(ConnectedStreams);
    expect(s['JoinWindowedStreams']).toBeInstanceOf(JoinWindowedStreams);
    expect(s['CoGroupWindowedStreams']).toBeInstanceOf(CoGroupWindowedStreams);
    expect(s['IntervalJoin']).toBeInstanceOf(IntervalJoin);
    expect(s['IntervalJoined']).toBeInstanceOf(IntervalJoined);
    expect(s['JoinWhere']).toBeInstanceOf(JoinWhere);
    expect(s['JoinEqualTo']).toBeInstanceOf(JoinEqualTo);
    expect(s['JoinWindowedStreams']).toBeInstanceOf(JoinWindow);
  });
});

/** The public methods of every class in the API, as the editor sees them, from the source. */
function publicApi(): Map<string, Set<string>> {
  const folder = new URL('../../src/engine/api/', import.meta.url);
  const classes = new Map<string, { base: string | undefined; methods: Set<string> }>();
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(new URL(file, folder), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      if (!ts.isClassDeclaration(statement) || statement.name === undefined) continue;
      const base = statement.heritageClauses
        ?.find((c) => c.token === ts.SyntaxKind.ExtendsKeyword)
        ?.types[0]?.expression.getText(source);
      const methods = new Set<string>();
      for (const member of statement.members) {
        if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name)) continue;
        const modifiers = ts.getCombinedModifierFlags(member);
        if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Static)) continue;
        if (ts.getJSDocTags(member).some((tag) => tag.tagName.text === 'internal')) continue;
        methods.add(member.name.text);
      }
      classes.set(statement.name.text, { base, methods });
    }
  }
  const api = new Map<string, Set<string>>();
  const resolve = (name: string): Set<string> => {
    const cls = classes.get(name);
    // Classes from elsewhere (a ProcessWindowFunction a join extends) are not streams.
    if (cls === undefined) return new Set();
    const inherited = cls.base === undefined ? new Set<string>() : resolve(cls.base);
    return new Set([...inherited, ...cls.methods]);
  };
  for (const name of classes.keys()) api.set(name, resolve(name));
  return api;
}

/**
 * Kinds of stream a learner can mistake for one another: for each, the kinds whose methods they may
 * call on it. Every method of those that it lacks must be answered.
 */
const CONFUSIONS: Readonly<Record<string, readonly string[]>> = {
  DataStream: ['SingleOutputStreamOperator', 'KeyedStream', 'WindowedStream'],
  SingleOutputStreamOperator: ['KeyedStream', 'WindowedStream'],
  KeyedStream: ['SingleOutputStreamOperator', 'WindowedStream'],
  WindowedStream: ['DataStream', 'SingleOutputStreamOperator', 'KeyedStream'],
  ConnectedStreams: ['DataStream', 'SingleOutputStreamOperator', 'KeyedStream'],
  JoinedStreams: ['JoinWhere', 'JoinEqualTo', 'JoinWindowedStreams'],
  CoGroupedStreams: ['JoinWhere', 'JoinEqualTo', 'CoGroupWindowedStreams'],
  JoinWhere: ['JoinEqualTo', 'JoinWindowedStreams', 'CoGroupWindowedStreams'],
  JoinEqualTo: ['JoinWindowedStreams', 'CoGroupWindowedStreams'],
  JoinWindowedStreams: [
    'WindowedStream',
    'DataStream',
    'SingleOutputStreamOperator',
    'KeyedStream',
  ],
  CoGroupWindowedStreams: [
    'WindowedStream',
    'DataStream',
    'SingleOutputStreamOperator',
    'KeyedStream',
  ],
  IntervalJoin: ['IntervalJoined'],
  IntervalJoined: ['DataStream', 'SingleOutputStreamOperator', 'KeyedStream'],
};

describe('the answered calls', () => {
  const api = publicApi();

  it('find the public methods of the API classes', () => {
    expect(api.get('KeyedStream')).toContain('window');
    expect(api.get('KeyedStream')).toContain('map');
    expect(api.get('KeyedStream')).not.toContain('selector');
    expect(api.get('WindowedStream')).toContain('trigger');
    expect(api.get('WindowedStream')).not.toContain('build');
  });

  it.each(Object.entries(CONFUSIONS))(
    'cover every method %s lacks of the kinds it is mistaken for',
    (wrong, others) => {
      const stream = streams()[wrong]!;
      const own = api.get(wrong)!;
      const lacking = new Set(others.flatMap((other) => [...api.get(other)!]));
      for (const method of own) lacking.delete(method);
      expect(lacking.size).toBeGreaterThan(0);
      for (const method of lacking) {
        const error = callWrong(stream, method);
        expect(error, `${wrong}.${method} is not answered`).toBeInstanceOf(PipelineDefinitionError);
        expect((error as Error).message.startsWith(`${method}(...) needs `)).toBe(true);
      }
    },
  );

  it('never stand in for a method the class has', () => {
    for (const [cls, methods] of WRONG_STREAM_CALLS) {
      const own = api.get((cls as { name: string }).name)!;
      for (const method of methods.keys()) expect(own).not.toContain(method);
    }
  });
});
