import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFakeToolsDir } from '../../core/gpu/testing/fake-gpu-tools.ts';
import { runCliCaptured } from './test-support.ts';

// Partial failures degrade: the GPUs come from a captured nvidia-smi -q -x (shared fixture, real
// output of a 2x GTX 1070 box); only the process probe fails. The fake nvidia-smi stands in for
// the GPU this machine lacks, with the captured output; its --query-compute-apps exits 9 as a
// broken driver does.
const FIXTURE = join(import.meta.dirname, '../../../../shared/fixtures/gpu/nvidia-smi-q-x_driver-384.66_gtx-1070x2_procs.xml');
const home = mkdtempSync(join(tmpdir(), 'benchtop-gpu-partial-'));
const tools = createFakeToolsDir(process.env.PATH ?? '/usr/bin:/bin');
afterAll(() => {
  tools.remove();
  rmSync(home, { recursive: true, force: true });
});

tools.write(
  'nvidia-smi',
  [
    'for arg in "$@"; do',
    '  case "$arg" in',
    `    -x) cat '${FIXTURE}'; exit 0 ;;`,
    '    --query-compute-apps=*) echo "Failed to initialize NVML: Driver/library version mismatch" >&2; exit 9 ;;',
    '    --query-gpu=*) echo "Field is not a valid field to query." >&2; exit 2 ;;',
    '  esac',
    'done',
    'exit 2',
  ].join('\n'),
);

describe('benchtop gpu when one probe fails', () => {
  it('keeps the inventory, exits 0, warns on stderr and in --json warnings', async () => {
    const env = { ...process.env, PATH: tools.path, BENCHTOP_HOME: home };
    const json = await runCliCaptured(['gpu', '--json'], env);
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.out) as { gpus: { name: string }[]; processes: unknown[]; warnings: string[] };
    expect(answer.gpus.map((g) => g.name)).toEqual(['GeForce GTX 1070', 'GeForce GTX 1070']);
    expect(answer.processes).toEqual([]);
    expect(answer.warnings).toEqual([expect.stringMatching(/^GPU processes unknown: nvidia-smi --query-compute-apps failed \(Failed to initialize NVML: Driver\/library version mismatch\)/)]);
    expect(json.err).toMatch(/^warning: GPU processes unknown: nvidia-smi --query-compute-apps failed/m);

    const table = await runCliCaptured(['gpu'], env);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/GeForce GTX 1070/);
    expect(table.err).toMatch(/warning: GPU processes unknown/);
  });
});
