import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint config is what holds the layers apart (ARCHITECTURE §2); check it
// really refuses each forbidden import, and allows the legitimate ones.
const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer boundaries enforced by lint', () => {
  it('shared/ imports no Node, DOM framework or electron', async () => {
    expect(await importErrors('shared/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toHaveLength(1);
    expect(await importErrors('shared/probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
    expect(await importErrors('shared/probe.ts', "import React from 'react';\nexport const x = React;\n")).toHaveLength(1);
    expect(await importErrors('shared/probe.ts', "import { z } from 'zod';\nexport const x = z;\n")).toHaveLength(0);
  });

  it('renderer/ imports no Node and nothing from the main process', async () => {
    expect(await importErrors('renderer/probe.ts', "import { join } from 'node:path';\nexport const x = join;\n")).toHaveLength(1);
    expect(await importErrors('renderer/probe.ts', "import BetterSqlite3 from 'better-sqlite3';\nexport const x = BetterSqlite3;\n")).toHaveLength(1);
    expect(await importErrors('renderer/probe.ts', "import { openCore } from '../electron/core/core';\nexport const x = openCore;\n")).toHaveLength(1);
    expect(await importErrors('renderer/probe.ts', "import { t } from '../shared/i18n';\nexport const x = t;\n")).toHaveLength(0);
  });

  it('only the shell files import electron', async () => {
    const code = "import { app } from 'electron';\nexport const x = app;\n";
    expect(await importErrors('electron/services/probe.ts', code)).toHaveLength(1);
    expect(await importErrors('sync/probe.ts', code)).toHaveLength(1);
    expect(await importErrors('electron/main.ts', code)).toHaveLength(0);
    expect(await importErrors('electron/preload.ts', code)).toHaveLength(0);
  });
});
