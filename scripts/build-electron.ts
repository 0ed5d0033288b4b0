/**
 * Bundles the Electron shell: main, preload (sandboxed preloads must be one
 * CommonJS file) and the core worker, into dist/electron. better-sqlite3 is
 * a native module and stays external.
 */
import { build, type BuildOptions } from 'esbuild';

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
  // The bundle is CommonJS: give modules written for ESM their import.meta.url.
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
  // core-host's import.meta.resolve serves only the .ts worker of development.
  logOverride: { 'empty-import-meta': 'silent' },
};

await build({
  ...common,
  entryPoints: {
    main: 'electron/main.ts',
    preload: 'electron/preload.ts',
    worker: 'electron/core/worker.ts',
  },
  outdir: 'dist/electron',
  outExtension: { '.js': '.cjs' },
});
console.log('Built dist/electron (main.cjs, preload.cjs, worker.cjs)');
