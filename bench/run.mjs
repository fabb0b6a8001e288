// `npm run bench -- NAME` runs bench/NAME.ts; with no name, lists the benchmarks.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./', import.meta.url));
const available = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => f.slice(0, -3));
const name = process.argv[2];
if (!name || !existsSync(`${dir}${name}.ts`)) {
  console.error(`usage: npm run bench -- NAME   (one of: ${available.join(', ')})`);
  process.exit(name ? 1 : 0);
}
const result = spawnSync(process.execPath, ['--expose-gc', `${dir}${name}.ts`, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
