// The fault suite's SMTP server, in a process of its own so the test can stop it, stall it or make it
// answer with errors while `docket serve` runs. Unlike bench/support/sink-process.ts (counts only), it
// records every message: Message-ID, recipient, subject (the alert's identity as a reader sees it) and
// every attempt that reached DATA, with the reply given. The parent drives it over IPC (smtp-control.ts).
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** What to answer for a message to a matching recipient, for its first `times` attempts. */
export interface FaultRule {
  /** Regular expression (source) tested against the envelope recipient. */
  recipient: string;
  reply: 421 | 451 | 550 | 'stall';
  times: number;
}

export interface Received {
  messageId: string;
  to: string;
  subject: string;
  at: number;
}

export interface Attempt {
  messageId: string;
  to: string;
  reply: 'accepted' | 421 | 451 | 550 | 'stall';
  at: number;
}

export interface SmtpReport {
  received: Received[];
  attempts: Attempt[];
}

export type SmtpRequest =
  | { id: number; type: 'rules'; rules: FaultRule[] }
  | { id: number; type: 'refuse' }
  | { id: number; type: 'listen' }
  | { id: number; type: 'report' }
  | { id: number; type: 'count' }
  | { id: number; type: 'close' };

export type SmtpReply = { type: 'ready'; port: number } | { type: 'done'; id: number; value: unknown };

const replies = {
  421: '4.4.2 Service shutting down, try again later',
  451: '4.3.0 Local problem, try again later',
  550: '5.1.1 Mailbox unavailable',
} as const;

/** Header value from the message head, unfolded; '' when absent. */
function header(head: string, name: string): string {
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return match ? match[1]!.replace(/\r?\n[ \t]+/g, ' ').trim() : '';
}

async function main(): Promise<void> {
  let rules: Array<FaultRule & { pattern: RegExp }> = [];
  const report: SmtpReport = { received: [], attempts: [] };
  const tries = new Map<string, number>();
  const sockets = new Set<Socket>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    closeTimeout: 100,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((rcpt) => rcpt.address).join(',');
      let head = '';
      let decision: { messageId: string; rule: FaultRule | undefined } | null = null;
      const decide = () => {
        const messageId = header(head, 'message-id');
        const attempt = (tries.get(messageId) ?? 0) + 1;
        tries.set(messageId, attempt);
        return { messageId, rule: rules.find((r) => r.pattern.test(to) && attempt <= r.times) };
      };
      stream.on('data', (chunk: Buffer) => {
        if (decision) return;
        head += chunk.toString('latin1');
        if (!/\r?\n\r?\n/.test(head) && head.length < 65_536) return;
        decision = decide();
        if (decision.rule?.reply === 'stall') {
          // Mid-DATA: stop reading and never answer. The client's socket timeout has to fire.
          report.attempts.push({ messageId: decision.messageId, to, reply: 'stall', at: Date.now() });
          stream.pause();
        }
      });
      stream.on('end', () => {
        decision ??= decide();
        const { messageId, rule } = decision;
        if (rule?.reply === 'stall') return;
        if (rule) {
          report.attempts.push({ messageId, to, reply: rule.reply, at: Date.now() });
          return callback(Object.assign(new Error(replies[rule.reply]), { responseCode: rule.reply }));
        }
        report.attempts.push({ messageId, to, reply: 'accepted', at: Date.now() });
        report.received.push({ messageId, to, subject: header(head, 'subject'), at: Date.now() });
        callback();
      });
    },
  });
  // A killed client resets its connections; that is the point of the suite, not an error of the server.
  server.on('error', () => undefined);
  server.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.server.listen(port, '127.0.0.1', () => {
        server.server.off('error', reject);
        port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  // Refusing connections: the port is closed (the client gets ECONNREFUSED) and open ones are cut.
  const refuse = () =>
    new Promise<void>((resolve) => {
      server.server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });

  await listen();
  const send = (reply: SmtpReply) => process.send!(reply);
  process.on('message', async (request: SmtpRequest) => {
    let value: unknown = null;
    switch (request.type) {
      case 'rules':
        rules = request.rules.map((rule) => ({ ...rule, pattern: new RegExp(rule.recipient) }));
        break;
      case 'refuse':
        await refuse();
        break;
      case 'listen':
        await listen();
        break;
      case 'report':
        value = report;
        break;
      case 'count':
        value = report.received.length;
        break;
      case 'close':
        await refuse();
        send({ type: 'done', id: request.id, value });
        process.exit(0);
    }
    send({ type: 'done', id: request.id, value });
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port });
}

if (process.send) await main();
