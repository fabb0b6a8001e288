import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import type { EngineStatus } from '../../../shared/domain/engine.ts';
import type {
  GpuContainerUsage,
  GpuDevice,
  GpuInventory,
  GpuMetricsMessage,
  GpuPlatform,
  GpuProcess,
  GpuProcesses,
  GpuReadiness,
  GpuSample,
  GpuTestResult,
} from '../../../shared/domain/gpu.ts';
import { containerIdOfPid } from './container-of-pid.ts';
import { detectGpus, ROCM_SMI_ARGS, type Detection } from './detect.ts';
import { toDeviceRequests } from './device-requests.ts';
import { MetricsPoller } from './metrics-poller.ts';
import { parseComputeAppsCsv, parseQueryGpuCsv, QUERY_COMPUTE_APPS_FIELDS, QUERY_GPU_FIELDS, QUERY_GPU_FIELDS_MINIMAL } from './nvidia-csv.ts';
import { scanPciDisplayVendors, type PciVendor } from './pci-scan.ts';
import { detectPlatform, pathExists } from './platform.ts';
import { ProbeRunner } from './probe-runner.ts';
import { parseRocmSmiJson } from './rocm-smi.ts';
import { decideReadiness, type EngineInfo } from './readiness.ts';
import { mapGpuStartError } from './start-errors.ts';

/** What the GPU service needs from the engine connection (EngineConnection fits). */
export interface GpuEngine {
  client(): Promise<Docker>;
  status(): EngineStatus;
}

export interface GpuServiceOptions {
  engine: GpuEngine;
  runner?: ProbeRunner;
  env?: NodeJS.ProcessEnv;
  /** Seams for tests; default to the real host. */
  platform?: () => Promise<GpuPlatform>;
  pciVendors?: () => Promise<Set<PciVendor>>;
  procRoot?: string;
  infoTimeoutMs?: number;
  /** Labels added to the Test GPU container (tests add benchtop.test=1). */
  testLabels?: Record<string, string>;
}

export const GPU_TEST_LABEL = 'benchtop.gpu-test';

/**
 * Detection (once, in the background, again on refresh), readiness, live metrics shared by every
 * subscriber, processes with their containers, and the Test GPU action. Nothing here runs at
 * start-up until someone asks.
 */
export class GpuService {
  readonly runner: ProbeRunner;
  readonly #engine: GpuEngine;
  readonly #options: GpuServiceOptions;
  #detection: Promise<{ platform: GpuPlatform; detection: Detection }> | null = null;
  readonly #pollers = new Map<number, MetricsPoller>();
  readonly #verified = new Set<string>();
  #failedTest: GpuReadiness | null = null;
  #csvFields: readonly string[] = QUERY_GPU_FIELDS;

  constructor(options: GpuServiceOptions) {
    this.#engine = options.engine;
    this.#options = options;
    this.runner = options.runner ?? new ProbeRunner({ env: options.env });
  }

  /** Starts detection without waiting (call at start-up; never blocks). */
  warmUp(): void {
    void this.#detect(false).catch(() => {});
  }

