// The snapshot cache: a fingerprint is re-read only after its freshness window (or after invalidate()),
// a value is built once per fingerprint even under concurrent requests, and failures are not cached.
import { describe, expect, it } from 'vitest';
import { FreshCache } from '../../src/web/fresh-cache.js';

describe('FreshCache', () => {
  it('re-reads a fingerprint only when the window has passed or something was invalidated', async () => {
    let now = 0;
    let reads = 0;
    let version = 'v1';
    const cache = new FreshCache({ freshnessMs: 1000, now: () => now });
    const read = async () => {
      reads += 1;
      return version;
    };
    expect(await cache.fingerprint('site', read)).toBe('v1');
    version = 'v2';
    now = 999;
    expect(await cache.fingerprint('site', read)).toBe('v1');
    expect(reads).toBe(1);
    now = 1000;
    expect(await cache.fingerprint('site', read)).toBe('v2');
    version = 'v3';
    cache.invalidate();
    expect(await cache.fingerprint('site', read)).toBe('v3');
    expect(reads).toBe(3);
  });

  it('builds a value once per fingerprint, sharing the build between concurrent callers', async () => {
    const cache = new FreshCache({ freshnessMs: 0 });
    let builds = 0;
    const build = async () => {
      builds += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { built: builds };
    };
    const [a, b, c] = await Promise.all([cache.value('k', 'f1', build), cache.value('k', 'f1', build), cache.value('k', 'f1', build)]);
    expect(builds).toBe(1);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(await cache.value('k', 'f2', build)).toEqual({ built: 2 });
  });

  it('does not keep a failed build or a failed fingerprint read', async () => {
    const cache = new FreshCache({ freshnessMs: 60_000 });
    await expect(cache.value('k', 'f', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await cache.value('k', 'f', () => 'ok')).toBe('ok');
    await expect(cache.fingerprint('s', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await cache.fingerprint('s', async () => 'fine')).toBe('fine');
  });

  it('stays bounded: the oldest entries go first', async () => {
    const cache = new FreshCache({ freshnessMs: 60_000, maxEntries: 3 });
    let reads = 0;
    const read = async () => String(++reads);
    for (const slug of ['a', 'b', 'c', 'd']) await cache.fingerprint(slug, read);
    expect(await cache.fingerprint('d', read)).toBe('4');
    expect(await cache.fingerprint('a', read)).toBe('5'); // evicted, read again
  });
});
