// Where email goes: SMTP (pooled, with timeouts so a stalled server cannot hang a tick), an outbox folder
// of .eml files when no SMTP_URL is set (so a fresh install shows real messages), or a log-only JSON
// transport for dry runs. SMTP and outbox messages are DKIM-signed when mail.dkim is configured.
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type { Config } from '../config/load-config.js';
import { AppError } from '../errors.js';
import { makePrivateDir, writePrivateFile } from '../private-files.js';
import type { RenderedEmail } from './email-parts.js';
import { literalHeaderText } from './header-text.js';

export interface OutgoingMessage {
  from: string;
  to: string;
  email: RenderedEmail;
}

export interface SendResult {
  /** The server's reply (SMTP) or where the message went (outbox file). */
  response: string;
}

export interface Mailer {
  kind: 'smtp' | 'outbox' | 'json';
  describe: string;
  send(message: OutgoingMessage): Promise<SendResult>;
  /** EHLO/handshake only, no message sent. */
  verify(): Promise<void>;
  close(): void;
}

/** The nodemailer message for a rendered email (also used by tests and benchmarks to build the same bytes). */
export function mailOptions({ from, to, email }: OutgoingMessage) {
  return {
    from,
    to,
    subject: literalHeaderText(email.subject),
    text: email.text,
    html: email.html,
    headers: email.headers,
    messageId: email.messageId,
    attachments: email.attachments,
    // An address in user-supplied text must never become a recipient: the envelope is exactly `to`.
    envelope: { from: envelopeAddress(from), to },
  };
}

function envelopeAddress(from: string): string {
  const match = /<([^>]+)>/.exec(from);
  return (match ? match[1]! : from).trim();
}

type TransportOptions = Parameters<typeof import('nodemailer').createTransport>[0];

/**
 * nodemailer (about 290 KB of source) is loaded with the first message or check, not when the mailer is
 * made: a tick with nothing due, the most common one, never needs it. SMTP connects on the first send
 * either way.
 */
function lazyTransport(options: TransportOptions): { get(): Promise<Transporter>; close(): void } {
  let transport: Promise<Transporter> | undefined;
  return {
    get: () => (transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(options))),
    close: () => void transport?.then((made) => made.close(), () => undefined),
  };
}

export function createMailer(mail: Config['mail'], log?: (entry: { to: string; subject: string; messageId: string }) => void): Mailer {
  switch (mail.transport) {
    case 'log':
      return jsonMailer((message) => log?.({ to: message.to, subject: message.email.subject, messageId: message.email.messageId }));
    case 'outbox':
      return outboxMailer(mail.outboxDir, mail.dkim);
    case 'smtp':
      if (!mail.smtpUrl) throw new AppError('validation', 'DOCKET_MAIL_TRANSPORT is smtp but SMTP_URL is not set', { field: 'SMTP_URL' });
      return smtpMailer(mail);
    default:
      return mail.smtpUrl ? smtpMailer(mail) : outboxMailer(mail.outboxDir, mail.dkim);
  }
}

export function smtpMailer(mail: Config['mail']): Mailer {
  const url = mail.smtpUrl!;
  const transport = lazyTransport({
    url,
    pool: mail.pool,
    maxConnections: mail.maxConnections,
    connectionTimeout: mail.connectionTimeoutMs,
    greetingTimeout: mail.greetingTimeoutMs,
    socketTimeout: mail.socketTimeoutMs,
    ...dkimOption(mail.dkim),
  } as TransportOptions);
  return {
    kind: 'smtp',
    describe: url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@'),
    async send(message) {
      const info = await (await transport.get()).sendMail(mailOptions(message));
      return { response: String((info as { response?: string }).response ?? 'accepted') };
    },
    async verify() {
      await (await transport.get()).verify();
    },
    close: () => transport.close(),
  };
}

/**
 * Headers the DKIM signature covers: those of RFC 6376 §5.4 that Docket's emails carry, plus
 * List-Unsubscribe-Post (missing from nodemailer's default list), because RFC 8058 §4 honours one-click
 * unsubscribe only when both List-Unsubscribe headers are signed.
 */
const signedHeaders = [
  'From', 'Sender', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'To', 'Cc', 'MIME-Version', 'Content-Type',
  'Content-Transfer-Encoding', 'In-Reply-To', 'References', 'List-Id', 'List-Unsubscribe', 'List-Unsubscribe-Post', 'Auto-Submitted',
].join(':');

/** nodemailer signs at the Mailer level, so the same option works for every transport. */
function dkimOption(dkim: Config['mail']['dkim']) {
  return dkim ? { dkim: { domainName: dkim.domainName, keySelector: dkim.keySelector, privateKey: dkim.privateKey, headerFieldNames: signedHeaders } } : {};
}

export function outboxMailer(dir: string, dkim: Config['mail']['dkim'] = null): Mailer {
  const transport = lazyTransport({ streamTransport: true, buffer: true, newline: 'unix', ...dkimOption(dkim) } as TransportOptions);
  return {
    kind: 'outbox',
    describe: `outbox folder ${dir}`,
    async send(message) {
      const info = await (await transport.get()).sendMail(mailOptions(message));
      makePrivateDir(dir);
      // Named by Message-ID, so a re-send after a crash overwrites the same file instead of adding one.
      const name = `${message.email.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._-]/g, '_')}.eml`;
      const file = path.join(dir, name);
      writePrivateFile(file, info.message as Buffer);
      return { response: `written to ${file}` };
    },
    async verify() {
      makePrivateDir(dir);
    },
    close: () => undefined,
  };
}

/** For --dry-run: renders and builds the message, keeps it in memory, sends nothing. */
export function jsonMailer(onMessage: (message: OutgoingMessage) => void = () => undefined): Mailer {
  const transport = lazyTransport({ jsonTransport: true } as TransportOptions);
  return {
    kind: 'json',
    describe: 'dry run (nothing sent)',
    async send(message) {
      await (await transport.get()).sendMail(mailOptions(message));
      onMessage(message);
      return { response: 'dry run' };
    },
    async verify() {},
    close: () => undefined,
  };
}

/** 5xx replies are permanent (the server will never take this message); everything else may pass. */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: number })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function failureText(error: unknown): string {
  const e = error as { response?: string; code?: string; message?: string; responseCode?: number };
  return (e?.response ?? [e?.code, e?.message].filter(Boolean).join(': ')) || String(error);
}
