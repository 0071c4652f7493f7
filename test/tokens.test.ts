import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.js';
import { issueUrl, manageUrl, signToken, unsubscribeUrl, verifyToken } from '../src/tokens.js';

const secret = 'test-secret-0123456789abcdef';
const now = new Date('2020-05-30T13:00:00Z');

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the token to be refused');
}

describe('signed tokens', () => {
  it('round-trips subscriber and scope, and is URL-safe', () => {
    const token = signToken(secret, { purpose: 'manage', subscriberId: 7, scope: 'issue:japan-south-korea-export-controls' });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyToken(secret, token, { purpose: 'manage', now })).toEqual({ subscriberId: 7, scope: 'issue:japan-south-korea-export-controls' });
  });

  it('omits scope when none was signed, and is deterministic', () => {
    const a = signToken(secret, { purpose: 'unsubscribe', subscriberId: 7 });
    expect(signToken(secret, { purpose: 'unsubscribe', subscriberId: 7 })).toBe(a);
    expect(verifyToken(secret, a, { purpose: 'unsubscribe', now })).toEqual({ subscriberId: 7 });
  });

  it('keeps unsubscribe tokens valid indefinitely', () => {
    const token = signToken(secret, { purpose: 'unsubscribe', subscriberId: 7 });
    expect(verifyToken(secret, token, { purpose: 'unsubscribe', now: new Date('2099-01-01T00:00:00Z') }).subscriberId).toBe(7);
  });

  it('accepts a confirm token until its expiry and refuses it from then on', () => {
    const token = signToken(secret, { purpose: 'confirm', subscriberId: 9, expiresAt: new Date('2020-05-31T13:00:00Z') });
    expect(verifyToken(secret, token, { purpose: 'confirm', now: new Date('2020-05-31T12:59:59Z') }).subscriberId).toBe(9);
    const error = refusal(() => verifyToken(secret, token, { purpose: 'confirm', now: new Date('2020-05-31T13:00:00Z') }));
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('this link has expired');
    expect(error).toMatchObject({ reason: 'expired' });
  });

  it('requires an expiry on confirm tokens', () => {
    expect(() => signToken(secret, { purpose: 'confirm', subscriberId: 9 })).toThrow(/expiresAt/);
  });

  it('refuses a tampered signature, including one that decodes to the same bytes', () => {
    const token = signToken(secret, { purpose: 'unsubscribe', subscriberId: 7 });
    const [body, sig] = token.split('.') as [string, string];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = sig.at(-1)!;
    // 43 base64 characters carry 258 bits for a 256-bit MAC: flipping the last character's lowest bit
    // leaves the decoded bytes unchanged, so only a text comparison catches it.
    const twin = `${sig.slice(0, -1)}${alphabet[alphabet.indexOf(last) ^ 1]}`;
    expect(Buffer.from(twin, 'base64url').equals(Buffer.from(sig, 'base64url'))).toBe(true);
    const flipped = `${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`;
    for (const forged of [`${body}.${twin}`, `${body}.${flipped}`]) {
      const error = refusal(() => verifyToken(secret, forged, { purpose: 'unsubscribe', now }));
      expect(error.code).toBe('forbidden');
      expect(error.message).toBe('this link is not valid');
      expect(error).toMatchObject({ reason: 'invalid' });
    }
  });

  it('refuses a body changed to another subscriber', () => {
    const token = signToken(secret, { purpose: 'unsubscribe', subscriberId: 7 });
    const sig = token.split('.')[1];
    const otherBody = Buffer.from(JSON.stringify({ p: 'unsubscribe', s: 8 })).toString('base64url');
    expect(refusal(() => verifyToken(secret, `${otherBody}.${sig}`, { purpose: 'unsubscribe', now })).message).toBe('this link is not valid');
  });

  it('refuses a token signed with another secret', () => {
    const token = signToken('another-secret', { purpose: 'unsubscribe', subscriberId: 7 });
    expect(refusal(() => verifyToken(secret, token, { purpose: 'unsubscribe', now })).code).toBe('forbidden');
  });

  it('refuses a valid token used for another purpose', () => {
    const manage = signToken(secret, { purpose: 'manage', subscriberId: 7 });
    const error = refusal(() => verifyToken(secret, manage, { purpose: 'unsubscribe', now }));
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('this link is not valid');
  });

  it.each(['', 'garbage', 'a.b.c', '.', 'abc.', '.abc', 'not base64!.x', 'x'.repeat(5000)])('refuses malformed token %j', (token) => {
    const error = refusal(() => verifyToken(secret, token, { purpose: 'unsubscribe', now }));
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('this link is not valid');
  });

  it('refuses a correctly signed body that is not a token', () => {
    // Proves the claims are checked after the signature: a signed "[]" is still refused.
    const body = Buffer.from('[]').toString('base64url');
    const sig = createHmac('sha256', secret).update(`docket-token.v1.${body}`).digest('base64url');
    expect(refusal(() => verifyToken(secret, `${body}.${sig}`, { purpose: 'unsubscribe', now })).message).toBe('this link is not valid');
  });

  it('builds the fixed URL formats', () => {
    const links = { baseUrl: 'http://localhost:8080/' };
    expect(unsubscribeUrl(links, 'abc.def')).toBe('http://localhost:8080/unsubscribe/abc.def');
    expect(manageUrl(links, 'abc.def')).toBe('http://localhost:8080/manage/abc.def');
    expect(issueUrl({ baseUrl: 'https://docket.example.org' }, 'japan-south-korea-export-controls')).toBe(
      'https://docket.example.org/issues/japan-south-korea-export-controls',
    );
  });
});
