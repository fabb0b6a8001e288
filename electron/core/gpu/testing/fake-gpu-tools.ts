import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Fake GPU tools for tests, the e2e spec and the benchmark: there is no GPU on the build
 * machines, so small shell scripts stand in for nvidia-smi / rocm-smi / amd-smi. Put `dir` first
 * on PATH. Each script answers by its arguments with files captured on real machines.
 */
export interface FakeToolsDir {
  dir: string;
  /** PATH with the fake tools first. */
  path: string;
  write(name: string, script: string): string;
  /** A plain data file in the same folder (a derived CSV, say); returns its path. */
  writeData(name: string, content: string): string;
  remove(): void;
}

export function createFakeToolsDir(basePath = process.env.PATH ?? ''): FakeToolsDir {
  const dir = mkdtempSync(join(tmpdir(), 'benchtop-fake-gpu-'));
  return {
    dir,
    path: `${dir}:${basePath}`,
    write(name, script) {
      const file = join(dir, name);
      writeFileSync(file, `#!/bin/sh\n${script}\n`);
      chmodSync(file, 0o755);
      return file;
    },
    writeData(name, content) {
      const file = join(dir, name);
      writeFileSync(file, content);
      return file;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const quote = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`;

export interface FakeNvidiaSmiFiles {
  /** Printed for `-q -x`. */
  xml: string;
  /** Printed for `--query-gpu=…` (must match the fields asked: QUERY_GPU_FIELDS). */
  queryGpuCsv?: string;
  /** Printed for `--query-compute-apps=…`. */
  computeAppsCsv?: string;
  /** Printed for `--version`. */
  version?: string;
}

/** A fake nvidia-smi that prints a capture picked by its arguments (as nvidia-smi does). */
export function nvidiaSmiScript(files: FakeNvidiaSmiFiles): string {
  return [
    'for arg in "$@"; do',
    '  case "$arg" in',
    `    -x) cat ${quote(files.xml)}; exit 0 ;;`,
    `    --query-gpu=*) ${files.queryGpuCsv ? `cat ${quote(files.queryGpuCsv)}` : 'echo "Field is not a valid field to query." >&2; exit 2'}; exit 0 ;;`,
    `    --query-compute-apps=*) ${files.computeAppsCsv ? `cat ${quote(files.computeAppsCsv)}` : 'true'}; exit 0 ;;`,
    `    --version) ${files.version ? `cat ${quote(files.version)}` : 'echo "unknown option" >&2; exit 1'}; exit 0 ;;`,
    '  esac',
    'done',
    'echo "fake nvidia-smi: unsupported arguments: $*" >&2',
    'exit 2',
  ].join('\n');
}

/**
 * `--query-gpu=<QUERY_GPU_FIELDS> --format=csv,noheader,nounits` for the 2x GTX 1070 capture
 * (shared fixture nvidia-smi-q-x_driver-384.66_gtx-1070x2_procs.xml), derived by hand from its XML:
 * index, uuid, pci.bus_id, utilization.gpu, utilization.memory, memory.used, memory.total,
 * temperature.gpu, power.draw, power.limit.
 */
export const GTX_1070X2_QUERY_GPU_CSV = [
  '0, GPU-e511a7b2-f9d5-ba47-9b98-853732ca6c1b, 00000000:01:00.0, 100, 99, 2028, 8112, 60, 119.47, 180.00',
  '1, GPU-28daffaf-8abe-aaf8-c298-4bd13aecb5e6, 00000000:03:00.0, 98, 97, 4057, 8114, 59, 139.30, 180.00',
  '',
].join('\n');

/** `--query-compute-apps` rows for the same two GPUs, from the XML's process_info blocks. */
export const GTX_1070X2_COMPUTE_APPS_CSV = [
  'GPU-e511a7b2-f9d5-ba47-9b98-853732ca6c1b, 3093, ./ethminer, 2283',
  'GPU-28daffaf-8abe-aaf8-c298-4bd13aecb5e6, 3093, ./ethminer, 2283',
  '',
].join('\n');
