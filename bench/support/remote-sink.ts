// Starts sink-process.ts as a child process and talks to it: the URL to send to, counts, reset, close.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SinkReply, SinkRequest, SinkStats } from './sink-process.js';

export interface RemoteSink {
  url: string;
  stats(): Promise<SinkStats>;
  reset(): Promise<void>;
  /** Resolves once `count` messages have arrived since the last reset (the sender's ack can race the count). */
  waitFor(count: number, timeoutMs?: number): Promise<SinkStats>;
  close(): Promise<void>;
}

export async function startRemoteSink(): Promise<RemoteSink> {
  // The child inherits this process's execArgv, so it runs under tsx too.
  const child = fork(fileURLToPath(new URL('./sink-process.ts', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`SMTP sink process exited early (code ${code})`)));
    child.once('message', (reply: SinkReply) => (reply.type === 'ready' ? resolve(reply.port) : reject(new Error('unexpected sink reply'))));
  });
  child.removeAllListeners('exit');
  let next = 0;
  const waiting = new Map<number, (stats: SinkStats) => void>();
  child.on('message', (reply: SinkReply) => {
    if (reply.type !== 'done') return;
    waiting.get(reply.id)?.(reply.stats);
    waiting.delete(reply.id);
  });
  const ask = (type: SinkRequest['type']) =>
    new Promise<SinkStats>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      child.send({ type, id } satisfies SinkRequest);
    });
  const sink: RemoteSink = {
    url: `smtp://127.0.0.1:${port}`,
    stats: () => ask('stats'),
    reset: async () => void (await ask('reset')),
    async waitFor(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const stats = await ask('stats');
        if (stats.messages >= count) return stats;
        if (Date.now() > until) throw new Error(`sink: expected ${count} messages, got ${stats.messages}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask('close');
      await exited;
    },
  };
  return sink;
}
