// `docket channel test` and POST /api/channels/{name}/test: one `channel.test` message sent at once, not
// through the alert rows (nothing is owed, and the person wants the answer now). Not counted against the
// channel's health.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../store/open-store.js';
import { requireChannel } from './manage-channels.js';
import { channelBody, channelForLog, postToChannel, testChat, type SendOptions } from './send-to-channel.js';
import { testMessage } from './webhook-payload.js';

export interface TestResult {
  channel: string;
  ok: boolean;
  status: number | null;
  detail: string;
  webhookId: string;
}

export async function testChannel(db: Tx, name: string, options: SendOptions): Promise<TestResult> {
  const channel = await requireChannel(db, name);
  const webhookId = `test_${randomUUID()}`;
  const body = channelBody(channel, () => testMessage(channel.name, options.now), () => testChat(channel, options));
  const answer = await postToChannel(channel, webhookId, body, options);
  const ok = answer.status !== null && answer.status >= 200 && answer.status < 300;
  const detail = answer.status === null ? (answer.error ?? 'no answer') : `HTTP ${answer.status}`;
  return { channel: channel.name, ok, status: answer.status, detail: `${detail} from ${channelForLog(channel.url)}`, webhookId };
}