  #detect(refresh: boolean) {
    if (!this.#detection || refresh) {
      this.#detection = (async () => {
        const platform = await (this.#options.platform ?? detectPlatform)();
        const [pciVendors, hasDxg] = await Promise.all([
          platform === 'linux' || platform === 'wsl2' ? (this.#options.pciVendors ?? scanPciDisplayVendors)() : Promise.resolve(new Set<PciVendor>()),
          platform === 'wsl2' ? pathExists('/dev/dxg') : Promise.resolve(false),
        ]);
        return { platform, detection: await detectGpus({ platform, runner: this.runner, pciVendors, hasDxg }) };
      })();
    }
    return this.#detection;
  }

  /** The NVIDIA GPUs the pipeline scheduler may hand out, named as a device request names them: UUID, else index. */
  async schedulablePool(): Promise<{ deviceIds: string[]; readiness: GpuReadiness }> {
    const inventory = await this.inventory();
    const nvidia = inventory.gpus.filter((gpu) => gpu.vendor === 'nvidia');
    return { deviceIds: nvidia.map((gpu) => gpu.uuid ?? String(gpu.index ?? gpu.id)), readiness: inventory.readiness };
  }

  async inventory(refresh = false): Promise<GpuInventory> {
    if (refresh) this.#failedTest = null;
    const { platform, detection } = await this.#detect(refresh);
    const readiness = await this.#readiness(platform, detection.gpus);
    return {
      platform,
      gpus: detection.gpus,
      drivers: detection.drivers,
      readiness,
      nothingFound: detection.nothingFound,
      probeLog: this.runner.log(),
      checkedAt: new Date().toISOString(),
    };
  }

  async #engineInfo(): Promise<EngineInfo | null> {
    try {
      const docker = await this.#engine.client();
      const timeout = this.#options.infoTimeoutMs ?? 3000;
      return await Promise.race([
        docker.info() as Promise<EngineInfo>,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), timeout).unref()),
      ]);
    } catch {
      return null;
    }
  }

  #remoteEngine(): boolean {
    const address = this.#engine.status().endpoint?.address ?? '';
    return /^(tcp|ssh|https?):\/\//i.test(address);
  }

  #verifyKey(info: EngineInfo, gpus: readonly GpuDevice[]): string {
    return [info.ID ?? '', info.ServerVersion ?? '', gpus[0]?.driverVersion ?? ''].join('|');
  }

  async #readiness(platform: GpuPlatform, gpus: readonly GpuDevice[]): Promise<GpuReadiness> {
    const info = await this.#engineInfo();
    const verified = info !== null && this.#verified.has(this.#verifyKey(info, gpus));
    const decided = decideReadiness({ info, remoteEngine: this.#remoteEngine(), platform, gpus, verified });
    // A failed Test GPU overrides a hopeful guess until the next refresh.
    if (this.#failedTest && (decided.state === 'likely_gpus' || decided.state === 'ready_cdi')) return { ...this.#failedTest, cdiDevices: decided.cdiDevices };
    return decided;
  }

  /** Samples every `intervalMs` while `listener` is subscribed; returns the unsubscribe function. */
  subscribeMetrics(intervalMs: number, listener: (message: GpuMetricsMessage) => void): () => void {
    let poller = this.#pollers.get(intervalMs);
    if (!poller) {
      poller = new MetricsPoller(() => this.pollMetrics(), intervalMs);
      this.#pollers.set(intervalMs, poller);
    }
    return poller.subscribe(listener);
  }

  /** One poll of the CSV query, joined to the inventory by UUID, then bus id. */
  async pollMetrics(): Promise<GpuMetricsMessage> {
    const { detection } = await this.#detect(false);
    const now = Date.now();
    if (!detection.nvidiaSmi && detection.amdTool === 'rocm-smi') return this.#pollRocmSmi(detection.gpus, now);
    if (!detection.nvidiaSmi) {
      return { ts: now, samples: [], error: detection.gpus.length > 0 ? null : (detection.nothingFound?.reason ?? 'No GPU to poll.') };
    }
    let result = await this.runner.run(detection.nvidiaSmi, [`--query-gpu=${this.#csvFields.join(',')}`, '--format=csv,noheader,nounits'], { timeoutMs: 5000 });
    if (!result.ok && /is not a valid field/i.test(result.stderr) && this.#csvFields !== QUERY_GPU_FIELDS_MINIMAL) {
      this.#csvFields = QUERY_GPU_FIELDS_MINIMAL;
      result = await this.runner.run(detection.nvidiaSmi, [`--query-gpu=${this.#csvFields.join(',')}`, '--format=csv,noheader,nounits'], { timeoutMs: 5000 });
    }
    if (!result.ok) return { ts: now, samples: [], error: firstLine(result.stderr) ?? `nvidia-smi ${result.outcome}` };
    const samples: GpuSample[] = [];
    for (const row of parseQueryGpuCsv(result.stdout, this.#csvFields, now)) {
      const gpu = matchGpu(detection.gpus, row.uuid, row.pciBusId);
      samples.push({ gpuId: gpu?.id ?? `nvidia:${row.uuid ?? row.pciBusId ?? row.index}`, ...row.sample });
    }
    return { ts: now, samples, error: null };
  }

  async #pollRocmSmi(gpus: readonly GpuDevice[], now: number): Promise<GpuMetricsMessage> {
    const result = await this.runner.run('rocm-smi', ROCM_SMI_ARGS, { timeoutMs: 5000 });
    if (!result.ok) return { ts: now, samples: [], error: firstLine(result.stderr) ?? `rocm-smi ${result.outcome}` };
    try {
      const samples = parseRocmSmiJson(result.stdout, now).map((gpu): GpuSample => ({
        gpuId: gpus.find((known) => known.id === gpu.id)?.id ?? gpu.id,
        ts: now,
        utilPct: gpu.live?.utilPct ?? null,
        memUtilPct: gpu.live?.memUtilPct ?? null,
        memUsedMiB: gpu.live?.memUsedMiB ?? null,
        memTotalMiB: gpu.memoryTotalMiB,
        tempC: gpu.live?.tempC ?? null,
        powerW: gpu.live?.powerW ?? null,
        powerLimitW: gpu.live?.powerLimitW ?? null,
      }));
      return { ts: now, samples, error: null };
    } catch {
      return { ts: now, samples: [], error: 'rocm-smi printed something that is not JSON.' };
    }
  }

  async processes(): Promise<GpuProcesses> {
    const { detection } = await this.#detect(false);
    let raw: { gpuUuid: string | null; pid: number; name: string; usedMemoryMiB: number | null }[] = [];
    const warnings: string[] = [];
    if (detection.nvidiaSmi) {
      const result = await this.runner.run(
        detection.nvidiaSmi,
        [`--query-compute-apps=${QUERY_COMPUTE_APPS_FIELDS.join(',')}`, '--format=csv,noheader,nounits'],
        { timeoutMs: 5000 },
      );
      if (result.ok) raw = parseComputeAppsCsv(result.stdout);
      // A failed process probe degrades: the GPUs stand, the processes are missing with a warning that names the probe.
      else warnings.push(`GPU processes unknown: nvidia-smi --query-compute-apps failed (${firstLine(result.stderr) ?? result.outcome}); run \`nvidia-smi\` in a terminal to see why.`);
    }
    const names = raw.length > 0 ? await this.#containerNames() : new Map<string, string>();
    const processes: GpuProcess[] = await Promise.all(
      raw.map(async (p) => {
        const containerId = await containerIdOfPid(p.pid, this.#options.procRoot);
        return {
          gpuId: matchGpu(detection.gpus, p.gpuUuid, null)?.id ?? null,
          gpuUuid: p.gpuUuid,
          pid: p.pid,
          name: p.name,
          usedMemoryMiB: p.usedMemoryMiB,
          containerId,
          containerName: containerId ? (names.get(containerId) ?? null) : null,
        };
      }),
    );
    return { processes, byContainer: usageByContainer(processes), warnings };
  }

  async #containerNames(): Promise<Map<string, string>> {
    try {
      const list = await (await this.#engine.client()).listContainers({ all: false });
      return new Map(list.map((c) => [c.Id, (c.Names[0] ?? '').replace(/^\//, '')]));
    } catch {
      return new Map();
    }
  }

  /**
   * Test GPU: creates and starts a short container with a request for all GPUs, waits for it,
   * removes it. Known engine errors become toolkit_missing with their fix.
   */
  async test(image?: string): Promise<GpuTestResult> {
    const started = Date.now();
    const inventory = await this.inventory(false);
    if (inventory.readiness.state === 'docker_unavailable' || inventory.readiness.state === 'unsupported') {
      return { ok: false, readiness: inventory.readiness, engineMessage: null, durationMs: Date.now() - started };
    }
    const docker = await this.#engine.client();
    const chosen = image ? { image, cmd: ['true'] } : await pickTestImage(docker);
    let container: Docker.Container | null = null;
    try {
      const created: Docker.Container = await docker.createContainer({
        Image: chosen.image,
        Cmd: chosen.cmd,
        Labels: { ...this.#options.testLabels, [GPU_TEST_LABEL]: '1' },
        HostConfig: { DeviceRequests: toDeviceRequests({ mode: 'all' }, inventory.readiness), AutoRemove: false },
      });
      container = created;
      await created.start();
      const exit = (await created.wait()) as { StatusCode?: number };
      if (exit.StatusCode !== 0) throw new Error(`The test container exited with code ${exit.StatusCode ?? '?'}.`);
      const info = await this.#engineInfo();
      if (info) this.#verified.add(this.#verifyKey(info, inventory.gpus));
      this.#failedTest = null;
      const readiness = await this.#readiness(inventory.platform, inventory.gpus);
      return { ok: true, readiness, engineMessage: null, durationMs: Date.now() - started };
    } catch (error) {
      const message = engineMessage(error);
      const mapped = mapGpuStartError(message, inventory.readiness.cdiDevices);
      if (mapped) this.#failedTest = mapped;
      const readiness = mapped ?? {
        ...inventory.readiness,
        reason: `The test container failed: ${message}`,
        fix: inventory.readiness.fix ?? 'Read the engine message under Details and fix the engine’s GPU set-up.',
      };
      return { ok: false, readiness, engineMessage: message, durationMs: Date.now() - started };
    } finally {
      if (container) await container.remove({ force: true }).catch(() => {});
    }
  }
}

function firstLine(text: string): string | null {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? null;
}

function matchGpu(gpus: readonly GpuDevice[], uuid: string | null, busId: string | null): GpuDevice | undefined {
  return (uuid ? gpus.find((g) => g.uuid === uuid) : undefined) ?? (busId ? gpus.find((g) => g.pciBusId === busId) : undefined);
}

/** GPU memory per container (and GPU): processes outside containers are left out. */
export function usageByContainer(processes: readonly GpuProcess[]): GpuContainerUsage[] {
  const usage = new Map<string, GpuContainerUsage>();
  for (const p of processes) {
    if (!p.containerId) continue;
    const key = `${p.containerId}\u0000${p.gpuId ?? ''}`;
    const entry = usage.get(key) ?? { containerId: p.containerId, containerName: p.containerName, gpuId: p.gpuId, usedMemoryMiB: 0, pids: [] };
    entry.usedMemoryMiB += p.usedMemoryMiB ?? 0;
    entry.pids.push(p.pid);
    usage.set(key, entry);
  }
  return [...usage.values()].sort((a, b) => b.usedMemoryMiB - a.usedMemoryMiB);
}

function engineMessage(error: unknown): string {
  const failure = error as { json?: { message?: unknown }; message?: unknown };
  if (failure?.json && typeof failure.json.message === 'string') return failure.json.message.trim();
  const text = typeof failure?.message === 'string' ? failure.message : String(error);
  return text.replace(/^\(HTTP code \d+\)\s*(unexpected|server error)?\s*-?\s*/i, '').trim();
}

/** A local CUDA image runs `nvidia-smi -L`; otherwise any local image runs `true`. Never pulls. */
async function pickTestImage(docker: Docker): Promise<{ image: string; cmd: string[] }> {
  const images = await docker.listImages();
  const tags = images.flatMap((i) => i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
  const cuda = tags.find((t) => /cuda/i.test(t));
  if (cuda) return { image: cuda, cmd: ['nvidia-smi', '-L'] };
  const any = tags[0];
  if (!any) throw new ApiError('not_found', 'No local image to run the GPU test with: pull one (e.g. `docker pull nvidia/cuda:12.4.1-base-ubuntu22.04`) and test again.');
  return { image: any, cmd: ['true'] };
}
