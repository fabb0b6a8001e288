import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The reference locations, in its order: .devcontainer/devcontainer.json, .devcontainer.json, .devcontainer/<folder>/devcontainer.json. */
export function findDevcontainerConfig(folder: string): string | null {
  const first = join(folder, '.devcontainer', 'devcontainer.json');
  if (existsSync(first)) return first;
  const second = join(folder, '.devcontainer.json');
  if (existsSync(second)) return second;
  const dir = join(folder, '.devcontainer');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return null;
  for (const entry of readdirSync(dir).sort()) {
    const candidate = join(dir, entry, 'devcontainer.json');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}
