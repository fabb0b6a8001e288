import { describe, expect, it } from 'vitest';
import type { GpuDevice } from '../../../shared/domain/gpu.ts';
import { decideReadiness, type EngineInfo } from './readiness.ts';
import { mapGpuStartError } from './start-errors.ts';

function gpu(vendor: GpuDevice['vendor'], name: string): GpuDevice {
  return {
    id: `${vendor}:0`, vendor, index: 0, uuid: null, pciBusId: null, name, architecture: null, computeCapability: null, gfxTarget: null,
    memoryTotalMiB: null, unifiedMemory: false, driverVersion: null, cudaVersion: null, rocmVersion: null, metal: null, mig: null, live: null,
    source: 'nvidia-smi-xml', warnings: [],
  };
}

// /info payloads shaped after the Engine API SystemInfo schema (only the fields the decision reads, plus context).
const linuxPlain: EngineInfo = {
  ID: 'a1', ServerVersion: '27.3.1', OperatingSystem: 'Ubuntu 24.04.1 LTS', OSType: 'linux', KernelVersion: '6.8.0-45-generic',
  DefaultRuntime: 'runc', Runtimes: { runc: { path: 'runc' }, 'io.containerd.runc.v2': { path: 'runc' } }, CDISpecDirs: [],
};
const linuxNvidiaRuntime: EngineInfo = { ...linuxPlain, Runtimes: { ...linuxPlain.Runtimes, nvidia: { path: 'nvidia-container-runtime' } } };
const linuxCdi: EngineInfo = {
  ...linuxPlain, ServerVersion: '28.3.0', CDISpecDirs: ['/etc/cdi', '/var/run/cdi'],
  DiscoveredDevices: [{ Source: 'cdi', ID: 'nvidia.com/gpu=0' }, { Source: 'cdi', ID: 'nvidia.com/gpu=all' }],
};
const desktopWsl: EngineInfo = {
  ID: 'd1', ServerVersion: '28.3.2', OperatingSystem: 'Docker Desktop', OSType: 'linux', KernelVersion: '6.6.87.2-microsoft-standard-WSL2',
  DefaultRuntime: 'runc', Runtimes: { runc: { path: 'runc' }, nvidia: { path: 'nvidia-container-runtime' } }, CDISpecDirs: ['/etc/cdi', '/var/run/cdi'],
  DiscoveredDevices: [{ Source: 'cdi', ID: 'docker.com/gpu=webgpu' }],
};
const nvidia = [gpu('nvidia', 'NVIDIA H200')];
const base = { remoteEngine: false, platform: 'linux' as const, gpus: nvidia, verified: false };

describe('decideReadiness: one /info per state', () => {
  it('docker_unavailable when /_ping failed', () => {
    expect(decideReadiness({ ...base, info: null }).state).toBe('docker_unavailable');
  });
  it('unsupported on macOS and for a remote engine', () => {
    expect(decideReadiness({ ...base, info: linuxPlain, platform: 'darwin', gpus: [gpu('apple', 'Apple M1')] }).state).toBe('unsupported');
    expect(decideReadiness({ ...base, info: linuxNvidiaRuntime, remoteEngine: true }).state).toBe('unsupported');
  });
  it('no_gpu without a GPU record, even with the nvidia runtime listed', () => {
    const result = decideReadiness({ ...base, info: linuxNvidiaRuntime, gpus: [] });
    expect(result).toMatchObject({ state: 'no_gpu', fix: null });
  });
  it('ready_cdi when CDI is on and the engine discovered nvidia.com/gpu devices', () => {
    expect(decideReadiness({ ...base, info: linuxCdi })).toMatchObject({ state: 'ready_cdi', cdiDevices: ['nvidia.com/gpu=0', 'nvidia.com/gpu=all'] });
  });
  it('likely_gpus: Linux engine with the nvidia runtime and an NVIDIA GPU', () => {
    expect(decideReadiness({ ...base, info: linuxNvidiaRuntime }).state).toBe('likely_gpus');
    expect(decideReadiness({ ...base, info: { ...linuxPlain, DefaultRuntime: 'nvidia' } }).state).toBe('likely_gpus');
  });
  it('likely_gpus: Docker Desktop on WSL2 with the host GPU seen through nvidia-smi (webgpu CDI is not an NVIDIA device)', () => {
    expect(decideReadiness({ ...base, info: desktopWsl, platform: 'wsl2' }).state).toBe('likely_gpus');
  });
  it('toolkit_missing: NVIDIA GPU but no runtime, no CDI', () => {
    const result = decideReadiness({ ...base, info: linuxPlain });
    expect(result.state).toBe('toolkit_missing');
    expect(result.fix).toMatch(/nvidia-ctk runtime configure/);
  });
  it('toolkit_missing: CDI dirs set but no NVIDIA device discovered', () => {
    expect(decideReadiness({ ...base, info: { ...linuxPlain, CDISpecDirs: ['/etc/cdi'], DiscoveredDevices: [] } }).state).toBe('toolkit_missing');
  });
  it('verified after a successful test start', () => {
    expect(decideReadiness({ ...base, info: linuxNvidiaRuntime, verified: true }).state).toBe('verified');
  });
  it('AMD: CDI when amd.com devices are discovered, else /dev/kfd passthrough is likely', () => {
    const amd = [gpu('amd', 'Radeon')];
    expect(decideReadiness({ ...base, gpus: amd, info: { ...linuxPlain, CDISpecDirs: ['/etc/cdi'], DiscoveredDevices: [{ Source: 'cdi', ID: 'amd.com/gpu=0' }] } }).state).toBe('ready_cdi');
    expect(decideReadiness({ ...base, gpus: amd, info: linuxPlain }).state).toBe('likely_gpus');
  });
});

describe('mapGpuStartError', () => {
  it.each([
    ['could not select device driver "" with capabilities: [[gpu]]', /nvidia-ctk runtime configure/],
    ['failed to create task: nvidia-container-cli: initialization error: nvml error: driver not loaded', /nvidia-smi/],
    ['Unknown runtime specified nvidia: unknown or invalid runtime name: nvidia', /runtime configure/],
    ['could not select device driver "cdi" with capabilities: []', /CDI/],
    ['CDI device injection failed: unresolvable CDI devices nvidia.com/gpu=all', /cdi generate/],
  ])('%s → toolkit_missing', (message, fix) => {
    const mapped = mapGpuStartError(message);
    expect(mapped?.state).toBe('toolkit_missing');
    expect(mapped?.fix).toMatch(fix);
  });
  it('leaves unrelated errors alone', () => {
    expect(mapGpuStartError('No such image: foo')).toBeNull();
  });
});
