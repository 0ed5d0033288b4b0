/**
 * `npm start`: build, then launch the Electron app. Where no Electron binary
 * can run (it was not downloaded, or there is no display: CI, a headless box,
 * these build machines) say so and serve the same app with the web host on
 * 127.0.0.1 instead, printing the URL.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

function electronBinary(): { path: string } | { reason: string } {
  let path: string;
  try {
    path = createRequire(import.meta.url)('electron') as string;
  } catch (error) {
    return { reason: `the Electron binary is not installed (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
  if (!existsSync(path)) return { reason: `the Electron binary is missing at ${path}` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)' };
  }
  return { path };
}

const built = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const electron = electronBinary();
if ('path' in electron) {
  const child = spawn(electron.path, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Electron cannot run here: ${electron.reason}.`);
  console.log('Serving the same app with the web host instead.');
  const port = process.env.PORT ?? '5180';
  const host = spawn('npx', ['tsx', 'electron/web-host/cli.ts', '--port', port, ...process.argv.slice(2)], { stdio: 'inherit' });
  host.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => host.kill(signal));
}
