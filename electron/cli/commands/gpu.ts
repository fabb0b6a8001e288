import type { ApiErrorPayload } from '../../../shared/api/errors.ts';
import type { GpuInventory, GpuMetricsMessage, GpuProcesses, GpuSample } from '../../../shared/domain/gpu.ts';
import { probeWarning } from '../../../shared/domain/warnings.ts';
import { call } from '../call.ts';
import { printWarnings, withWarnings } from '../warnings.ts';
import { CliError, type CliIo, type Command } from '../command.ts';
import { formatTable } from '../format.ts';
import { escapesAllowed } from '../terminal.ts';

const mib = (value: number | null | undefined) => (value === null || value === undefined ? '-' : `${Math.round(value)}MiB`);
const num = (value: number | null | undefined, unit: string) => (value === null || value === undefined ? '-' : `${Math.round(value)}${unit}`);

function inventoryTable(inventory: GpuInventory, samples: ReadonlyMap<string, GpuSample>): string {
  const rows = inventory.gpus.map((gpu) => {
    const live = samples.get(gpu.id) ?? gpu.live;
    return [
      String(gpu.index ?? '-'),
      gpu.name,
      `${mib(live?.memUsedMiB)}/${mib(gpu.memoryTotalMiB)}`,
      num(live?.utilPct, '%'),
      num(live?.tempC, 'C'),
      num(live?.powerW, 'W'),
      gpu.driverVersion ?? '-',
      gpu.cudaVersion ?? gpu.rocmVersion ?? '-',
      gpu.uuid ?? gpu.pciBusId ?? '-',
    ];
  });
  return formatTable(['GPU', 'NAME', 'MEMORY', 'UTIL', 'TEMP', 'POWER', 'DRIVER', 'CUDA/ROCM', 'UUID'], rows);
}

function summary(inventory: GpuInventory): string {
  const lines: string[] = [];
  if (inventory.gpus.length === 0) {
    lines.push('No GPU detected, containers will run on CPU.');
    if (inventory.nothingFound) lines.push(`Reason: ${inventory.nothingFound.reason}`, `Fix: ${inventory.nothingFound.fix}`);
  }
  const r = inventory.readiness;
  lines.push(`Engine: ${r.state}: ${r.reason}`);
  if (r.fix) lines.push(`Fix: ${r.fix}`);
  return lines.join('\n') + '\n';
}

function processTable(processes: GpuProcesses, inventory: GpuInventory): string {
  if (processes.processes.length === 0) return '';
  const indexOf = new Map(inventory.gpus.map((g) => [g.id, g.index]));
  const rows = processes.processes.map((p) => [
    String((p.gpuId && indexOf.get(p.gpuId)) ?? '-'),
    String(p.pid),
    p.name,
    mib(p.usedMemoryMiB),
    p.containerName ?? (p.containerId ? p.containerId.slice(0, 12) : 'host'),
  ]);
  return '\n' + formatTable(['GPU', 'PID', 'PROCESS', 'GPU MEMORY', 'CONTAINER'], rows);
}

