// Deep-freezing for snapshots: data planes hold a snapshot while the control plane builds the next one, so
// nothing reachable from it may change. Maps are wrapped in a read-only subclass (Object.freeze does not stop
// Map#set).
export class FrozenMap<K, V> extends Map<K, V> {
  #sealed = false;
  constructor(entries?: Iterable<readonly [K, V]>) {
    // Entries are added after super(): Map's constructor would call the overridden set() before #sealed exists.
    super();
    for (const [k, v] of entries ?? []) super.set(k, v);
    this.#sealed = true;
  }
  override set(key: K, value: V): this {
    if (this.#sealed) throw new TypeError('snapshot maps are read-only');
    return super.set(key, value);
  }
  override delete(): boolean {
    throw new TypeError('snapshot maps are read-only');
  }
  override clear(): void {
    throw new TypeError('snapshot maps are read-only');
  }
}

export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (value instanceof Map) {
    for (const [k, v] of value) {
      deepFreeze(k);
      deepFreeze(v);
    }
    return Object.freeze(value);
  }
  for (const v of Object.values(value as object)) deepFreeze(v);
  return Object.freeze(value);
}

/** Converts any Map to a FrozenMap and deep-freezes it. */
export function freezeMap<K, V>(m: ReadonlyMap<K, V>): ReadonlyMap<K, V> {
  return deepFreeze(m instanceof FrozenMap ? m : new FrozenMap(m));
}
