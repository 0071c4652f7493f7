// A loopback port nobody listens on right now, for a server whose address must be known before it
// starts (an app's BASE_URL, a PostgreSQL's port). Another process could take it in between; callers
// that can, retry.
import { createServer, type AddressInfo } from 'node:net';

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
