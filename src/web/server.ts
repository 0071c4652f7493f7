// Listening and stopping. Stopping is graceful: new connections are refused, requests in flight finish
// (Fastify answers 503 to requests that arrive while closing), idle keep-alive sockets are closed; after
// `graceMs` whatever is left is cut so shutdown cannot hang on a slow client.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

export interface RunningServer {
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startWebServer(app: FastifyInstance, options: { port: number; host: string; graceMs?: number }): Promise<RunningServer> {
  // Fastify logs "Server listening at …" once per address; the caller logs one line with the URL and
  // BASE_URL instead, so Fastify's logger is quiet for the moment it listens.
  const level = app.log.level;
  app.log.level = 'warn';
  try {
    await app.listen({ port: options.port, host: options.host });
  } finally {
    app.log.level = level;
  }
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () => (closing ??= closeGracefully(app, options.graceMs ?? 10_000)),
  };
}

export async function closeGracefully(app: FastifyInstance, graceMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      app.log.warn({ graceMs }, 'requests still open at shutdown; closing their connections');
      app.server.closeAllConnections();
      resolve();
    }, graceMs);
    timer.unref();
  });
  try {
    await Promise.race([app.close(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
