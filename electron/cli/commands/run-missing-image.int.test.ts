import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipeline, TEST_IMAGE } from '../../core/pipelines/test-support.ts';
import { runCliCaptured } from './test-support.ts';

// `benchtop run` against the real engine on a temporary BENCHTOP_HOME: a step image that is not on
// this machine is pulled (core/pipelines/pull-missing-image.ts); no registry answers here, so the
// pull fails, and the step's lines say so. The step never gets a container.
describe('benchtop run with a missing image', { timeout: 60_000 }, () => {
  it('benchtop run prints the pull as the step\'s line, then the error, and exits 1', async () => {
    const home = mkdtempSync(join(tmpdir(), 'benchtop-missing-image-cli-'));
    try {
      const file = join(home, 'pipeline.yaml');
      writeFileSync(file, pipeline('it-missing-cli', `params:\n  image: { default: ${TEST_IMAGE} }\nsteps:\n  only:\n    image: \${params.image}\n    command: [sh, -c, 'echo never']\n`));
      const missing = `benchtop-test/missing-${randomBytes(4).toString('hex')}:1`;
      const { code, out } = await runCliCaptured(['run', file, '--param', `image=${missing}`], { ...process.env, BENCHTOP_HOME: home });
      expect(code).toBe(1);
      expect(out).toMatch(new RegExp(`\\d\\d:\\d\\d:\\d\\d only waiting: image not on this machine: pulling ${missing.replace(/[.:/]/g, '\\$&')}…\n`));
      expect(out).toMatch(/only errored \S+: Image \S+ is not on this machine and pulling it failed: the registry docker\.io could not be found by name \(DNS\)/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
