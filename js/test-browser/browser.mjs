// Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, with a fresh profile
// that is deleted on close, and the static server over the repository.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

export const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Starts the server and the browser. `open(path)` gives a new page at that path, failing the
 *  test on any uncaught error in the page or its workers; `close()` stops everything. */
export async function startBrowser() {
  const server = await startServer(repoDir);
  const profile = mkdtempSync(join(tmpdir(), 'quarry-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.QUARRY_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: { width: 1200, height: 900 },
  });
  const pages = [];
  return {
    server,
    context,
    async open(path) {
      const page = await context.newPage();
      page.errors = [];
      page.on('pageerror', (e) => page.errors.push(e));
      page.on('worker', (w) => w.on('console', () => {}));
      page.on('console', (m) => {
        if (m.type() === 'error') page.errors.push(new Error(`console: ${m.text()}`));
      });
      pages.push(page);
      await page.goto(server.url + path);
      return page;
    },
    async close() {
      await context.close().catch(() => {});
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
