// DKIM signing configured through DOCKET_DKIM_*: a key pair made here, messages sent through a real SMTP
// server (and written to the outbox), and each signature checked by mailauth against a resolver that
// serves this key's public half as the TXT record receivers would look up. A resolver serving another
// key must make the same check fail, or the test would prove nothing.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createMailer } from '../../src/mail/transport.js';
import type { DoctorReport } from '../../src/ops/run-doctor.js';
import { ensureBuilt, jsonOf, runCli } from '../support/run-cli.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { describeStores } from '../support/test-stores.js';

beforeAll(() => ensureBuilt(), 180_000);

const dir = mkdtempSync(path.join(os.tmpdir(), 'docket-dkim-'));
const domain = 'docket.example.org';
const selector = 'mail2026';

function keyFile(name: string, pem: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, pem, { mode: 0o600 });
  return file;
}

function rsaPair(bits = 2048): { privatePem: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey };
}

const signing = rsaPair();
const other = rsaPair();
const privateKeyFile = keyFile('dkim.pem', signing.privatePem);
const dkimEnv = { DOCKET_DKIM_DOMAIN: domain, DOCKET_DKIM_SELECTOR: selector, DOCKET_DKIM_PRIVATE_KEY_FILE: privateKeyFile, MAIL_FROM: `Docket <alerts@${domain}>` };

