// Starts smtp-process.ts as a child process and drives it: fault rules, refuse/listen, what it received.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FaultRule, SmtpReply, SmtpReport, SmtpRequest } from './smtp-process.js';
import { waitUntil } from './wait.js';

export interface FaultySmtp {
  url: string;
  setRules(rules: FaultRule[]): Promise<void>;
  /** Close the port (connections refused) and cut open connections. */
  refuse(): Promise<void>;
  /** Listen again on the same port. */
  listen(): Promise<void>;
  report(): Promise<SmtpReport>;
  count(): Promise<number>;
  /** Resolves once `count` messages have been accepted in all. */
  waitForCount(count: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

type Request = SmtpRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export async function startFaultySmtp(): Promise<FaultySmtp> {
  // The child inherits this process's execArgv, so it runs under tsx too.
  const child = fork(fileURLToPath(new URL('./smtp-process.ts', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`SMTP server process exited early (code ${code})`)));
    child.once('message', (reply: SmtpReply) => (reply.type === 'ready' ? resolve(reply.port) : reject(new Error('unexpected SMTP process reply'))));
  });
  child.removeAllListeners('exit');
  let next = 0;
  const waiting = new Map<number, (value: unknown) => void>();
  child.on('message', (reply: SmtpReply) => {
    if (reply.type !== 'done') return;
    waiting.get(reply.id)?.(reply.value);
    waiting.delete(reply.id);
  });
  const ask = <T>(request: Request) =>
    new Promise<T>((resolve) => {
      const id = next++;
      waiting.set(id, resolve as (value: unknown) => void);
      child.send({ ...request, id } as SmtpRequest);
    });
  const smtp: FaultySmtp = {
    url: `smtp://127.0.0.1:${port}`,
    setRules: (rules) => ask({ type: 'rules', rules }),
    refuse: () => ask({ type: 'refuse' }),
    listen: () => ask({ type: 'listen' }),
    report: () => ask<SmtpReport>({ type: 'report' }),
    count: () => ask<number>({ type: 'count' }),
    waitForCount: (count, timeoutMs) => waitUntil(async () => (await smtp.count()) >= count, timeoutMs, `${count} messages at the SMTP server`),
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask({ type: 'close' });
      await exited;
    },
  };
  return smtp;
}
