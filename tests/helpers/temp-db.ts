/** Database files for one test file: each call a fresh folder, all removed after every test. */
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { tempDir } from './temp-dir';

export function tempDbPaths(): () => string {
  const dirs: { remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
  return () => {
    const dir = tempDir();
    dirs.push(dir);
    return join(dir.path, 'test.sqlite');
  };
}
