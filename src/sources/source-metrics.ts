// Watched sources on /metrics, read from the store at scrape time: per feed, its consecutive failures and
// its last success and next poll; and the inbox by status. A feed is labelled by id (names can change).
import { Gauge, type Registry } from 'prom-client';
import type { Store } from '../store/open-store.js';

export function registerSourceMetrics(registry: Registry, store: Store): void {
  const perSource = (name: string, help: string, value: (s: { failures: number; lastSuccessAt: Date | null; nextPollAt: Date }) => number | null) =>
    new Gauge({
      name,
      help,
      labelNames: ['source', 'status'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        try {
          const rows = await store.db.source.findMany({ select: { id: true, status: true, failures: true, lastSuccessAt: true, nextPollAt: true } });
          for (const row of rows) {
            const v = value(row);
            if (v !== null) this.set({ source: String(row.id), status: row.status }, v);
          }
        } catch {
          // docket_store_up says why this is empty.
        }
      },
    });
  perSource('docket_source_failures', 'Polls of a watched feed that failed in a row (0 = the last poll worked).', (s) => s.failures);
  perSource('docket_source_last_success_timestamp_seconds', 'When a watched feed was last polled successfully (Unix seconds); absent = never.', (s) => (s.lastSuccessAt ? s.lastSuccessAt.getTime() / 1000 : null));
  perSource('docket_source_next_poll_timestamp_seconds', 'When a watched feed is polled next (Unix seconds).', (s) => s.nextPollAt.getTime() / 1000);
  new Gauge({
    name: 'docket_inbox_candidates',
    help: 'Candidates found in watched feeds, by status (new = waiting for review).',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const rows = await store.db.inboxItem.groupBy({ by: ['status'], _count: { _all: true } });
        for (const row of rows) this.set({ status: row.status }, row._count._all);
      } catch {
        // docket_store_up says why this is empty.
      }
    },
  });
}
