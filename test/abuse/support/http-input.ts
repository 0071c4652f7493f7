// Hostile HTTP requests for the web app: any route it serves, with path parameters, query strings,
// headers and bodies drawn from odd-input.ts, plus the few valid values (a slug, an id, a token, the
// admin token, a CSRF pair) that let a request get past the first check and reach the next one.
import fc from 'fast-check';
import type { AppRoute } from './app-routes.js';
import { fillRoute } from './app-routes.js';
import { oddDate, oddEmail, oddNumber, oddText, oddZone } from './odd-input.js';

export interface Known {
  slugs: string[];
  ids: string[];
  tokens: string[];
  adminToken: string;
  csrf: { token: string; cookie: string };
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  remoteAddress: string;
}

/** Percent-encodes like a client would; text a URL cannot carry (lone surrogates) goes in raw. */
export function encodeLoosely(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

const brokenEscapes = ['%', '%E0%A4%A', '%00', '%2e%2e%2f%2e%2e%2f', '%FF%FE', '..', '%2F', `${'%41'.repeat(900)}`];

function pathValue(name: string, known: Known): fc.Arbitrary<string> {
  const plain = (values: string[]) => fc.constantFrom(...values.map(encodeLoosely));
  const odd = fc.oneof(oddText.map(encodeLoosely), fc.constantFrom(...brokenEscapes));
  if (name === 'slug') return fc.oneof(plain(known.slugs), plain(['nope', 'UPPER', 'a'.repeat(65)]), odd);
  if (name === 'id') return fc.oneof(plain(known.ids), oddNumber.map(encodeLoosely), odd);
  if (name === 'token') return fc.oneof(plain(known.tokens), odd);
  if (name === 'name') return fc.oneof(plain(['app.js', 'app.css', '../package.json', 'app.js.map']), odd);
  return odd;
}

const queryKeys = ['status', 'issue', 'dueBefore', 'dueAfter', 'zone', 'limit', 'dueBefor', '__proto__', 'constructor', 'issue[]', ''];

const queryValue = fc.oneof(oddText, oddDate, oddZone, oddNumber, fc.constantFrom('open', 'closed', 'all', 'resolved', 'met', 'failed'));

const query = fc
  .array(fc.tuple(fc.constantFrom(...queryKeys), queryValue), { maxLength: 4 })
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${encodeLoosely(k)}=${encodeLoosely(v)}`).join('&')}`));

/** Every field any JSON body or form of the app reads, with values of every JSON type. */
const bodyFields: Record<string, fc.Arbitrary<unknown>> = {
  slug: fc.oneof(fc.constantFrom('fresh-issue', 'jk'), oddText),
  title: oddText,
  summary: oddText,
  parties: fc.array(oddText, { maxLength: 3 }),
  tags: fc.array(oddText, { maxLength: 3 }),
  sources: fc.oneof(fc.array(fc.constantFrom('https://example.org/a', 'javascript:alert(1)', 'http://'), { maxLength: 2 }), oddText),
  offsets: fc.oneof(fc.constantFrom('7d,1d,0d', 'none', '3 months', '999999999d'), fc.array(oddText, { maxLength: 2 })),
  issue: fc.oneof(fc.constantFrom('jk', 'nope'), oddText),
  due: oddDate,
  announced: oddDate,
  zone: oddZone,
  demandedBy: oddText,
  demandedOf: oddText,
  note: oddText,
  text: oddText,
  status: fc.oneof(fc.constantFrom('met', 'missed', 'withdrawn', 'pending'), oddText),
  email: oddEmail,
  delivery: fc.oneof(fc.constantFrom('immediate', 'daily'), oddText),
  scope: fc.oneof(fc.constantFrom('issue', 'deadline:1', 'deadline:99999999999999999999', 'deadline:-1'), oddText),
  action: fc.oneof(fc.constantFrom('save', 'unsubscribe-all'), oddText),
  remove: oddNumber,
  unknownField: oddText,
};

const anyJsonType = fc.oneof(fc.constant(null), fc.integer(), fc.double(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }));

const fields = fc
  .subarray(Object.keys(bodyFields), { maxLength: 6 })
  .chain((keys) => fc.tuple(...keys.map((key) => fc.tuple(fc.constant(key), fc.oneof({ weight: 5, arbitrary: bodyFields[key]! }, { weight: 1, arbitrary: anyJsonType })))))
  .map((pairs) => Object.fromEntries(pairs) as Record<string, unknown>);

