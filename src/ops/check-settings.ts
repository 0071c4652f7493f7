// Doctor's checks of settings that only go wrong in production: the link-signing secret (generated per
// data folder unless DOCKET_SECRET is set, which breaks links across several instances) and BASE_URL
// (every link in every email starts with it).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/load-config.js';
import { providerOf } from '../store/open-store.js';
import { fail, ok, warn, type CheckResult } from './doctor-check.js';

export function checkSecret(config: Config): CheckResult {
  if (config.web.secret) return ok('secret', 'DOCKET_SECRET is set');
  const file = path.join(config.dataDir, 'secret');
  const shared = providerOf(config.databaseUrl) === 'postgres';
  const sharedFix = 'with several instances each would sign links with its own generated secret, and a link from one would be refused by another: set DOCKET_SECRET (32+ random characters, e.g. `openssl rand -base64 32`) to the same value on every instance';
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return fail('secret', `${file} cannot be read (${(error as NodeJS.ErrnoException).code})`, 'let the user running Docket read the data folder, or set DOCKET_SECRET');
    if (shared) return warn('secret', `DOCKET_SECRET is not set and no secret has been generated in ${file} yet`, sharedFix);
    return warn('secret', `no secret yet: one is generated in ${file} on first start`, 'nothing to do for one instance; keep the data folder (or set DOCKET_SECRET), since a new secret invalidates every link already emailed');
  }
  if (text.length < 32) return fail('secret', `${file} holds ${text.length} characters, fewer than the 32 Docket generates`, `delete ${file} to have a new one generated (links already emailed stop working), or set DOCKET_SECRET`);
  if (shared) return warn('secret', `DOCKET_SECRET is not set; using the secret generated in ${file}`, sharedFix);
  return ok('secret', `generated secret in ${file}`);
}

const localHosts = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0|.*\.localhost)$/i;

export function checkBaseUrl(config: Config): CheckResult {
  const url = new URL(config.web.baseUrl);
  if (localHosts.test(url.hostname)) {
    return warn('base-url', `BASE_URL is ${config.web.baseUrl}: links in emails (unsubscribe, manage, issue pages) will not work for recipients`, 'set BASE_URL to the public address people reach Docket at, e.g. https://docket.example.org');
  }
  if (url.protocol === 'http:') {
    return warn('base-url', `BASE_URL is ${config.web.baseUrl}: links carry signed tokens over plain HTTP`, 'serve Docket behind TLS and set BASE_URL to its https:// address');
  }
  return ok('base-url', `links in emails point to ${config.web.baseUrl}`);
}
