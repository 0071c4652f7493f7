// What each benchmark measures, at full size (the recorded figures) and at --quick size (a smoke run).

export interface Sizes {
  planning: { due: number; small: number; large: number; ticks: number };
  throughput: { alerts: number };
  memory: { alerts: number };
}

export const fullSizes: Sizes = {
  planning: { due: 1_000, small: 10_000, large: 1_000_000, ticks: 5 },
  throughput: { alerts: 20_000 },
  memory: { alerts: 100_000 },
};

export const quickSizes: Sizes = {
  planning: { due: 100, small: 1_000, large: 50_000, ticks: 3 },
  throughput: { alerts: 2_000 },
  memory: { alerts: 10_000 },
};

/** The benchmarks' fixed clock (conventions: pass `now` in, test at a fixed reference). */
export const benchNow = new Date('2026-06-01T09:05:00.000Z');

export const goals = { planningRatio: 1.5, throughputRatio: 0.7, peakRssMb: 250 };

export const parts = ['planning', 'throughput', 'memory'] as const;
export type Part = (typeof parts)[number];
