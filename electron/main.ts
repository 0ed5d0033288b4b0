/**
 * Electron main process: a thin shell. It starts the core in a worker thread
 * (database work never blocks a window), binds the API channel, and opens a
 * locked-down window: context isolation, sandbox, no Node in the page,
 * navigation and new windows refused.
 */
import { app, BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CoreHost } from './core/core-host';
import { bindApi } from './ipc';

const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(join(__dirname, '..', 'renderer')).href;
let core: CoreHost | null = null;

function openWindow(): void {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: 'Practice Desk',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(rendererUrl)) event.preventDefault();
  });
  void window.loadFile(rendererIndex);
}

app.enableSandbox();
const gotLock = app.requestSingleInstanceLock();
if (!gotLock) app.quit();

app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());

app.whenReady().then(async () => {
  core = await CoreHost.start({ dataDir: join(app.getPath('userData'), 'data'), workerPath: join(__dirname, 'worker.cjs') });
  bindApi((request) => core!.call(request), rendererUrl);
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}).catch((error: unknown) => {
  console.error('Practice Desk could not start:', error);
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', (event) => {
  if (!core) return;
  event.preventDefault();
  const closing = core;
  core = null;
  void closing.stop().finally(() => app.quit());
});
