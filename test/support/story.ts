// Tests that tell one story step by step (the canonical case: track, add, extend, resolve, close), where
// each step needs what the steps before it did. Each step is a test; one that runs alone (`-t`) first
// runs the earlier steps it has not seen run, so it passes alone just as it does in order.
import { it } from 'vitest';

export function story(options: { timeoutMs?: number } = {}): (name: string, run: () => Promise<void>) => void {
  const steps: Array<{ name: string; run: () => Promise<void> }> = [];
  const done = new Set<string>();
  return (name, run) => {
    const upTo = steps.length;
    steps.push({ name, run });
    it(
      name,
      async () => {
        for (const step of steps.slice(0, upTo + 1)) {
          if (done.has(step.name)) continue;
          await step.run();
          done.add(step.name);
        }
      },
      options.timeoutMs ?? 120_000,
    );
  };
}
