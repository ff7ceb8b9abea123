/**
 * Adapts the process functions a learner writes (classes or plain objects) to the operator's
 * handlers, checking their shape while the pipeline is built.
 */
import { PipelineDefinitionError } from '../errors';
import type { Collector } from '../functions/collector';
import type { OnTimerContext } from '../functions/contexts';
import type {
  CoFlatMapFunction,
  CoMapFunction,
  CoProcessFunction,
  KeyedCoProcessFunction,
  KeyedProcessFunction,
  ProcessFunction,
} from '../functions/process-functions';
import { requireSynchronous } from '../functions/synchronous';
import type { ProcessHandlers } from '../operators/process-operator';
import type { Key } from '../records';

type AnyFunction = (...args: never[]) => unknown;

const PROCESS = "The function's processElement(...)";

function requireMethods(
  fn: unknown,
  methods: readonly string[],
  what: string,
  example: string,
): void {
  const missing = methods.filter(
    (method) => typeof (fn as Record<string, unknown> | null)?.[method] !== 'function',
  );
  if (fn === null || typeof fn !== 'object' || missing.length > 0) {
    throw new PipelineDefinitionError(
      `${what} needs an object with ${methods.map((m) => `${m}(...)`).join(' and ')}` +
        `${missing.length > 0 && typeof fn === 'object' && fn !== null ? ` (missing: ${missing.join(', ')})` : ''}. ${example}`,
    );
  }
}

function optional(fn: object, method: string): AnyFunction | undefined {
  const value = (fn as Record<string, unknown>)[method];
  if (value === undefined) return undefined;
  if (typeof value !== 'function') {
    throw new PipelineDefinitionError(`${method} must be a method, got ${typeof value}.`);
  }
  return (value as AnyFunction).bind(fn);
}

/** How a method is named when it returns a Promise. */
function named(method: string): string {
  return `The function's ${method}(...)`;
}

/** The optional `open`, failing the run if it returns a Promise (see `synchronous.ts`). */
function openOf(fn: object): ProcessHandlers['open'] {
  const open = optional(fn, 'open');
  if (open === undefined) return undefined;
  return (context) => requireSynchronous(open(context as never), named('open'));
}

/** The optional `onTimer`, failing the run if it returns a Promise. */
function onTimerOf(fn: object): ProcessHandlers['onTimer'] {
  const onTimer = optional(fn, 'onTimer');
  if (onTimer === undefined) return undefined;
  return (timestamp, ctx, out) =>
    requireSynchronous(onTimer(timestamp as never, ctx as never, out as never), named('onTimer'));
}

type Element = ProcessHandlers['elements'][number];

export function processHandlers(fn: ProcessFunction<unknown, unknown> & object): ProcessHandlers {
  requireMethods(
    fn,
    ['processElement'],
    'process',
    'For example: { processElement(value, ctx, out) { out.collect(value); } }.',
  );
  return {
    open: openOf(fn),
    elements: [
      (value, ctx, out) => requireSynchronous(fn.processElement(value, ctx, out), PROCESS),
    ],
  };
}

export function keyedProcessHandlers(
  fn: KeyedProcessFunction<Key, unknown, unknown>,
): ProcessHandlers {
  requireMethods(
    fn,
    ['processElement'],
    'process',
    'Extend KeyedProcessFunction and implement processElement(value, ctx, out).',
  );
  return {
    open: openOf(fn),
    elements: [
      (value, ctx, out) => requireSynchronous(fn.processElement(value, ctx, out), PROCESS),
    ],
    onTimer: onTimerOf(fn),
  };
}

export function coProcessHandlers(
  fn:
    | CoProcessFunction<unknown, unknown, unknown>
    | KeyedCoProcessFunction<Key, unknown, unknown, unknown>,
): ProcessHandlers {
  requireMethods(
    fn,
    ['processElement1', 'processElement2'],
    'process',
    'Extend CoProcessFunction (or KeyedCoProcessFunction after keyBy).',
  );
  const first = named('processElement1');
  const second = named('processElement2');
  return {
    open: openOf(fn),
    elements: [
      (value, ctx, out) => requireSynchronous(fn.processElement1(value, ctx, out), first),
      (value, ctx, out) => requireSynchronous(fn.processElement2(value, ctx, out), second),
    ],
    onTimer: onTimerOf(fn),
  };
}

export function coMapHandlers(fn: CoMapFunction<unknown, unknown, unknown>): ProcessHandlers {
  requireMethods(
    fn,
    ['map1', 'map2'],
    'map',
    'For example: { map1: (a) => ..., map2: (b) => ... }.',
  );
  const element =
    (map: (value: unknown) => unknown, what: string): Element =>
    (value, _ctx: OnTimerContext<Key>, out: Collector<unknown>) =>
      out.collect(requireSynchronous(map(value), what));
  return {
    elements: [
      element((v) => fn.map1(v), named('map1')),
      element((v) => fn.map2(v), named('map2')),
    ],
  };
}

export function coFlatMapHandlers(
  fn: CoFlatMapFunction<unknown, unknown, unknown>,
): ProcessHandlers {
  requireMethods(
    fn,
    ['flatMap1', 'flatMap2'],
    'flatMap',
    'For example: { flatMap1: (a) => [a], flatMap2: (b) => [] }.',
  );
  const element =
    (flatMap: (value: unknown) => Iterable<unknown>, what: string): Element =>
    (value, _ctx: OnTimerContext<Key>, out: Collector<unknown>) => {
      for (const result of requireSynchronous(flatMap(value), what)) out.collect(result);
    };
  return {
    elements: [
      element((v) => fn.flatMap1(v), named('flatMap1')),
      element((v) => fn.flatMap2(v), named('flatMap2')),
    ],
  };
}
