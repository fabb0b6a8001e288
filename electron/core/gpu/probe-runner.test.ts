import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectGpus } from './detect.ts';
import { ProbeRunner } from './probe-runner.ts';
import { createFakeToolsDir, nvidiaSmiScript, type FakeToolsDir } from './testing/fake-gpu-tools.ts';

const SHARED = join(import.meta.dirname, '../../../../shared/fixtures/gpu');
const H200 = join(import.meta.dirname, 'fixtures/nvidia-smi_driver-580.159.04_h200');

let tools: FakeToolsDir;
beforeEach(() => {
  tools = createFakeToolsDir('/usr/bin:/bin');
});
afterEach(() => tools.remove());

const runner = (options: ConstructorParameters<typeof ProbeRunner>[0] = {}) => new ProbeRunner({ env: { PATH: tools.path }, ...options });
const detect = (r: ProbeRunner, pciVendors = new Set<'nvidia' | 'amd' | 'intel'>()) => detectGpus({ platform: 'linux', runner: r, pciVendors, hasDxg: false });

describe('ProbeRunner with fake tools on PATH', () => {
  it('a fake nvidia-smi printing a capture: detection finds its GPUs, logs the command', async () => {
    tools.write('nvidia-smi', nvidiaSmiScript({ xml: join(SHARED, 'nvidia-smi-q-x_driver-384.66_gtx-1070x2_procs.xml'), version: join(H200, 'nvidia-smi-table.txt') }));
    const r = runner();
    const detection = await detect(r);
    expect(detection.gpus.map((g) => g.name)).toEqual(['GeForce GTX 1070', 'GeForce GTX 1070']);
    // No <cuda_version> in 384.66: the version call fills it.
    expect(detection.drivers).toEqual({ nvidia: '384.66', cuda: '13.0', rocm: null });
    expect(detection.nvidiaSmi).toBe('nvidia-smi');
    expect(detection.nothingFound).toBeNull();
    const log = r.log();
    expect(log.find((e) => e.command === 'nvidia-smi -q -x')).toMatchObject({ exitCode: 0, outcome: 'ok', firstStderrLine: null });
    expect(log.map((e) => e.command)).toContain('nvidia-smi --version');
  });

  it('exits with an error: the exit code and first stderr line are logged, and the reason is specific', async () => {
    tools.write('nvidia-smi', `echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running." >&2\necho second line >&2\nexit 9`);
    const r = runner();
    const detection = await detect(r, new Set(['nvidia']));
    expect(detection.gpus).toEqual([]);
    expect(r.log().find((e) => e.command === 'nvidia-smi -q -x')).toMatchObject({ exitCode: 9, outcome: 'failed', firstStderrLine: expect.stringMatching(/^NVIDIA-SMI has failed/) });
    expect(detection.nothingFound?.reason).toMatch(/driver is not loaded/);
    expect(detection.nothingFound?.fix).toMatch(/Install the NVIDIA driver/);
  });

  it('version mismatch → reboot', async () => {
    tools.write('nvidia-smi', 'echo "Failed to initialize NVML: Driver/library version mismatch" >&2; exit 18');
    expect((await detect(runner())).nothingFound?.fix).toBe('Reboot after the driver update.');
  });

  it('hangs past the timeout: killed, reported as timeout, and detection still returns', async () => {
    tools.write('nvidia-smi', 'exec sleep 30');
    const r = runner();
    const started = Date.now();
    const result = await r.run('nvidia-smi', ['-q', '-x'], { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result).toMatchObject({ ok: false, outcome: 'timeout', exitCode: null });
    expect(r.log()[0]).toMatchObject({ outcome: 'timeout' });
  });

  it('prints garbage: no GPU, no throw', async () => {
    tools.write('nvidia-smi', 'echo "<<<garbage>>> %%% not xml"; exit 0');
    tools.write('rocm-smi', 'echo "not json {"; exit 0');
    const detection = await detect(runner());
    expect(detection.gpus).toEqual([]);
    expect(detection.nothingFound?.reason).toBeTruthy();
  });

  it('missing tools are reported as missing, with the generic reason', async () => {
    const r = runner();
    const detection = await detect(r);
    expect(r.log().find((e) => e.command === 'nvidia-smi -q -x')).toMatchObject({ outcome: 'missing', exitCode: null });
    expect(detection.nothingFound?.reason).toMatch(/No NVIDIA or AMD GPU was found/);
  });

  it('a fake rocm-smi (amd-smi missing) gives the AMD GPUs; a fake amd-smi wins over rocm-smi', async () => {
    tools.write('rocm-smi', `cat '${join(SHARED, 'rocm-smi-json_mi100x6_rocm-5.7.1.json')}'`);
    let detection = await detect(runner());
    expect(detection.gpus).toHaveLength(6);
    expect(detection.amdTool).toBe('rocm-smi');
    tools.write('amd-smi', `echo '{"gpu_data":[{"gpu":0,"asic":{"market_name":"AMD Instinct MI300X"}}]}'`);
    detection = await detect(runner());
    expect(detection.gpus.map((g) => g.name)).toEqual(['AMD Instinct MI300X']);
    expect(detection.amdTool).toBe('amd-smi');
  });

  it('one flight per command: concurrent callers share one run', async () => {
    tools.write('nvidia-smi', `sleep 0.2; echo run >> '${tools.dir}/count'; cat '${join(H200, 'nvidia-smi-q-x.xml')}'`);
    const r = runner();
    const [a, b] = await Promise.all([r.run('nvidia-smi', ['-q', '-x'], { timeoutMs: 5000 }), r.run('nvidia-smi', ['-q', '-x'], { timeoutMs: 5000 })]);
    expect(a).toBe(b);
    expect(r.log()).toHaveLength(1);
  });

  it('backs off after repeated failures, then tries again', async () => {
    tools.write('nvidia-smi', 'exit 15');
    let now = 1_000_000;
    const r = runner({ now: () => now, failuresBeforeBackoff: 2 });
    for (let i = 0; i < 2; i++) expect((await r.run('nvidia-smi', ['-L'], { timeoutMs: 2000 })).outcome).toBe('failed');
    expect((await r.run('nvidia-smi', ['-L'], { timeoutMs: 2000 })).outcome).toBe('skipped');
    now += 1500;
    expect((await r.run('nvidia-smi', ['-L'], { timeoutMs: 2000 })).outcome).toBe('failed');
    expect((await r.run('nvidia-smi', ['-L'], { timeoutMs: 2000 })).outcome).toBe('skipped');
    expect(r.log()).toHaveLength(3);
  });

  it('runs with LC_ALL=C and no shell', async () => {
    tools.write('nvidia-smi', 'echo "$LC_ALL|$1"');
    const result = await runner().run('nvidia-smi', ['a;b $(x)'], { timeoutMs: 2000 });
    expect(result.stdout.trim()).toBe('C|a;b $(x)');
  });
});
