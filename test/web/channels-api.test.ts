// The channels admin API on both stores: add (secret in the 201 only), list, test against a loopback
// receiver (signed, verified with standardwebhooks), bad input as 400 naming the field, remove; and
// the webhook messages the engine sends match the JSON Schemas the OpenAPI document publishes.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../support/http-receiver.js';
import { describeStores } from '../support/test-stores.js';
import { adminToken, testApp, type TestApp } from './support/web-app.js';

describeStores('channels API', (ctx) => {
  let t: TestApp;
  let receiver: Receiver;
  beforeAll(async () => {
    t = await testApp(ctx.store);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await t.app.close();
    await receiver.close();
  });
  const auth = { authorization: `Bearer ${adminToken}` };

  it('add, list, test, remove; the secret only in the 201; bad input is a 400 naming the field', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/channels' })).statusCode).toBe(401);
    const bad = await t.app.inject({ method: 'POST', url: '/api/channels', headers: auth, payload: { name: 'desk', kind: 'webhook', url: 'ftp://example.org/x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'validation', field: 'url' });
    expect(bad.json().message).toMatch(/^url "ftp:\/\/example.org\/x" /);

    const added = await t.app.inject({ method: 'POST', url: '/api/channels', headers: auth, payload: { name: 'desk', kind: 'webhook', url: receiver.url, zone: 'Europe/Brussels', events: ['deadline.reminder'] } });
    expect(added.statusCode).toBe(201);
    const { secret } = added.json() as { secret: string };
    expect(secret).toMatch(/^whsec_/);
    const listed = await t.app.inject({ method: 'GET', url: '/api/channels', headers: auth });
    expect(listed.body).not.toContain(secret);
    expect(listed.body).not.toContain('secret-token');
    expect(listed.json()).toMatchObject([{ name: 'desk', kind: 'webhook', zone: 'Europe/Brussels', events: ['deadline.reminder'], enabled: true }]);

    const tested = await t.app.inject({ method: 'POST', url: '/api/channels/desk/test', headers: auth });
    expect(tested.json()).toMatchObject({ ok: true, status: 200 });
    const request = receiver.received.at(-1)!;
    const message = new Webhook(secret).verify(request.body, request.headers as Record<string, string>);

    // What was sent matches the published schema of its type.
    const doc = (await t.app.inject('/api/openapi.json')).json() as { webhooks: Record<string, { post: { requestBody: { content: { 'application/json': { schema: object } } } } }>; components: object };
    expect(Object.keys(doc.webhooks).sort()).toEqual(['channel.test', 'deadline.created', 'deadline.extended', 'deadline.overdue', 'deadline.reminder', 'deadline.resolved', 'issue.note']);
    const ajv = new Ajv2020({ strict: false });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    ajv.addSchema({ $id: 'doc', components: doc.components });
    const schema = JSON.parse(JSON.stringify(doc.webhooks['channel.test']!.post.requestBody.content['application/json'].schema).replaceAll('"#/components', '"doc#/components'));
    expect(ajv.validate(schema, message), JSON.stringify(ajv.errors)).toBe(true);
    expect(ajv.validate(schema, { type: 'channel.test', timestamp: 'yesterday', data: {} })).toBe(false);

    expect((await t.app.inject({ method: 'DELETE', url: '/api/channels/desk', headers: auth })).json()).toMatchObject({ name: 'desk', removed: true });
    expect((await t.app.inject({ method: 'DELETE', url: '/api/channels/desk', headers: auth })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/channels', headers: auth })).json()).toEqual([]);
  });
});
