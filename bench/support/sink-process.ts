// A loopback SMTP sink in its own process, for benchmarks. It accepts everything and keeps only counts
// (messages, bytes, distinct Message-IDs), never the messages: a 100,000-message run must not fill
// memory, and the sink's CPU and memory must not be charged to the process being measured.
// The parent talks to it over IPC: see remote-sink.ts.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SinkStats {
  messages: number;
  bytes: number;
  /** Distinct Message-ID headers seen since the last reset; fewer than `messages` means duplicates. */
  distinctIds: number;
}

export type SinkRequest = { type: 'stats'; id: number } | { type: 'reset'; id: number } | { type: 'close'; id: number };
export type SinkReply = { type: 'ready'; port: number } | { type: 'done'; id: number; stats: SinkStats };

function messageIdOf(head: string): string | null {
  return /^message-id:\s*(<[^>\r\n]+>)/im.exec(head)?.[1] ?? null;
}

async function main(): Promise<void> {
  let stats: SinkStats = { messages: 0, bytes: 0, distinctIds: 0 };
  let ids = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, _session, callback) {
      let bytes = 0;
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString('latin1', 0, Math.min(chunk.length, 8192));
        bytes += chunk.length;
      });
      stream.on('end', () => {
        const id = messageIdOf(head);
        if (id !== null) ids.add(id);
        stats = { messages: stats.messages + 1, bytes: stats.bytes + bytes, distinctIds: ids.size };
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const send = (reply: SinkReply) => process.send!(reply);
  process.on('message', (request: SinkRequest) => {
    if (request.type === 'reset') {
      stats = { messages: 0, bytes: 0, distinctIds: 0 };
      ids = new Set();
    }
    send({ type: 'done', id: request.id, stats });
    if (request.type === 'close') server.close(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port: (server.server.address() as AddressInfo).port });
}

if (process.send) await main();
