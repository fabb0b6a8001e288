/**
 * Reading a 200,000-line (~16 MB) container log through the core's log service versus
 * `docker logs NAME > /dev/null`, in the same run, alternating. Ends with `logs: ratio=R target<=0.75`.
 *
 * Where the time goes (profiled for issue 20 on the shared 2-core machine, engine 20.10): the engine
 * is the bottleneck for both sides. dockerd spends about 1 s of CPU per read whoever reads (the CLI,
 * the core, or a bare socket that decodes nothing): it decodes every json-file line and writes and
 * flushes each as its own HTTP chunk, one write per line. The core's side costs about 0.2 s of CPU,
 * of which decoding (chunked body, frames, UTF-8, lines, LogLine objects) is about 45 ms when the
 * same bytes are replayed in-process; the rest is the socket's 2,000–5,000 reads and wake-ups. A
 * bare socket drain that decodes nothing measured about 0.74 of `docker logs` here, so the 0.75
 * target sits at the floor this engine allows. Tried and dropped, because they did not help:
 * decoding each line straight from the bytes (slower: 56 vs 44 ms, per-line decode calls cost
 * more than one decode per read plus slices), `onread` with a reused 64 KB or 1 MB buffer (client
 * CPU 143 → 115–127 ms, no change in wall time), pausing the socket between reads to get bigger
 * reads (slower: dockerd blocks on a full socket), HTTP/1.0 instead of chunked HTTP/1.1 (same).
 * On a quiet machine (dockerd of our own, load < 1) the floor moved up: a bare socket drain of the
 * same log (node:http, bytes counted, nothing decoded) took 685–807 ms against 673–983 ms for
 * `docker logs`, and the core 687 ms median against 692 (ratio 0.99). With the engine idle otherwise,
 * dockerd's encoding is the whole cost for every reader; 0.75 is below what a client of this engine
 * reaches here.
 * So a history read now skips the engine where it can (issue 20): with a json-file log, a local
 * socket and a file this process may open (root here; rootless engines too), the core reads the
 * engine's log file itself (`electron/core/logs/json-file-log.ts`), through the same decoder, and
 * gives the engine's lines. Quiet machine: core 214 and 224 ms median against `docker logs` 756 and
 * 677 ms, ratio 0.28 and 0.33; peak growth rss 66–75 MB. A user in the `docker` group cannot open
 * the file, and reads through the engine as before (the ratio above, about 1.0).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Dockerode from 'dockerode';
import { streamContainerLogs } from '../electron/core/logs/stream-logs.ts';

const LINES = 200_000;
const LINE_BYTES = 80;
const IMAGE = 'benchtop-test/busybox';
const CONTAINER = 'benchtop-bench-logs';
const SPEC = `v1 ${LINES}x${LINE_BYTES}`;
const REPETITIONS = 7;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function dockerClient(): Dockerode {
  const host = process.env.DOCKER_HOST;
  return new Dockerode({ socketPath: host?.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock' });
}

function findDockerCli(): string {
  const candidates = ['/usr/local/bin/docker', ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'docker'))];
  const found = candidates.find((path) => path && existsSync(path));
  if (!found) throw new Error('The docker CLI was not found (/usr/local/bin/docker or PATH): it is the baseline.');
  return found;
}

/** A finished container whose log holds LINES lines of LINE_BYTES bytes; made once, then reused. */
async function ensureLogContainer(docker: Dockerode): Promise<string> {
  const existing = await docker
    .getContainer(CONTAINER)
    .inspect()
    .catch(() => null);
  if (existing && existing.Config.Labels?.['benchtop.bench.spec'] === SPEC && existing.State.Status === 'exited' && existing.State.ExitCode === 0) {
    return existing.Id;
  }
  if (existing) await docker.getContainer(existing.Id).remove({ force: true });
  const padding = LINE_BYTES - 'line 0000000 \n'.length;
  const program = `BEGIN { pad = sprintf("%${padding}s", ""); gsub(/ /, "x", pad); for (i = 1; i <= ${LINES}; i++) printf "line %07d %s\\n", i, pad }`;
  const container = await docker.createContainer({
    name: CONTAINER,
    Image: IMAGE,
    Cmd: ['awk', program],
    Labels: { 'benchtop.bench': 'logs', 'benchtop.bench.spec': SPEC },
  });
  await container.start();
  const { StatusCode } = (await container.wait()) as { StatusCode: number };
  if (StatusCode !== 0) throw new Error(`The log generator exited with ${StatusCode}.`);
  return container.id;
}

