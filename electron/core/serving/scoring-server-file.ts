import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCORING_SERVER_NAME = 'benchtop_scoring_server.py';

/** resources/serving/benchtop_scoring_server.py from the source tree or the bundle (dist/electron). */
export function scoringServerSource(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [resolve(here, '../../../resources/serving', SCORING_SERVER_NAME), resolve(here, '../../resources/serving', SCORING_SERVER_NAME)]) {
    if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
  }
  throw new Error(`The scoring server (resources/serving/${SCORING_SERVER_NAME}) is missing from this install; reinstall Benchtop.`);
}

/**
 * The scoring server as a plain file under `<serving dir>/server/<sha>/` (the app's resources may
 * sit inside an archive the engine cannot mount); named by content so a running container keeps the
 * file it started with.
 */
export async function writeScoringServer(servingDir: string): Promise<string> {
  const text = scoringServerSource();
  const sha = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const path = join(servingDir, 'server', sha, SCORING_SERVER_NAME);
  if (!existsSync(path)) {
    await mkdir(dirname(path), { recursive: true, mode: 0o755 });
    await writeFile(path, text, { mode: 0o444 });
  }
  return path;
}
