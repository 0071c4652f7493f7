// The better-sqlite3 driver adapter, made safe for a file that the CLI and a running service share
// (prisma/orm#29933 and the two-process test in test/engine/two-process-writes.test.ts):
// 1. Transactions begin IMMEDIATE. A deferred BEGIN that reads and then writes after another process
//    has committed gets SQLITE_BUSY at once — the busy timeout never applies to that upgrade. IMMEDIATE
//    takes the write lock up front, where the busy timeout does wait.
// 2. While a transaction is open, statements outside it wait. The adapter runs everything on one
//    connection, so a plain write issued meanwhile would otherwise join the open transaction and be
//    undone if it rolled back.
import type { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3['connect']>>;
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>;

export function sharedFileAdapter(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => guard(await factory.connect()),
    connectToShadowDb: () => factory.connectToShadowDb(),
  } as PrismaBetterSQLite3;
}

function guard(adapter: Adapter): Adapter {
  const client = (adapter as unknown as { client?: { prepare(sql: string): unknown } }).client;
  if (!client || typeof client.prepare !== 'function') {
    throw new Error('@prisma/adapter-better-sqlite3 changed shape: cannot make its transactions IMMEDIATE (see src/store/sqlite-shared-file.ts)');
  }
  const prepare = client.prepare.bind(client);
  client.prepare = (sql: string) => prepare(sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql);

  // Transactions begun or beginning; statements outside them wait until there are none.
  let active = 0;
  let waiting: Array<() => void> = [];
  const ended = () => {
    active -= 1;
    if (active === 0) {
      const wake = waiting;
      waiting = [];
      for (const resolve of wake) resolve();
    }
  };
  const idle = async () => {
    while (active > 0) await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const outside =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await idle();
      return run(...args);
    };

  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property === 'queryRaw') return outside(target.queryRaw.bind(target));
      if (property === 'executeRaw') return outside(target.executeRaw.bind(target));
      if (property === 'executeScript') return outside(target.executeScript.bind(target));
      if (property === 'startTransaction') {
        return async (...args: Parameters<Adapter['startTransaction']>): Promise<Transaction> => {
          active += 1;
          let transaction: Transaction;
          try {
            transaction = await target.startTransaction(...args);
          } catch (error) {
            ended();
            throw error;
          }
          let done = false;
          const finish = <T>(result: Promise<T>) =>
            result.finally(() => {
              if (!done) {
                done = true;
                ended();
              }
            });
          return new Proxy(transaction, {
            get(tx, name, txReceiver) {
              if (name === 'commit') return () => finish(tx.commit());
              if (name === 'rollback') return () => finish(tx.rollback());
              const value = Reflect.get(tx, name, txReceiver) as unknown;
              return typeof value === 'function' ? value.bind(tx) : value;
            },
          });
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
