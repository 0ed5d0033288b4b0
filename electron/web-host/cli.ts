/**
 * `npm run web` (and `npm start` where Electron cannot run): serve the app on
 * 127.0.0.1 with the core in a worker thread.
 *   --data DIR   where the database lives (default ./data)
 *   --port N     port (default 5180; 0 picks a free one)
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CoreHost } from '../core/core-host';
import { startWebHost } from './server';

const { values } = parseArgs({
  options: { data: { type: 'string', default: 'data' }, port: { type: 'string', default: '5180' } },
});

const core = await CoreHost.start({ dataDir: values.data });
const host = await startWebHost({
  call: (request) => core.call(request),
  staticDir: fileURLToPath(new URL('../../dist/renderer', import.meta.url)),
  port: Number(values.port),
});
console.log(`Practice Desk is running at ${host.url} (data in ${values.data}). Press Ctrl+C to stop.`);

const stop = async () => {
  await host.close();
  await core.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
