/**
 * Builds the renderer (renderer/) into dist/renderer/. Electron loads the
 * result from file://, hence the relative base; the web host serves the same
 * folder. In `vite dev`, /api is proxied to a web host on 127.0.0.1:5199 and
 * the CSP meta is dropped (the React refresh preamble is an inline script).
 */
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const dropCspInDev: Plugin = {
  name: 'practice-desk:drop-csp-in-dev',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/i, ''),
};

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), dropCspInDev],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': 'http://127.0.0.1:5199' },
  },
});
