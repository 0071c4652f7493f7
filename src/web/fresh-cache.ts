// Public pages and feeds are read far more often than the data changes. A fingerprint (a few counters
// and maxima that move whenever an issue, deadline or event is written) says whether anything changed;
// it is itself re-read at most every `freshnessMs`, so a burst of calendar polls costs one query.
// Writes made through this process call invalidate() and show at once. Times here are wall-clock: this
// is cache bookkeeping, not domain time.

interface Checked {
  fingerprint: string | null;
  checkedAt: number;
  generation: number;
}

export class FreshCache {
  readonly #freshnessMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #checks = new Map<string, Checked | Promise<Checked>>();
  readonly #values = new Map<string, { fingerprint: string; value: Promise<unknown> }>();
  #generation = 0;

  constructor(options: { freshnessMs: number; maxEntries?: number; now?: () => number }) {
    this.#freshnessMs = options.freshnessMs;
    this.#maxEntries = options.maxEntries ?? 2000;
    this.#now = options.now ?? Date.now;
  }

  /** The fingerprint for `scope`, read through `read` unless a fresh one is known. */
  async fingerprint(scope: string, read: () => Promise<string | null>): Promise<string | null> {
    const known = this.#checks.get(scope);
    if (known !== undefined && !(known instanceof Promise) && this.#isFresh(known)) return known.fingerprint;
    if (known instanceof Promise) return (await known).fingerprint;
    const generation = this.#generation;
    const pending = read().then(
      (fingerprint) => {
        const checked = { fingerprint, checkedAt: this.#now(), generation };
        this.#remember(this.#checks, scope, checked);
        return checked;
      },
      (error: unknown) => {
        this.#checks.delete(scope);
        throw error;
      },
    );
    this.#checks.set(scope, pending);
    return (await pending).fingerprint;
  }

  /** The value built for `key` at this fingerprint; built once even when many requests ask at once. */
  value<T>(key: string, fingerprint: string, build: () => Promise<T> | T): Promise<T> {
    const known = this.#values.get(key);
    if (known !== undefined && known.fingerprint === fingerprint) return known.value as Promise<T>;
    const value = Promise.resolve().then(build);
    value.catch(() => {
      if (this.#values.get(key)?.value === value) this.#values.delete(key);
    });
    this.#remember(this.#values, key, { fingerprint, value });
    return value;
  }

  /** Something changed through this process: re-read every fingerprint on next use. */
  invalidate(): void {
    this.#generation += 1;
  }

  #isFresh(checked: Checked): boolean {
    return checked.generation === this.#generation && this.#now() - checked.checkedAt < this.#freshnessMs;
  }

  // Bounded: a crawler asking for a million slugs must not grow memory without end. Oldest out first.
  #remember<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    map.set(key, value);
    if (map.size > this.#maxEntries) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
  }
}
