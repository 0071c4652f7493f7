// A real SMTP server in the test process (smtp-server) that parses what it receives (mailparser) and
// can be told to misbehave: answer 421/451 (transient), 550 (permanent), or stall mid-DATA.
import type { AddressInfo } from 'node:net';
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
  close(): Promise<void>;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
}

export async function startSmtpSink(options: { parse?: boolean } = {}): Promise<SmtpSink> {
  const parse = options.parse ?? true;
  const sink: SmtpSink = {
    url: '',
    port: 0,
    messages: [],
    mode: 'accept',
    refused: 0,
    close: async () => undefined,
    waitFor: async () => undefined,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  sink.port = port;
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  sink.waitFor = async (count, timeoutMs = 10_000) => {
    const until = Date.now() + timeoutMs;
    while (sink.messages.length < count) {
      if (Date.now() > until) throw new Error(`expected ${count} messages, got ${sink.messages.length}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return sink;
}
