// The channel delivery rules as pure functions: the Standard Webhooks retry schedule with its jitter,
// Retry-After (seconds or a date, capped at a day), 20 failures in a row disabling, 410 at once, and
// signatures that the spec's own package accepts.
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { judgeAnswer } from '../../src/channels/judge-answer.js';
import { channelMaxAttempts, channelRetryDelayMs, retryAfterMs } from '../../src/channels/retry-schedule.js';
import { liveSecrets, newWebhookSecret, signatureHeader } from '../../src/channels/signing.js';
import { maxPayloadBytes, webhookMessage } from '../../src/channels/webhook-payload.js';

const now = new Date('2026-03-29T00:30:00Z');
const judge = (status: number | null, attempt = 1, failuresInRow = 1, retryAfter?: string) =>
  judgeAnswer({ answer: { status, ...(retryAfter ? { retryAfter } : {}), ...(status === null ? { error: 'ECONNREFUSED' } : {}) }, attempt, failuresInRow, now, random: () => 0.5 });

describe('channel retry schedule', () => {
  it('5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h after attempts 1–9; none after the 10th', () => {
    const minutes = Array.from({ length: 9 }, (_, i) => channelRetryDelayMs(i + 1, () => 0.5)! / 60_000);
    expect(minutes).toEqual([5 / 60, 5, 30, 120, 300, 600, 840, 1200, 1440]);
    expect(channelMaxAttempts).toBe(10);
    expect(channelRetryDelayMs(10)).toBeNull();
  });
  it('jitter stays within ±10 %', () => {
    expect(channelRetryDelayMs(2, () => 0)).toBe(270_000);
    expect(channelRetryDelayMs(2, () => 1)).toBe(330_000);
  });
  it('Retry-After in seconds or as an HTTP date; capped at a day; unreadable ignored', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(new Date(now.getTime() + 90_000).toUTCString(), now)).toBe(90_000);
    expect(retryAfterMs('999999', now)).toBe(86_400_000);
    expect(retryAfterMs('soon', now)).toBeNull();
  });
});

describe('judging an answer', () => {
  it('2xx delivers; 3xx, 4xx, 5xx and no answer retry on the schedule', () => {
    for (const status of [200, 201, 204, 299]) expect(judge(status)).toEqual({ outcome: 'sent' });
    for (const status of [301, 400, 404, 500, 502, null]) expect(judge(status)).toMatchObject({ outcome: 'retry', inMs: 5_000 });
  });
  it('Retry-After counts on 429 and 503 only', () => {
    expect(judge(429, 1, 1, '60')).toMatchObject({ outcome: 'retry', inMs: 60_000 });
    expect(judge(503, 3, 3, '60')).toMatchObject({ outcome: 'retry', inMs: 60_000 });
    expect(judge(500, 1, 1, '60')).toMatchObject({ outcome: 'retry', inMs: 5_000 });
  });
  it('410 disables at once; the 20th failure in a row disables; the 10th attempt of one alert fails it', () => {
    expect(judge(410)).toMatchObject({ outcome: 'failed', disable: expect.stringContaining('410') });
    expect(judge(500, 2, 19)).toMatchObject({ outcome: 'retry' });
    expect(judge(500, 2, 20)).toMatchObject({ outcome: 'failed', disable: expect.stringContaining('20 failed attempts in a row') });
    expect(judge(500, 10, 10)).toEqual({ outcome: 'failed', detail: 'HTTP 500; no attempt left' });
  });
});

describe('signing', () => {
  it('whsec_ secrets of 32 bytes; signatures the standardwebhooks package verifies, with either secret during a rotation', () => {
    const old = newWebhookSecret();
    const fresh = newWebhookSecret();
    expect(Buffer.from(fresh.slice(6), 'base64')).toHaveLength(32);
    const timestamp = Math.floor(Date.now() / 1000);
    const body = '{"type":"channel.test"}';
    const secrets = liveSecrets({ secret: fresh, previousSecret: old, previousSecretUntil: new Date(now.getTime() + 1) }, now);
    expect(secrets).toEqual([fresh, old]);
    const headers = { 'webhook-id': 'r:1:2:0:due', 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader(secrets, 'r:1:2:0:due', timestamp, body) };
    for (const secret of [fresh, old]) expect(new Webhook(secret).verify(body, headers)).toEqual({ type: 'channel.test' });
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    // Once the overlap has passed only the new secret signs.
    expect(liveSecrets({ secret: fresh, previousSecret: old, previousSecretUntil: now }, now)).toEqual([fresh]);
  });
});

describe('payload size', () => {
  it('a message stays within 20 kB even for the longest issue, deadline and note Docket stores', () => {
    const long = (n: number) => 'x'.repeat(n);
    const at = new Date('2020-05-12T09:38:00Z');
    const issue = { id: 1, slug: 'jk', title: long(1000), summary: long(10_000), partiesJson: '[]', tagsJson: '[]', sourcesJson: JSON.stringify(Array.from({ length: 100 }, () => `https://example.org/${long(1980)}`)), status: 'open', offsetsJson: null, createdAt: at, updatedAt: at };
    const deadline = { id: 2, issueId: 1, issue, title: long(1000), demandedBy: long(500), demandedOf: long(500), announcedAt: at, dueAt: at, zone: 'Asia/Seoul', precision: 'day', expression: long(500), sourcesJson: issue.sourcesJson, status: 'pending', resolutionNote: null, offsetsJson: null, revision: 0, plannedAt: null, nextReminderAt: null, remindedAt: null, remindedRevision: null, importKey: null, createdAt: at, updatedAt: at };
    const view = { alertKey: 'e:1:9', issue: { slug: 'jk', title: issue.title, summary: issue.summary, parties: [], sources: [] }, subscriber: { id: 1, email: '', zone: 'UTC' }, content: { kind: 'event' as const, event: 'issue.note' as const, deadline: null, at, note: long(10_000) } };
    const message = webhookMessage(view, { issue, deadline }, at, { baseUrl: 'http://docket.test' });
    expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThanOrEqual(maxPayloadBytes);
    expect(maxPayloadBytes).toBe(20_000);
    expect(message).toMatchObject({ type: 'issue.note', data: { note: expect.stringMatching(/^x+…$/) } });
  });
});
