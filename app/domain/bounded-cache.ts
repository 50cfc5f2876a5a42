/**
 * Values a process works out again and again from few distinct inputs (formatters, names, a
 * shop's stylesheet), kept by input. Everything is forgotten at once when `limit` entries are
 * held, so an unusual run of distinct inputs cannot grow memory without end, and no entry needs
 * bookkeeping on a hit.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  /** The value kept for `key`, else what `make` gives, kept for next time (undefined included). */
  get(key: K, make: () => V): V {
    const kept = this.entries.get(key);
    if (kept !== undefined || this.entries.has(key)) return kept as V;
    const value = make();
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
