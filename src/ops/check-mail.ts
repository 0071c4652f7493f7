// Doctor's mail checks. SMTP: connect and EHLO through the same transport options the service uses
// (nodemailer's verify(): TLS as in SMTP_URL, and AUTH when SMTP_URL carries credentials), no message
// sent. Outbox: the folder is writable. Log: nothing is sent at all. DKIM: what is signed and the DNS
// record receivers will look up.
import { createPublicKey } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config, DkimSigning } from '../config/load-config.js';
import { smtpMailer } from '../mail/transport.js';
import { fail, failFrom, ok, warn, type CheckResult } from './doctor-check.js';
import { withTimeout } from './with-timeout.js';

export async function checkMail(mail: Config['mail'], timeoutMs: number): Promise<CheckResult> {
  if (mail.transport === 'log') {
    return warn('mail', 'DOCKET_MAIL_TRANSPORT is log: messages are written to the log and nothing is sent', 'for real email set DOCKET_MAIL_TRANSPORT=auto (or smtp) and SMTP_URL');
  }
  if (mail.transport === 'smtp' && !mail.smtpUrl) {
    return fail('mail', 'DOCKET_MAIL_TRANSPORT is smtp but SMTP_URL is not set', 'set SMTP_URL, e.g. smtp://user:password@mail.example.org:587');
  }
  if (mail.smtpUrl && mail.transport !== 'outbox') return checkSmtp(mail, timeoutMs);
  return checkOutbox(mail);
}

async function checkSmtp(mail: Config['mail'], timeoutMs: number): Promise<CheckResult> {
  // The client's own timeouts are capped too, so a hung server does not keep this process alive.
  const cap = (ms: number) => Math.min(ms, timeoutMs);
  const mailer = smtpMailer({ ...mail, pool: false, connectionTimeoutMs: cap(mail.connectionTimeoutMs), greetingTimeoutMs: cap(mail.greetingTimeoutMs), socketTimeoutMs: cap(mail.socketTimeoutMs) });
  const hasCredentials = /\/\/[^/@]+@/.test(mail.smtpUrl!);
  try {
    await withTimeout(mailer.verify(), timeoutMs, `the SMTP server at ${mailer.describe}`);
    return ok('mail', `SMTP server at ${mailer.describe} answered EHLO${hasCredentials ? ' and accepted the credentials' : ''} (nothing sent)`);
  } catch (error) {
    const failed = failFrom('mail', error, smtpFix(error));
    return { ...failed, detail: `SMTP server at ${mailer.describe}: ${failed.detail}` };
  } finally {
    mailer.close();
  }
}

function smtpFix(error: unknown): string {
  // nodemailer reports socket errors as ESOCKET; the system's code is in the message.
  const { code, message } = error as { code?: string; message?: string };
  const systemCode = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET)\b/.exec(message ?? '')?.[1];
  switch (systemCode ?? code) {
    case 'ECONNREFUSED':
      return 'nothing accepts connections at that host and port: check SMTP_URL (587 for smtp://, 465 for smtps://) and that the mail server is running';
    case 'EDNS':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name in SMTP_URL does not resolve: check its spelling and this machine\'s DNS';
    case 'EAUTH':
    case 'ENOAUTH':
      return 'the server refused the user name or password in SMTP_URL (percent-encode special characters such as @ or / in the password)';
    case 'ETLS':
    case 'ESOCKET':
      return 'the TLS handshake failed: use smtps:// for port 465 and smtp:// (STARTTLS) for 587, and check the server\'s certificate';
    default:
      return 'check SMTP_URL\'s host and port, firewalls between this machine and the mail server, and the server\'s log';
  }
}

function checkOutbox(mail: Config['mail']): CheckResult {
  const probe = path.join(mail.outboxDir, `.doctor-${process.pid}`);
  try {
    mkdirSync(mail.outboxDir, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    return failFrom('mail', error, `make ${mail.outboxDir} a folder the user running Docket can write to, or set DOCKET_OUTBOX_DIR`);
  }
  const where = `messages are written as .eml files to ${mail.outboxDir} (writable)`;
  return mail.transport === 'outbox'
    ? ok('mail', where)
    : warn('mail', `SMTP_URL is not set: ${where} and no one receives email`, 'set SMTP_URL, e.g. smtp://user:password@mail.example.org:587');
}

export function checkDkim(mail: Config['mail']): CheckResult | null {
  if (mail.transport === 'log') return null;
  if (!mail.dkim) {
    const smtp = mail.smtpUrl !== null && mail.transport !== 'outbox';
    const detail = 'not configured: messages are not DKIM-signed by Docket';
    return smtp ? warn('dkim', `${detail}, and they go out by SMTP`, 'unless your SMTP relay signs them, set DOCKET_DKIM_DOMAIN, DOCKET_DKIM_SELECTOR and DOCKET_DKIM_PRIVATE_KEY_FILE (see docs/production.md); unsigned mail often fails DMARC') : ok('dkim', `${detail} (mail stays in the outbox)`);
  }
  const { domainName, keySelector } = mail.dkim;
  const record = dkimRecord(mail.dkim);
  const detail = `signs as d=${domainName} s=${keySelector} with ${mail.dkim.privateKeyFile}`;
  const info = [`publish TXT ${keySelector}._domainkey.${domainName} "${record}"`];
  const fromDomain = addressDomain(mail.from);
  if (fromDomain !== domainName && !fromDomain.endsWith(`.${domainName}`)) {
    return { ...warn('dkim', `${detail}, but MAIL_FROM is at ${fromDomain}`, `DMARC only counts a signature whose domain matches the From: address: set DOCKET_DKIM_DOMAIN=${fromDomain} or change MAIL_FROM`), info };
  }
  return ok('dkim', detail, info);
}

/** The TXT record receivers look up at <selector>._domainkey.<domain>. */
export function dkimRecord(dkim: Pick<DkimSigning, 'privateKey'>): string {
  const publicKey = createPublicKey(dkim.privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
  return `v=DKIM1; k=rsa; p=${publicKey}`;
}

function addressDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.slice(address.lastIndexOf('@') + 1).trim().toLowerCase();
}
