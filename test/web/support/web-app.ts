// Builds the real web app on a test store, with a clock the test moves and CSRF-aware form helpers.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../../src/config/load-config.js';
import type { Clock } from '../../../src/clock.js';
import type { Store } from '../../../src/store/open-store.js';
import { createDeadline } from '../../../src/usecases/create-deadline.js';
import { createIssue } from '../../../src/usecases/create-issue.js';
import { buildApp, type AppDeps } from '../../../src/web/app.js';
import { testSecret } from '../../support/engine-harness.js';

export const adminToken = 'test-admin-token-0123456789abcdef';
export const baseUrl = 'http://docket.test';

/** 18:38 in Seoul on the day South Korea made its demand. */
export const announcedAt = new Date('2020-05-12T09:38:00.000Z');

export class TestClock implements Clock {
  constructor(public at: Date = announcedAt) {}
  now(): Date {
    return new Date(this.at.getTime());
  }
  set(iso: string | Date): void {
    this.at = new Date(iso);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

export function webConfig(store: Store, env: Record<string, string> = {}): Config {
  return loadConfig({
    env: { DATABASE_URL: store.url, DOCKET_SECRET: testSecret, BASE_URL: baseUrl, DOCKET_ADMIN_TOKEN: adminToken, DOCKET_DEFAULT_ZONE: 'UTC', ...env },
  });
}

export interface TestApp {
  app: FastifyInstance;
  clock: TestClock;
  config: Config;
  wakes: { count: number };
}

export async function testApp(store: Store, options: { env?: Record<string, string>; clock?: TestClock; deps?: Partial<AppDeps> } = {}): Promise<TestApp> {
  const clock = options.clock ?? new TestClock();
  const config = webConfig(store, options.env);
  const wakes = { count: 0 };
  const app = await buildApp({
    store,
    clock,
    config,
    secret: testSecret,
    wakeScheduler: () => void (wakes.count += 1),
    ...options.deps,
    // Tests change rows directly and look at once: no freshness window.
    options: { freshnessMs: 0, ...options.deps?.options },
  });
  await app.ready();
  return { app, clock, config, wakes };
}

let serial = 0;

/** The canonical case through the real use cases: the issue and its "end of this month" deadline. */
export async function seedCanonical(store: Store, overrides: { slug?: string; title?: string; deadlineTitle?: string } = {}) {
  const ctx = { db: store.db, now: announcedAt, actor: 'test' };
  const slug = overrides.slug ?? `japan-korea-${process.pid}-${++serial}`;
  const issue = await createIssue(ctx, {
    slug,
    title: overrides.title ?? 'Japan–South Korea export controls',
    summary: 'Japan tightened export controls on three semiconductor materials to South Korea in July 2019.',
    parties: ['Japan', 'South Korea'],
    sources: ['https://example.org/news/2020-05-12'],
  });
  const deadline = await createDeadline(
    ctx,
    {
      issue: slug,
      title: overrides.deadlineTitle ?? "Japan's position on withdrawing the export controls",
      due: 'by the end of this month',
      zone: 'Asia/Seoul',
      demandedBy: 'South Korea',
      demandedOf: 'Japan',
      sources: ['https://example.org/news/2020-05-12'],
    },
    { defaultZone: 'UTC' },
  );
  return { issue, deadline, slug };
}

/** A form page's CSRF token (hidden `_csrf` field) and the cookie that goes with it. */
export interface FormSession {
  token: string;
  cookie: string;
}

export function csrfFrom(response: LightMyRequestResponse, previous?: FormSession): FormSession {
  const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
  if (!token) throw new Error(`no _csrf field in ${response.statusCode} page:\n${response.body.slice(0, 500)}`);
  const set = response.cookies.find((c) => c.name === 'docket_csrf');
  const cookie = set ? `docket_csrf=${set.value}` : previous?.cookie;
  if (!cookie) throw new Error('no docket_csrf cookie set');
  return { token, cookie };
}

export async function openForm(app: FastifyInstance, url: string, session?: FormSession): Promise<{ response: LightMyRequestResponse; session: FormSession }> {
  const response = await app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });
  return { response, session: csrfFrom(response, session) };
}

/** A list value is sent as one field per item, as a browser sends ticked check boxes of one name. */
export function postForm(app: FastifyInstance, url: string, fields: Record<string, string | string[]>, session?: FormSession, headers: Record<string, string> = {}, remoteAddress?: string) {
  const pairs = Object.entries({ ...(session ? { _csrf: session.token } : {}), ...fields }).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => [name, v] as [string, string]));
  const body = new URLSearchParams(pairs).toString();
  return app.inject({
    method: 'POST',
    url,
    payload: body,
    ...(remoteAddress ? { remoteAddress } : {}),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(session ? { cookie: session.cookie } : {}), ...headers },
  });
}

/** The text content of the element with this id (tags stripped; assumes no nested element of the same tag). */
export function textOf(html: string, id: string): string | null {
  const match = new RegExp(`<(\\w+)[^>]*\\sid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return match ? match[2]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim() : null;
}
