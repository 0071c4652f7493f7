// A real SMTP server in the test process (smtp-server) that parses what it receives (mailparser) and
// can be told to misbehave: answer 421/451 (transient), 550 (permanent), or stall mid-DATA.
import type { AddressInfo, Socket } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SinkMode = 'accept' | 'transient' | 'permanent' | 'stall';

export interface ReceivedMessage {
  to: string[];
  raw: Buffer;
  parsed: ParsedMail;
  receivedAt: number;
}

export interface SmtpSink {
  url: string;
  port: number;
  messages: ReceivedMessage[];
  mode: SinkMode;
  /** Messages the server refused or stalled on (attempts that reached DATA). */
  refused: number;
  /** Stops listening; clients still connected get 421 after a short grace period. */
  close(): Promise<void>;
  /** Goes away at once, like a crashed server: listener closed, every open connection cut. */
  crash(): Promise<void>;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
}

/** `port`: listen on this port (to bring a "crashed" server back where clients expect it); default any free one. */
export async function startSmtpSink(options: { parse?: boolean; port?: number } = {}): Promise<SmtpSink> {
  const parse = options.parse ?? true;
  const sink: SmtpSink = {
    url: '',
    port: 0,
    messages: [],
    mode: 'accept',
    refused: 0,
    close: async () => undefined,
    crash: async () => undefined,
    waitFor: async () => undefined,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    // Pooled clients keep connections open; do not wait the default 30 s for them on close.
    closeTimeout: 200,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      const mode = sink.mode;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (mode === 'stall') {
          sink.refused += 1;
          return; // never answer: the client's socket timeout must fire
        }
        if (mode === 'transient') {
          sink.refused += 1;
          return callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
        }
        if (mode === 'permanent') {
          sink.refused += 1;
          return callback(Object.assign(new Error('5.1.1 Mailbox does not exist'), { responseCode: 550 }));
        }
        const raw = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        const store = (parsed: ParsedMail) => {
          sink.messages.push({ to, raw, parsed, receivedAt: Date.now() });
          callback();
        };
        if (parse) simpleParser(raw).then(store, callback);
        else store(undefined as unknown as ParsedMail);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.server.address() as AddressInfo).port;
  sink.port = port;
  sink.url = `smtp://127.0.0.1:${port}`;
  const sockets = new Set<Socket>();
  server.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  sink.crash = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  sink.waitFor = async (count, timeoutMs = 10_000) => {
    const until = Date.now() + timeoutMs;
    while (sink.messages.length < count) {
      if (Date.now() > until) throw new Error(`expected ${count} messages, got ${sink.messages.length}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return sink;
}