function txtRecord(publicKey: KeyObject): string {
  return `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
}

/** The DNS as a receiver sees it: this one TXT record and nothing else. */
function resolverFor(publicKey: KeyObject) {
  return async (name: string, rrtype: string) => {
    if (rrtype === 'TXT' && name === `${selector}._domainkey.${domain}`) return [[txtRecord(publicKey)]];
    throw Object.assign(new Error(`no ${rrtype} record for ${name}`), { code: 'ENOTFOUND' });
  };
}

async function verdict(raw: Buffer, publicKey: KeyObject) {
  const result = await dkimVerify(raw, { resolver: resolverFor(publicKey) });
  expect(result.results).toHaveLength(1);
  return result.results[0]!;
}

/** Loading this environment fails with a validation error for `field` whose message matches. */
function expectRefused(env: Record<string, string>, field: string, message: RegExp): void {
  expect(() => loadConfig({ env, cwd: dir })).toThrow(expect.objectContaining({ name: 'AppError', code: 'validation', exitCode: 2, field, message: expect.stringMatching(message) }));
}

describe('DKIM configuration', () => {
  it('reads the key once at start and hands nodemailer domain, selector and key', () => {
    const config = loadConfig({ env: { ...dkimEnv, DOCKET_DKIM_PRIVATE_KEY_FILE: 'dkim.pem' }, cwd: dir });
    expect(config.mail.dkim).toEqual({ domainName: domain, keySelector: selector, privateKey: signing.privatePem, privateKeyFile });
    expect(loadConfig({ env: {}, cwd: dir }).mail.dkim).toBeNull();
  });

  it.each([
    ['a missing file', { DOCKET_DKIM_PRIVATE_KEY_FILE: path.join(dir, 'absent.pem') }, /^DOCKET_DKIM_PRIVATE_KEY_FILE ".*absent\.pem" cannot be read \(ENOENT\)$/],
    ['a folder', { DOCKET_DKIM_PRIVATE_KEY_FILE: dir }, /^DOCKET_DKIM_PRIVATE_KEY_FILE ".*" cannot be read \(EISDIR\)$/],
    ['a public key', { DOCKET_DKIM_PRIVATE_KEY_FILE: keyFile('public.pem', signing.publicKey.export({ type: 'spki', format: 'pem' }).toString()) }, /public\.pem" is not a PEM private key/],
    ['a broken PEM block', { DOCKET_DKIM_PRIVATE_KEY_FILE: keyFile('broken.pem', '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n') }, /broken\.pem" holds a PEM block that is not a usable private key/],
    ['an Ed25519 key', { DOCKET_DKIM_PRIVATE_KEY_FILE: keyFile('ed.pem', generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()) }, /ed\.pem" holds a ed25519 key; DKIM signing here needs an RSA key/],
    ['a 512-bit key', { DOCKET_DKIM_PRIVATE_KEY_FILE: keyFile('short.pem', rsaPair(512).privatePem) }, /short\.pem" holds a 512-bit RSA key/],
  ])('refuses %s, naming DOCKET_DKIM_PRIVATE_KEY_FILE', (_, env, message) => {
    expectRefused({ ...dkimEnv, ...env }, 'DOCKET_DKIM_PRIVATE_KEY_FILE', message);
  });

  it('refuses half a setup and a malformed domain or selector, naming the variable', () => {
    expectRefused({ DOCKET_DKIM_DOMAIN: domain }, 'DOCKET_DKIM_SELECTOR', /^DOCKET_DKIM_SELECTOR=null: is required when any DOCKET_DKIM_\* variable is set/);
    expectRefused({ ...dkimEnv, DOCKET_DKIM_DOMAIN: 'not a domain' }, 'DOCKET_DKIM_DOMAIN', /^DOCKET_DKIM_DOMAIN="not a domain": must be a domain name, e\.g\. example\.org/);
    expectRefused({ ...dkimEnv, DOCKET_DKIM_SELECTOR: 'sel/1' }, 'DOCKET_DKIM_SELECTOR', /^DOCKET_DKIM_SELECTOR="sel\/1": must be a DNS label/);
  });

  it('signs what the outbox transport writes', async () => {
    const outboxDir = path.join(dir, 'outbox');
    const config = loadConfig({ env: { ...dkimEnv, DOCKET_MAIL_TRANSPORT: 'outbox', DOCKET_OUTBOX_DIR: outboxDir }, cwd: dir });
    const mailer = createMailer(config.mail);
    await mailer.send({
      from: config.mail.from,
      to: 'reader@example.com',
      email: { subject: 'Due today: a request', text: 'Due today.\n', html: '<p>Due today.</p>', headers: { 'Auto-Submitted': 'auto-generated' }, messageId: '<outbox-dkim@docket.example.org>', attachments: [] },
    });
    const [name] = readdirSync(outboxDir);
    const raw = readFileSync(path.join(outboxDir, name!));
    expect(await verdict(raw, signing.publicKey)).toMatchObject({ signingDomain: domain, selector, status: { result: 'pass' } });
    expect((await verdict(raw, other.publicKey)).status.result).toBe('fail');
  });
});

describeStores('DKIM-signed alerts through SMTP', (ctx) => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  const docket = (args: string[], env: Record<string, string> = dkimEnv) =>
    runCli(args, { databaseUrl: ctx.url, now: '2020-05-12T18:38:00+09:00', env: { SMTP_URL: sink.url, DOCKET_SECRET: 'dkim-test-secret-0123456789abcdef', BASE_URL: `https://${domain}`, ...env } });

  it('the new-deadline notice arrives signed for the configured domain and passes verification', async () => {
    expect((await docket(['issue', 'add', 'jk', '--title', 'Japan–South Korea export controls'])).code).toBe(0);
    expect((await docket(['subscriber', 'add', 'ny@example.com', '--zone', 'America/New_York'])).code).toBe(0);
    expect((await docket(['subscribe', 'ny@example.com', 'jk'])).code).toBe(0);
    expect((await docket(['deadline', 'add', '--issue', 'jk', '--title', "South Korea's request", '--due', 'end of this month', '--zone', 'Asia/Seoul'])).code).toBe(0);
    const tick = await docket(['tick', '--now', '2020-05-12T09:40:00Z', '--json']);
    expect(jsonOf<{ sent: number }>(tick).sent).toBe(1);
    const [message] = sink.messages;
    expect(message!.parsed.subject).toMatch(/^New deadline: South Korea's request/);
    // A real multipart message with the .ics attachment.
    const passed = await verdict(message!.raw, signing.publicKey);
    expect(passed).toMatchObject({ signingDomain: domain, selector, algo: 'rsa-sha256', status: { result: 'pass', aligned: domain } });
    // RFC 8058: one-click unsubscribe counts only when both of its headers are signed.
    const signed = passed.signingHeaders!.keys.toLowerCase().split(/\s*:\s*/);
    expect(signed).toEqual(expect.arrayContaining(['from', 'to', 'subject', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post']));
    expect((await verdict(message!.raw, other.publicKey)).status.result).toBe('fail');
  });

  it('doctor shows the TXT record to publish, and the same bad key stops every command with exit 2', async () => {
    const report = jsonOf<DoctorReport>(await docket(['doctor', '--json']));
    const dkim = report.checks.find((check) => check.name === 'dkim')!;
    expect(dkim).toMatchObject({ status: 'ok', detail: `signs as d=${domain} s=${selector} with ${privateKeyFile}` });
    expect(dkim.info).toEqual([`publish TXT ${selector}._domainkey.${domain} "${txtRecord(signing.publicKey)}"`]);
    const misaligned = jsonOf<DoctorReport>(await docket(['doctor', '--json'], { ...dkimEnv, MAIL_FROM: 'Docket <alerts@elsewhere.example>' }));
    expect(misaligned.checks.find((check) => check.name === 'dkim')).toMatchObject({ status: 'warn', fix: expect.stringMatching(/DMARC/) });

    const bad = await docket(['tick', '--now', '2020-05-12T09:45:00Z'], { ...dkimEnv, DOCKET_DKIM_PRIVATE_KEY_FILE: path.join(dir, 'absent.pem') });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`docket: DOCKET_DKIM_PRIVATE_KEY_FILE "${path.join(dir, 'absent.pem')}" cannot be read (ENOENT)\n`);
  });
});
