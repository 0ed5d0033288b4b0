// Lint rules that hold the layers apart (ARCHITECTURE §2): shared/ is plain
// TypeScript any side can import; renderer/ never touches Node; only the
// Electron shell files import 'electron'.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'net', 'url', 'util', 'stream', 'events', 'better-sqlite3', 'kysely', 'pg', 'ws'];
const electronOnly = { name: 'electron', message: 'Only electron/main.ts, electron/preload.ts and electron/ipc.ts may import electron.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tmp/**', 'data/**', 'bench/results/**', 'tests/.artifacts/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [electronOnly] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnly, 'react', 'react-dom'],
        patterns: [{ group: nodeBuiltins, message: 'shared/ runs on both sides: no Node, DOM or electron imports.' }, { group: ['../electron/*', '../renderer/*', '../../electron/*', '../../renderer/*', '../sync/*', '../../sync/*'], message: 'shared/ imports nothing above it.' }],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: [electronOnly],
        patterns: [{ group: nodeBuiltins, message: 'The renderer is a web page: no Node imports. Call the API.' }, { group: ['../electron/*', '../../electron/*', '../sync/*', '../../sync/*', '../migrations/*'], message: 'The renderer talks to the core only through shared/api.' }],
      }],
    },
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
