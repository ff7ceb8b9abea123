/**
 * Freezing a prototype has a known side effect (the "override mistake" of ECMAScript): an
 * inherited read-only property cannot be shadowed by assignment, so `this.name = 'MyError'` or
 * `obj.toString = …` would throw once `Error.prototype` or `Object.prototype` is frozen. SES
 * (Endo's `lockdown`) solves it by turning such properties into accessors whose setter defines an
 * own property on the object assigned to; this does the same for the prototypes given, before
 * they are frozen. Assigning to the prototype itself still throws.
 */
export function enableOverrides(prototype: object): void {
  for (const key of Reflect.ownKeys(prototype)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(prototype, key);
    if (!descriptor || !('value' in descriptor) || !descriptor.writable) continue;
    if (!descriptor.configurable) continue;
    const value: unknown = descriptor.value;
    const name = String(key);
    Reflect.defineProperty(prototype, key, {
      configurable: false,
      enumerable: descriptor.enumerable ?? false,
      get() {
        return value;
      },
      set(this: unknown, replacement: unknown) {
        if (this === prototype) {
          throw new TypeError(
            `Cannot assign to read only property '${name}' of a built-in prototype`,
          );
        }
        if ((typeof this !== 'object' && typeof this !== 'function') || this === null) {
          throw new TypeError(`Cannot create property '${name}' on a primitive value`);
        }
        // Object.defineProperty (not Reflect's) so a frozen object refuses loudly, as assignment would.
        Object.defineProperty(this, key, {
          value: replacement,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      },
    });
  }
}