const gpu: Command = {
  name: 'gpu',
  group: 'GPUs',
  usage: 'benchtop gpu [--json] [--watch] [--interval S]',
  summary: 'GPUs, drivers, processes, and whether containers can use them',
  description:
    'With --watch, follows utilisation, memory, temperature and power: redrawn on a terminal, one line per GPU per poll otherwise, NDJSON with --json. Ctrl-C stops.',
  flags: [
    { name: 'json', description: 'Print JSON (NDJSON with --watch).' },
    { name: 'watch', short: 'w', description: 'Follow the live metrics until Ctrl-C.' },
    { name: 'interval', value: 'S', description: 'Seconds between polls with --watch (0.5 to 60).', default: '2' },
  ],
  examples: [
    { command: 'benchtop gpu', description: 'GPUs and whether containers can use them (reason and fix).' },
    { command: 'benchtop gpu --watch --interval 1', description: 'Live load every second.' },
  ],
  json: 'platform, gpus, drivers, readiness (state, reason, fix, cdiDevices), nothingFound, probeLog, checkedAt, processes, byContainer; with --watch one gpu.metrics message per line (ts, samples, error). See electron/cli/README.md.',
  async run({ flags, io, core, signal }) {
    const seconds = flags.interval === undefined ? 2 : Number(flags.interval);
    if (!Number.isFinite(seconds) || seconds < 0.5 || seconds > 60) throw new CliError('--interval takes seconds between 0.5 and 60, e.g. --interval 2.', 2);
    const theCore = await core();
    const inventory = await call(theCore, 'gpu.inventory', {});
    if (!flags.watch) {
      // Partial failures degrade: what could not be probed is a warning (stderr, and `warnings` in --json), never exit 1.
      const processes: GpuProcesses =
        inventory.gpus.length > 0
          ? await call(theCore, 'gpu.processes', {}).catch((error: unknown) => ({ processes: [], byContainer: [], warnings: [probeWarning('GPU processes', error)] }))
          : { processes: [], byContainer: [], warnings: [] };
      const warnings = [...processes.warnings];
      printWarnings(io, warnings);
      if (flags.json) {
        io.stdout.write(JSON.stringify(withWarnings({ ...inventory, processes: processes.processes, byContainer: processes.byContainer }, warnings), null, 2) + '\n');
        return 0;
      }
      io.stdout.write((inventory.gpus.length > 0 ? inventoryTable(inventory, new Map()) : '') + summary(inventory) + processTable(processes, inventory));
      return 0;
    }
    if (inventory.gpus.length === 0) {
      io.stderr.write(`benchtop: no GPU to watch: ${inventory.nothingFound?.reason ?? 'none detected'} ${inventory.nothingFound?.fix ?? ''}`.trimEnd() + '\n');
      return 1;
    }
    return watch(theCore.dispatcher, inventory, Math.round(seconds * 1000), io, signal, flags.json === true);
  },
};

type Dispatcher = Awaited<ReturnType<Parameters<Command['run']>[0]['core']>>['dispatcher'];

/** Follows gpu.metrics until Ctrl-C: redraws on a TTY, prints one line per GPU per poll otherwise (NDJSON with --json). */
async function watch(dispatcher: Dispatcher, inventory: GpuInventory, intervalMs: number, io: CliIo, signal: AbortSignal, json: boolean): Promise<number> {
  const tty = escapesAllowed(io) && !json;
  const byId = new Map(inventory.gpus.map((g) => [g.id, g]));
  let failure: ApiErrorPayload | null = null;
  await new Promise<void>((resolve) => {
    let handle: { close(): void } | null = null;
    const stop = () => {
      handle?.close();
      resolve();
    };
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', stop, { once: true });
    io.stdout.on('error', (error: NodeJS.ErrnoException) => error.code === 'EPIPE' && stop());
    handle = dispatcher.open('gpu.metrics', { intervalMs }, {
      next: (value) => {
        const message = value as GpuMetricsMessage;
        if (json) {
          io.stdout.write(JSON.stringify(message) + '\n');
        } else if (tty) {
          const samples = new Map(message.samples.map((s) => [s.gpuId, s]));
          io.stdout.write(`\x1b[H\x1b[2J${new Date(message.ts).toLocaleTimeString()}  (Ctrl-C stops)\n${inventoryTable(inventory, samples)}${message.error ? `Metrics: ${message.error}\n` : ''}`);
        } else {
          const time = new Date(message.ts).toISOString();
          if (message.error) io.stdout.write(`${time} error ${message.error}\n`);
          for (const s of message.samples) {
            const index = byId.get(s.gpuId)?.index ?? '-';
            io.stdout.write(`${time} gpu=${index} util=${num(s.utilPct, '%')} mem=${mib(s.memUsedMiB)}/${mib(s.memTotalMiB)} temp=${num(s.tempC, 'C')} power=${num(s.powerW, 'W')}\n`);
          }
        }
      },
      end: (error) => {
        failure = error ?? null;
        signal.removeEventListener('abort', stop);
        resolve();
      },
    });
  });
  const ended = failure as ApiErrorPayload | null;
  if (ended) throw new CliError(ended.message);
  return 0;
}

export default gpu;
