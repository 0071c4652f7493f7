// Small measuring helpers shared by the benchmarks: medians, RSS sampling, progress lines, formatting.

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/** Samples memory every `everyMs` until stopped: peak RSS (the goal) and peak V8 heap in use (to tell them apart). */
export function sampleMemory(everyMs = 50): { stop(): { peakRssBytes: number; peakHeapUsedBytes: number; samples: number } } {
  let peakRssBytes = 0;
  let peakHeapUsedBytes = 0;
  let samples = 0;
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRssBytes = Math.max(peakRssBytes, rss);
    peakHeapUsedBytes = Math.max(peakHeapUsedBytes, heapUsed);
    samples += 1;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakRssBytes, peakHeapUsedBytes, samples };
    },
  };
}

/** Progress goes to stderr so stdout stays the result table. */
export function progress(message: string): void {
  process.stderr.write(`  · ${message}\n`);
}

export const mb = (bytes: number) => bytes / (1024 * 1024);

export function fixed(value: number, digits = 0): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}