interface CoreRun {
  ms: number;
  lines: number;
  bytes: number;
  batches: number;
  peakRssGrowth: number;
  peakHeapGrowth: number;
}

async function readThroughCore(docker: Dockerode, id: string): Promise<CoreRun> {
  gc();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    if (now.rss > peakRss) peakRss = now.rss;
    if (now.heapUsed > peakHeap) peakHeap = now.heapUsed;
  };
  const sampler = setInterval(sample, 5);
  let lines = 0;
  let bytes = 0;
  let batches = 0;
  const started = performance.now();
  await streamContainerLogs(
    docker,
    { id, tail: 'all', follow: false, timestamps: false },
    {
      next: (batch) => {
        batches++;
        lines += batch.lines.length;
        for (const line of batch.lines) bytes += line.text.length + 1;
        if ((batches & 7) === 0) sample();
      },
      end: () => {},
    },
    new AbortController().signal,
  );
  const ms = performance.now() - started;
  clearInterval(sampler);
  sample();
  return { ms, lines, bytes, batches, peakRssGrowth: peakRss - before.rss, peakHeapGrowth: peakHeap - before.heapUsed };
}

function readThroughCli(cli: string, id: string): Promise<number> {
  const devNull = openSync('/dev/null', 'w');
  const started = performance.now();
  return new Promise<number>((resolve, reject) => {
    const child = spawn(cli, ['logs', id], { stdio: ['ignore', devNull, 'ignore'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`docker logs exited with ${code}.`))));
  }).finally(() => closeSync(devNull));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const docker = dockerClient();
  const cli = findDockerCli();
  const id = await ensureLogContainer(docker);

  const check = await readThroughCore(docker, id);
  if (check.lines !== LINES) throw new Error(`The core read ${check.lines} lines, expected ${LINES}.`);
  await readThroughCli(cli, id);

  const coreTimes: number[] = [];
  const cliTimes: number[] = [];
  let peakRssGrowth = check.peakRssGrowth;
  let peakHeapGrowth = check.peakHeapGrowth;
  let batches = check.batches;
  for (let rep = 0; rep < REPETITIONS; rep++) {
    const coreFirst = rep % 2 === 0;
    if (!coreFirst) cliTimes.push(await readThroughCli(cli, id));
    const run = await readThroughCore(docker, id);
    if (run.lines !== LINES) throw new Error(`The core read ${run.lines} lines, expected ${LINES}.`);
    coreTimes.push(run.ms);
    peakRssGrowth = Math.max(peakRssGrowth, run.peakRssGrowth);
    peakHeapGrowth = Math.max(peakHeapGrowth, run.peakHeapGrowth);
    batches = run.batches;
    if (coreFirst) cliTimes.push(await readThroughCli(cli, id));
  }

  const coreMs = median(coreTimes);
  const cliMs = median(cliTimes);
  console.log(`log: ${LINES} lines, ${mb(check.bytes)} of text, container ${CONTAINER}`);
  console.log(`core (streamContainerLogs): median ${coreMs.toFixed(0)} ms over ${REPETITIONS} runs [${coreTimes.map((t) => t.toFixed(0)).join(', ')}], ${batches} batches`);
  console.log(`docker logs > /dev/null:     median ${cliMs.toFixed(0)} ms over ${REPETITIONS} runs [${cliTimes.map((t) => t.toFixed(0)).join(', ')}]`);
  console.log(`core peak growth during a read: rss ${mb(peakRssGrowth)}, heap ${mb(peakHeapGrowth)} (target < 100 MB)`);
  console.log(`logs: ratio=${(coreMs / cliMs).toFixed(2)} target<=0.75`);
}

await main();
