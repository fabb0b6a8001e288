/**
 * GPU parsers against JSON.parse: every fixture parsed 1,000 times, its per-parse time compared
 * with JSON.parse of a JSON document of the same size, in the same run. Then the polling cost of
 * the GPU page's metrics stream (one subscriber, every 2 s) with a fake nvidia-smi.
 * Ends with `gpu: ratio=R target<=20` where R is the worst fixture's ratio.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseComputeAppsCsv, parseNvidiaSmiVersion, parseQueryGpuCsv, splitCsvHeader } from '../electron/core/gpu/nvidia-csv.ts';
import { parseNvidiaSmiList } from '../electron/core/gpu/nvidia-list.ts';
import { parseNvidiaSmiXml } from '../electron/core/gpu/nvidia-xml.ts';
import { gpuAssignmentFromInspect, type InspectForGpus } from '../electron/core/gpu/container-gpus.ts';
import { ProbeRunner } from '../electron/core/gpu/probe-runner.ts';
import { parseRocmSmiJson } from '../electron/core/gpu/rocm-smi.ts';
import { parseRocminfo } from '../electron/core/gpu/rocminfo.ts';
import { GpuService, type GpuEngine } from '../electron/core/gpu/service.ts';
import { parseSystemProfilerDisplays } from '../electron/core/gpu/system-profiler.ts';
import { createFakeToolsDir, GTX_1070X2_QUERY_GPU_CSV, nvidiaSmiScript } from '../electron/core/gpu/testing/fake-gpu-tools.ts';

const ITERATIONS = 1000;
const TARGET = 20;
const SHARED = new URL('../../shared/fixtures/gpu/', import.meta.url).pathname;
const OWN = new URL('../electron/core/gpu/fixtures/nvidia-smi_driver-580.159.04_h200/', import.meta.url).pathname;

interface Case {
  name: string;
  text: string;
  parse(text: string): unknown;
}

/** The multi-section captures: the parts a probe would print (version, -L, CSV queries). */
function captureSections(text: string): string[] {
  return text.split(/^# (?=\S+ :: )/m).filter((s) => /^(capabilities :: (version|list)|(idle|load) :: query-(gpu|compute-apps))/.test(s)).map((s) => s.split('\n').slice(3).join('\n'));
}

function cases(): Case[] {
  const list: Case[] = [];
  for (const file of readdirSync(SHARED).sort()) {
    const text = readFileSync(join(SHARED, file), 'utf8');
    if (file.endsWith('.xml')) list.push({ name: file, text, parse: (t) => parseNvidiaSmiXml(t) });
    else if (file.startsWith('rocm-smi')) list.push({ name: file, text, parse: (t) => parseRocmSmiJson(t) });
    else if (file.startsWith('system-profiler')) list.push({ name: file, text, parse: (t) => parseSystemProfilerDisplays(t) });
    else if (file.startsWith('rocminfo')) list.push({ name: file, text, parse: (t) => parseRocminfo(t) });
    else if (file.startsWith('docker-inspect')) list.push({ name: file, text, parse: (t) => (JSON.parse(t) as InspectForGpus[]).map(gpuAssignmentFromInspect) });
    else if (file.startsWith('nvidia-smi-capture')) {
      for (const [i, section] of captureSections(text).entries()) {
        list.push({
          name: `${file}#${i}`,
          text: section,
          parse: (t) => {
            if (t.includes('CUDA Version')) return parseNvidiaSmiVersion(t);
            if (t.startsWith('GPU ')) return parseNvidiaSmiList(t);
            const { fields, body } = splitCsvHeader(t);
            return fields.includes('pid') ? parseComputeAppsCsv(body, fields) : parseQueryGpuCsv(body, fields);
          },
        });
      }
    } else if (file.startsWith('nvidia-smi-help')) list.push({ name: file, text, parse: (t) => (t.match(/^"([^"]+)"/gm) ?? []).length });
  }
  list.push({ name: 'h200/nvidia-smi-q-x.xml', text: readFileSync(join(OWN, 'nvidia-smi-q-x.xml'), 'utf8'), parse: (t) => parseNvidiaSmiXml(t) });
  list.push({ name: 'h200/query-gpu.csv', text: readFileSync(join(OWN, 'query-gpu_noheader_nounits.csv'), 'utf8'), parse: (t) => parseQueryGpuCsv(t) });
  list.push({ name: 'h200/query-compute-apps.csv', text: readFileSync(join(OWN, 'query-compute-apps_noheader_nounits.csv'), 'utf8'), parse: (t) => parseComputeAppsCsv(t) });
  list.push({ name: 'h200/query_with_header_units.csv', text: readFileSync(join(OWN, 'query_with_header_units.csv'), 'utf8'), parse: (t) => { const h = splitCsvHeader(t); return parseQueryGpuCsv(h.body, h.fields); } });
  return list;
}

/** A JSON document of (about) the same length: an array of small records, as a tool's JSON would be. */
function jsonOfSize(length: number): string {
  const items: string[] = [];
  let size = 2;
  for (let i = 0; size < length; i++) {
    const item = JSON.stringify({ name: `field_${i}`, value: `${i * 7} MiB`, n: i });
    items.push(item);
    size += item.length + 1;
  }
  return `[${items.join(',')}]`;
}

function timePerCall(fn: () => unknown): number {
  for (let i = 0; i < 50; i++) fn();
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < ITERATIONS; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / ITERATIONS / 1e6);
  }
  return best;
}

let worst = 0;
let worstName = '';
const rows: string[] = [];
for (const c of cases()) {
  const json = jsonOfSize(c.text.length);
  const parserMs = timePerCall(() => c.parse(c.text));
  const jsonMs = timePerCall(() => JSON.parse(json));
  const ratio = parserMs / jsonMs;
  if (ratio > worst) {
    worst = ratio;
    worstName = c.name;
  }
  rows.push(`${c.name.padEnd(72)} ${String(c.text.length).padStart(7)} B  parse ${(parserMs * 1000).toFixed(1).padStart(8)} µs  JSON.parse ${(jsonMs * 1000).toFixed(1).padStart(8)} µs  ratio ${ratio.toFixed(2)}`);
}
console.log(`Parsing, ${ITERATIONS} times each (best of 3 rounds), against JSON.parse of a same-size document:`);
for (const row of rows) console.log(row);
console.log(`worst: ${worstName} (${worst.toFixed(2)}x)`);

// Polling cost: one subscriber to the metrics stream, a fake nvidia-smi printing the 2x GTX 1070 CSV.
const tools = createFakeToolsDir('/usr/bin:/bin');
try {
  tools.write('nvidia-smi', nvidiaSmiScript({ xml: join(SHARED, 'nvidia-smi-q-x_driver-384.66_gtx-1070x2_procs.xml'), queryGpuCsv: tools.writeData('q.csv', GTX_1070X2_QUERY_GPU_CSV) }));
  const noEngine: GpuEngine = { client: () => Promise.reject(new Error('not needed')), status: () => ({ connected: false, endpoint: null, versions: null, candidates: [], checkedAt: '' }) };
  const runner = new ProbeRunner({ env: { PATH: tools.path } });
  const service = new GpuService({ engine: noEngine, runner, platform: async () => 'linux', pciVendors: async () => new Set() });
  await service.inventory();
  const seconds = 10;
  let messages = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const unsubscribe = service.subscribeMetrics(2000, (m) => {
    if (m.samples.length > 0) messages++;
  });
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  unsubscribe();
  const wall = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const polls = runner.log().filter((e) => e.command.includes('--query-gpu'));
  const meanPollMs = polls.reduce((sum, e) => sum + e.durationMs, 0) / Math.max(1, polls.length);
  console.log(
    `Polling (every 2 s, fake nvidia-smi): ${messages} samples in ${wall.toFixed(1)} s; core CPU ${((cpu.user + cpu.system) / 1000 / wall).toFixed(2)} ms per second; ` +
      `each poll ${meanPollMs.toFixed(0)} ms wall (spawn + parse), ${(polls.length / wall).toFixed(2)} polls per second; none after the last subscriber left.`,
  );
} finally {
  tools.remove();
}

console.log(`gpu: ratio=${worst.toFixed(2)} target<=${TARGET}`);
