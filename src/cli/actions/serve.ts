// The long-running service. For now: open and migrate the store, then wait for a signal. The scheduler
// and the web server attach here.
import { loadConfig } from '../../config/load-config.js';
import { openMigratedStore, redactUrl } from '../../store/migrations.js';

export async function serve(): Promise<void> {
  const config = loadConfig();
  const { store, applied } = await openMigratedStore(config.databaseUrl);
  process.stdout.write(`docket: store ready at ${redactUrl(store.url)} (${store.provider}${applied.length ? `, applied ${applied.length} migration(s)` : ''})\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await store.close();
}
