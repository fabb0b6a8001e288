import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering rules must catch each forbidden import (docs/ARCHITECTURE.md §1). Lints snippets as if they lived in each folder.
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('layering lint', () => {
  it.each([
    ['renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
    ['renderer/src/x.ts', "import Docker from 'dockerode';\nexport const x = Docker;"],
    ['renderer/src/x.ts', "import { createCore } from '../../electron/core/app.ts';\nexport const x = createCore;"],
    ['shared/x.ts', "import { join } from 'node:path';\nexport const x = join;"],
    ['shared/x.ts', "import { App } from '../renderer/src/App.tsx';\nexport const x = App;"],
    ['electron/core/x.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['electron/core/x.ts', "import { startWebHost } from '../webhost/server.ts';\nexport const x = startWebHost;"],
    ['electron/webhost/x.ts', "import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;"],
    ['electron/cli/x.ts', "import { createWindow } from '../main/window.ts';\nexport const x = createWindow;"],
  ])('refuses %s: %s', async (file, code) => {
    expect(await violations(file, code)).not.toEqual([]);
  });

  it.each([
    ['electron/core/x.ts', "import type { App } from 'electron';\nexport type X = App;"],
    ['renderer/src/x.ts', "import { contract } from '../../shared/api/contract.ts';\nexport const x = contract;"],
    ['electron/main/x.ts', "import { app } from 'electron';\nexport const x = app;"],
  ])('allows %s: %s', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });
});
