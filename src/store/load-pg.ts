// Loads the PostgreSQL driver without Node 20 loading its whole fetch implementation. pg asks, as it
// loads, whether it runs in a Cloudflare Worker: with no global `navigator` (Node 21 added one) it then
// builds a `new Response(…)`, and touching `Response` makes Node 20 load undici — 50–55 ms of every
// command on PostgreSQL, spent to learn "no". A `navigator` saying what Node 21+ says answers first; it
// stands only while pg's modules evaluate.
import type pgModule from 'pg';

let loading: Promise<typeof pgModule> | undefined;

export function loadPg(): Promise<typeof pgModule> {
  loading ??= (async () => {
    const stood = 'navigator' in globalThis;
    if (!stood) Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node}` }, configurable: true });
    try {
      return (await import('pg')).default;
    } finally {
      if (!stood) delete (globalThis as { navigator?: unknown }).navigator;
    }
  })();
  return loading;
}