type Body = { type?: string; payload?: string };

function bodies(known: Known): fc.Arbitrary<Body> {
  const form = (extra: Record<string, unknown>, csrf: boolean) =>
    new URLSearchParams(Object.entries({ ...(csrf ? { _csrf: known.csrf.token } : {}), ...extra }).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();
  return fc.oneof(
    fc.constant<Body>({}),
    fields.map((f) => ({ type: 'application/json', payload: JSON.stringify(f) })),
    fc.tuple(fields, fc.boolean()).map(([f, csrf]) => ({ type: 'application/x-www-form-urlencoded', payload: form(f, csrf) })),
    fc.jsonValue({ maxDepth: 3 }).map((v) => ({ type: 'application/json', payload: JSON.stringify(v) ?? 'null' })),
    // Malformed on purpose: cut-off JSON, a wrong charset, over the body limit, repeated fields, bad multipart.
    fc.constantFrom<[string, string]>(
      ['application/json', '{"slug": "a", '],
      ['application/json', ''],
      ['application/json; charset=utf-16', '{}'],
      ['application/json', JSON.stringify({ title: 'x'.repeat(70 * 1024) })],
      ['application/x-www-form-urlencoded', 'email=a&email=b&_csrf=x&_csrf=y'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--'],
      ['multipart/form-data', 'garbage'],
      ['text/plain', 'List-Unsubscribe=One-Click'],
      ['application/xml', '<a/>'],
      ['', 'x'],
    ).map(([type, payload]): Body => ({ type, payload })),
    oddText.map((payload) => ({ type: 'application/json', payload })),
  );
}

function headers(known: Known): fc.Arbitrary<Record<string, string>> {
  const authorization = fc.constantFrom(`Bearer ${known.adminToken}`, `bearer   ${known.adminToken}  `, `Bearer ${known.adminToken}x`, 'Bearer', 'Basic YTpi', `Bearer ${'x'.repeat(5000)}`, '');
  const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
  return fc
    .record({
      authorization: optional(fc.oneof({ weight: 3, arbitrary: authorization }, { weight: 1, arbitrary: oddText })),
      cookie: optional(fc.constantFrom(known.csrf.cookie, 'docket_csrf=forged', 'docket_csrf=', `${known.csrf.cookie}; docket_csrf=second`)),
      'if-none-match': optional(fc.constantFrom('*', '"x"', 'W/"x"', '"'.repeat(100))),
      'accept-encoding': optional(fc.constantFrom('gzip', 'br', 'gzip;q=0', '*', 'identity;q=0')),
      accept: optional(fc.constantFrom('application/json', 'text/html', '*/*', '')),
      'x-forwarded-for': optional(fc.constantFrom('1.2.3.4', 'not-an-ip', '::1, 10.0.0.1', '')),
      range: optional(fc.constantFrom('bytes=0-1', 'bytes=99999-', 'bytes=x')),
    })
    .map((record) => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined).map(([k, v]) => [k, stripUnsendable(v!)])));
}

/** Header values travel as Latin-1 without line breaks; anything else a client could not send at all. */
function stripUnsendable(value: string): string {
  return value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
}

export function fuzzRequest(routes: AppRoute[], known: Known): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...routes).chain((route) => {
    const names = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
    return fc
      .record({
        method: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...route.methods) }, { weight: 1, arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS') }),
        params: fc.tuple(...names.map((name) => pathValue(name, known))),
        query,
        headers: headers(known),
        body: bodies(known),
        ip: fc.ipV4(),
      })
      .map(({ method, params, query: q, headers: h, body, ip }) => {
        const values = new Map(names.map((name, i) => [name, params[i]!]));
        const withBody = method !== 'GET' && method !== 'HEAD' && body.payload !== undefined;
        return {
          method,
          url: fillRoute(route.url, (name) => values.get(name)!) + q,
          headers: { ...h, ...(withBody && body.type ? { 'content-type': body.type } : {}) },
          ...(withBody ? { payload: body.payload } : {}),
          remoteAddress: ip,
        };
      });
  });
}
