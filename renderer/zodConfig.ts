/**
 * Imported first by main.tsx: zod's JIT probes `new Function`, which the
 * renderer's Content-Security-Policy forbids (and reports). Parse without it.
 */
import { config } from 'zod';

config({ jitless: true });
