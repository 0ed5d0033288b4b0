/**
 * The app as a user meets it in tests: the core in its worker thread, the web
 * host on 127.0.0.1, and Debian's Chromium driven by playwright-core.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CoreHost } from '../../electron/core/core-host';
import { startWebHost, type WebHost } from '../../electron/web-host/server';
import { tempDir } from './temp-dir';

export interface BrowserApp {
  page: Page;
  host: WebHost;
  close(): Promise<void>;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function ensureRendererBuilt(): void {
  if (existsSync('dist/renderer/index.html')) return;
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('vite build failed');
}

export async function openBrowserApp(): Promise<BrowserApp> {
  ensureRendererBuilt();
  const data = tempDir('practice-desk-e2e-');
  const profile = tempDir('practice-desk-chromium-');
  const core = await CoreHost.start({ dataDir: data.path });
  const host = await startWebHost({ call: (r) => core.call(r), staticDir: 'dist/renderer', port: 0 });
  // A fresh profile per run.
  const browser: BrowserContext = await chromium.launchPersistentContext(profile.path, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1360, height: 860 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(host.url);
  return {
    page,
    host,
    async close() {
      await browser.close();
      await host.close();
      await core.stop();
      data.remove();
      profile.remove();
      if (problems.length > 0) throw new Error(`The page threw: ${problems.join('; ')}`);
    },
  };
}
