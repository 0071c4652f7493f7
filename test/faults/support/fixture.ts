// What every scenario starts from and cleans up after: the faulty SMTP server (its own process), a fresh
// database (test/support/test-stores.ts), a store client for checking, and the services it started.
import type { Provider, Store } from '../../../src/store/open-store.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-stores.js';
import { ReplayClock, Service } from './service.js';
import { startFaultySmtp, type FaultySmtp } from './smtp-control.js';

export interface Fixture {
  smtp: FaultySmtp;
  database: TestDatabase;
  store: Store;
  /** A `docket serve` on this database and SMTP server (not started); killed at the end whatever happens. */
  service(env?: Record<string, string>, clock?: ReplayClock): Service;
}

export async function withFixture<T>(provider: Provider, body: (fixture: Fixture) => Promise<T>): Promise<T> {
  const smtp = await startFaultySmtp();
  const database = await createTestDatabase(provider);
  const store = await database.open();
  const services: Service[] = [];
  try {
    return await body({
      smtp,
      database,
      store,
      service(env, clock) {
        const service = new Service({ databaseUrl: database.url, smtpUrl: smtp.url, env, clock });
        services.push(service);
        return service;
      },
    });
  } finally {
    for (const service of services) await service.kill();
    await store.close();
    await database.drop();
    await smtp.close();
  }
}
