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

export interface BrowserAppOptions {
  /**
   * Start the core's clock and the page's clock at this instant (ms since the
   * epoch); both then run on in real time. Real time when absent.
   */
  clockStartMs?: number;
}

/**
 * Runs in the page before its scripts: `Date` starts at `startMs` and runs on
 * in real time. (Playwright's own clock replaces `Date` with a fake whose
 * subclasses lose their methods, which breaks @date-fns/tz's TZDate.) A
 * proxy keeps `class X extends Date` and `instanceof Date` working.
 */
function shiftClock(startMs: number): void {
  const RealDate = Date;
  const offset = startMs - RealDate.now();
  const now = () => RealDate.now() + offset;
  const shifted: DateConstructor = new Proxy(RealDate, {
    construct(target, args: unknown[], newTarget: unknown): object {
      const prototypeOf = newTarget === shifted ? target : (newTarget as DateConstructor);
      return Reflect.construct(target, args.length > 0 ? args : [now()], prototypeOf) as object;
    },
    apply() {
      return new RealDate(now()).toString();
    },
    get(target, property, receiver) {
      return property === 'now' ? now : (Reflect.get(target, property, receiver) as unknown);
    },
  });
  globalThis.Date = shifted;
}

export async function openBrowserApp(options: BrowserAppOptions = {}): Promise<BrowserApp> {
  ensureRendererBuilt();
  const data = tempDir('practice-desk-e2e-');
  const profile = tempDir('practice-desk-chromium-');
  const core = await CoreHost.start({ dataDir: data.path, clockStartMs: options.clockStartMs });
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
  if (options.clockStartMs !== undefined) await browser.addInitScript(shiftClock, options.clockStartMs);
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
