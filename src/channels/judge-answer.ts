// What an HTTP answer means for a channel alert, as a pure function (Standard Webhooks' rules): only 2xx
// delivers; 410 Gone disables the channel at once; 429 and 503 retry no sooner than Retry-After asks;
// everything else (3xx included: redirects are not followed) retries on the schedule until attempts run out.
import { channelFailureLimit, channelRetryDelayMs, retryAfterMs } from './retry-schedule.js';
import type { PostResult } from './post-json.js';

export type Verdict =
  | { outcome: 'sent' }
  | { outcome: 'retry'; inMs: number; detail: string }
  | { outcome: 'failed'; detail: string; disable?: string };

export interface AnswerInput {
  answer: PostResult;
  /** This attempt's number (1 = the first). */
  attempt: number;
  /** The channel's failed attempts in a row, this one included. */
  failuresInRow: number;
  now: Date;
  random?: () => number;
}

export function judgeAnswer(input: AnswerInput): Verdict {
  const { answer } = input;
  if (answer.status !== null && answer.status >= 200 && answer.status < 300) return { outcome: 'sent' };
  const detail = answer.status === null ? (answer.error ?? 'no answer') : `HTTP ${answer.status}${answer.status >= 300 && answer.status < 400 ? ' (redirects are not followed)' : ''}`;
  if (answer.status === 410) return { outcome: 'failed', detail, disable: 'the receiver answered 410 Gone' };
  if (input.failuresInRow >= channelFailureLimit) return { outcome: 'failed', detail, disable: `${channelFailureLimit} failed attempts in a row (last: ${detail})` };
  const scheduled = channelRetryDelayMs(input.attempt, input.random);
  if (scheduled === null) return { outcome: 'failed', detail: `${detail}; no attempt left` };
  const asked = answer.status === 429 || answer.status === 503 ? retryAfterMs(answer.retryAfter, input.now) : null;
  return { outcome: 'retry', inMs: asked ?? scheduled, detail: asked === null ? detail : `${detail}, Retry-After ${answer.retryAfter}` };
}
