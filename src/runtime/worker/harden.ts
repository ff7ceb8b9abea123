/**
 * Freezes the built-ins the engine relies on before any learner code runs. A learner who writes
 * `Array.prototype.push = …` then gets a TypeError at their own line (the compiled module is
 * strict) instead of an engine that misbehaves in ways nobody can explain.
 *
 * `Object.prototype`, `Function.prototype` and `Error.prototype` stay writable: freezing them
 * would break ordinary code such as `this.name = 'MyError'` or `obj.toString = …` (an inherited
 * read-only property cannot be shadowed by assignment). Every run gets a fresh worker, so what a
 * learner does to those lasts for that run only.
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

/** Freezes the built-ins above and `extra` (the engine's exports, with their prototypes). */
export function hardenIntrinsics(extra: readonly object[] = []): void {
  for (const value of [...CONSTRUCTORS_AND_NAMESPACES, ...PROTOTYPES]) freeze(value);
  for (const value of extra) {
    freeze(value);
    if (typeof value === 'function') freeze((value as { prototype?: unknown }).prototype);
  }
  if (typeof MessagePort !== 'undefined') freeze(MessagePort.prototype);
}

function freeze(value: unknown): void {
  if ((typeof value === 'object' || typeof value === 'function') && value !== null) {
    Object.freeze(value);
  }
}
