// Real-browser support: the real app listening on a free loopback port, Debian's Chromium driven by
// playwright-core (nothing downloaded), a watcher for console errors, and screenshots at desktop and phone
// widths saved under test-artifacts/screenshots/ for a person to look at.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Store } from '../../../src/store/open-store.js';
import { buildApp } from '../../../src/web/app.js';
import { startWebServer, type RunningServer } from '../../../src/web/server.js';
import { chromiumPath } from '../../support/chromium-path.js';
import { testSecret } from '../../support/engine-harness.js';
import { TestClock, webConfig } from '../../web/support/web-app.js';
import { freePort } from '../../support/free-port.js';


const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** playwright's launch() gives every browser a fresh temporary profile and deletes it on close. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs }).catch((error: Error) => {
    throw new Error(`could not start Chromium at ${chromiumPath} (install Debian's "chromium" package or set CHROMIUM_PATH): ${error.message}`);
  });
}

export interface BrowserApp {
  /** e.g. http://127.0.0.1:40123: also the app's BASE_URL, so links in emails open in the browser. */
  url: string;
  clock: TestClock;
  close(): Promise<void>;
}


/** The real app (buildApp + startWebServer) on 127.0.0.1 with a clock the test sets. */
export async function startBrowserApp(store: Store, clock = new TestClock()): Promise<BrowserApp> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const config = webConfig(store, { BASE_URL: `http://127.0.0.1:${port}` });
    const app = await buildApp({ store, clock, config, secret: testSecret, options: { freshnessMs: 0 } });
    let server: RunningServer;
    try {
      server = await startWebServer(app, { port, host: '127.0.0.1', graceMs: 1000 });
    } catch (error) {
      await app.close();
      // Another process took the port between the probe and listen: try another.
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && attempt < 5) continue;
      throw error;
    }
    return { url: server.url, clock, close: () => server.close() };
  }
}

export interface ConsoleProblems {
  /** Console errors and warnings, uncaught page errors and failed requests, each with the page's path. */
  list: string[];
}

/** Collects everything a developer would see in red (or yellow) in the browser's console. */
export function watchConsole(context: BrowserContext): ConsoleProblems {
  const problems: ConsoleProblems = { list: [] };
  const where = (page: Page | null) => {
    try {
      return page ? new URL(page.url()).pathname : '?';
    } catch {
      return '?';
    }
  };
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      // "Failed to load resource" does not name the resource in its text; its location does.
      const source = message.location().url ? ` [${message.location().url}]` : '';
      problems.list.push(`${where(page)}: console ${message.type()}: ${message.text()}${source}`);
    });
    page.on('pageerror', (error) => problems.list.push(`${where(page)}: uncaught ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  context.on('requestfailed', (request) => problems.list.push(`${where(request.frame().page())}: request failed: ${request.url()} (${request.failure()?.errorText})`));
  return problems;
}

export const screenshotsDir = fileURLToPath(new URL('../../../test-artifacts/screenshots/', import.meta.url));

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };

/**
 * Saves `<prefix>-<name>-desktop.png` and `-phone.png` (full page) and reports whether anything is wider
 * than a phone screen (content cut off or a sideways scroll bar). Restores the desktop width after.
 */
export async function snapshot(page: Page, prefix: string, name: string): Promise<{ phoneOverflowPx: number }> {
  mkdirSync(screenshotsDir, { recursive: true });
  await page.setViewportSize(desktop);
  await page.screenshot({ path: path.join(screenshotsDir, `${prefix}-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(phone);
  await page.screenshot({ path: path.join(screenshotsDir, `${prefix}-${name}-phone.png`), fullPage: true });
  // A string, not a function: this project type-checks without the DOM library.
  const phoneOverflowPx = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
  await page.setViewportSize(desktop);
  return { phoneOverflowPx };
}
