import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chooseGpuRequest, gpusFlagToRequest } from '../../../shared/environments/gpu-choice.ts';
import { toDeviceRequests } from '../gpu/device-requests.ts';
import { parseNvidiaSmiXml } from '../gpu/nvidia-xml.ts';
import { decideReadiness, type EngineInfo } from '../gpu/readiness.ts';

// No GPU on this machine: the GPUs come from the captured nvidia-smi of an H200 host (gpu/fixtures).
const xml = readFileSync(new URL('../gpu/fixtures/nvidia-smi_driver-580.159.04_h200/nvidia-smi-q-x.xml', import.meta.url), 'utf8');
const gpus = parseNvidiaSmiXml(xml).gpus;
const info: EngineInfo = { OperatingSystem: 'Debian GNU/Linux 12', OSType: 'linux', KernelVersion: '6.1.0-28-amd64', DefaultRuntime: 'runc', Runtimes: { runc: {}, nvidia: { path: 'nvidia-container-runtime' } }, CDISpecDirs: [] };
const ready = decideReadiness({ info, remoteEngine: false, platform: 'linux', gpus, verified: false });
const noToolkit = decideReadiness({ info: { ...info, Runtimes: { runc: {} } }, remoteEngine: false, platform: 'linux', gpus, verified: false });
const noGpu = decideReadiness({ info, remoteEngine: false, platform: 'linux', gpus: [], verified: false });

describe('GPU requests of environments', () => {
  it('asks for all GPUs when the captured H200 host is GPU-ready', () => {
    expect(gpus.length).toBeGreaterThan(0);
    expect(ready.state).toBe('likely_gpus');
    const choice = chooseGpuRequest({ from: 'hostRequirements', value: '"optional"', required: false }, ready, 'auto');
    expect(choice).toEqual({ request: { mode: 'all' }, note: null });
    expect(toDeviceRequests(choice.request, ready)).toEqual([{ Driver: '', Count: -1, Capabilities: [['gpu']], Options: {} }]);
  });

  it('reads --gpus values as docker does', () => {
    expect(gpusFlagToRequest('all')).toEqual({ mode: 'all' });
    expect(gpusFlagToRequest('2')).toEqual({ mode: 'count', count: 2 });
    expect(gpusFlagToRequest('"device=0,1"')).toEqual({ mode: 'devices', deviceIds: ['0', '1'] });
    expect(toDeviceRequests(chooseGpuRequest({ from: 'runArgs', value: 'device=GPU-1', required: true }, ready, 'auto').request, ready)).toEqual([
      { Driver: '', Count: 0, DeviceIDs: ['GPU-1'], Capabilities: [['gpu']], Options: {} },
    ]);
  });

  it('adds no GPU request when the engine is not GPU-ready, and says why', () => {
    const missing = chooseGpuRequest({ from: 'runArgs', value: 'all', required: true }, noToolkit, 'auto');
    expect(noToolkit.state).toBe('toolkit_missing');
    expect(missing.request).toEqual({ mode: 'none' });
    expect(missing.note).toContain('not GPU-ready (An NVIDIA GPU is present but the engine shows no NVIDIA container runtime');
    expect(chooseGpuRequest({ from: 'hostRequirements', value: 'true', required: true }, noGpu, 'auto').request).toEqual({ mode: 'none' });
    expect(chooseGpuRequest({ from: 'none', value: null, required: false }, ready, 'auto')).toEqual({ request: { mode: 'none' }, note: null });
    expect(chooseGpuRequest({ from: 'runArgs', value: 'all', required: true }, ready, 'none').request).toEqual({ mode: 'none' });
  });
});
