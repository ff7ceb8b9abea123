import { enableOverrides } from './override-taming';

/**
 * Freezes the built-ins the engine and the page↔sandbox channel rely on before any learner code
 * runs. A learner who writes `Array.prototype.push = …` then gets a TypeError at their own line
 * (the compiled module is strict) instead of an engine that misbehaves in ways nobody can explain;
 * and no learner code can put itself between the runtime and the page: a `then` or `toJSON`
 * accessor on `Object.prototype` would see (and could rewrite) every reply, a `data` getter on
 * `MessageEvent.prototype` would hand over the page's port, a new `Function.prototype.apply`
 * would see every request.
 *
 * `Object.prototype`, `Function.prototype` and `Error.prototype` are frozen with their data
 * properties made overridable (see ./override-taming.ts), so ordinary code such as
 * `this.name = 'MyError'` or `obj.toString = …` still works.
 */
const CONSTRUCTORS_AND_NAMESPACES: readonly unknown[] = [
  Object,
  Array,
  Function,
  String,
  Number,
  Boolean,
  Symbol,
  BigInt,
  Map,
  Set,
  WeakMap,
  WeakSet,
  Promise,
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  RegExp,
  Date,
  Math,
  JSON,
  Reflect,
  ArrayBuffer,
  DataView,
  Uint8Array,
  Int32Array,
  Float64Array,
  globalThis.TextEncoder,
  globalThis.TextDecoder,
];

const PROTOTYPES: readonly unknown[] = [
  Array.prototype,
  String.prototype,
  Number.prototype,
  Boolean.prototype,
  Symbol.prototype,
  Map.prototype,
  Set.prototype,
  WeakMap.prototype,
  WeakSet.prototype,
  Promise.prototype,
  RegExp.prototype,
  Date.prototype,
  ArrayBuffer.prototype,
  DataView.prototype,
  Uint8Array.prototype,
  Int32Array.prototype,
  Float64Array.prototype,
  Object.getPrototypeOf(Uint8Array.prototype),
  globalThis.TextEncoder?.prototype,
  globalThis.TextDecoder?.prototype,
  // Iterator prototypes are reached through values, not names.
  Object.getPrototypeOf([][Symbol.iterator]()),
  Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())),
  Object.getPrototypeOf(new Map()[Symbol.iterator]()),
  Object.getPrototypeOf(new Set()[Symbol.iterator]()),
];

/** Prototypes ordinary code assigns over (`this.name = …`): frozen, with overrides enabled. */
const OVERRIDABLE_PROTOTYPES: readonly object[] = [
  Object.prototype,
  Function.prototype,
  Error.prototype,
];

/**
 * What a message to or from the page goes through in a worker (absent in Node's tests, where a
 * name that does not exist is skipped).
 */
const CHANNEL_CLASSES = ['MessagePort', 'MessageEvent', 'Event', 'EventTarget'] as const;

/** Freezes the built-ins above and `extra` (the engine's exports, with their prototypes). */
export function hardenIntrinsics(extra: readonly object[] = []): void {
  for (const prototype of OVERRIDABLE_PROTOTYPES) {
    enableOverrides(prototype);
    Object.freeze(prototype);
  }
  for (const value of [...CONSTRUCTORS_AND_NAMESPACES, ...PROTOTYPES]) freeze(value);
  for (const value of extra) {
    freeze(value);
    if (typeof value === 'function') freeze((value as { prototype?: unknown }).prototype);
  }
  const scope = globalThis as Record<string, unknown>;
  for (const name of CHANNEL_CLASSES) {
    const constructor = scope[name] as { prototype?: unknown } | undefined;
    freeze(constructor);
    freeze(constructor?.prototype);
  }
}

function freeze(value: unknown): void {
  if ((typeof value === 'object' || typeof value === 'function') && value !== null) {
    Object.freeze(value);
  }
}
