/**
 * Idle cost of the app: the web host with the UI open in Chromium (Home page: live containers,
 * volumes and networks streams, disk usage) for N seconds (default 60) on an idle engine, against
 * the same web host with no UI open, in the same run. CPU from /proc/<pid>/stat (utime + stime).
 * The UI-open time is measured in two windows of N seconds: the first after the load (reported) and
 * the next one, the steady state, which the last line reports. Ends with
 * `idle: cpu=X% ratio=R target<=0.3`, where X is the CPU, in % of one core, of the web host plus the
 * browser's renderer process in the steady window, and R = X / 1% (so the target, < 0.3 % of one
 * core, reads target<=0.3).
 *
 * Where idle time goes (profiled with counters on every timer, fetch and WebSocket message in both
 * processes, timers from `node:timers` included, `--trace-gc`, and a Chromium trace): on a quiet
 * engine, with Home open, the core and the renderer make no request and run no timer of their own —
 * the live lists, disk usage and engine status are pushed by engine events, and Home's ML sections
 * follow runs.events and the live containers list (models and monitors also refetch once a minute,
 * for other processes' writes; endpoints every 5 s only while one serves); only Node's HTTP servers
 * check their connections' timeouts every 30 s (microseconds). When the ML sections came (issue 22)
 * they polled (runs and endpoints every 5 s, models and monitors every 15 s) and a finished run's
 * duration re-rendered every second (now once a minute while nothing runs). Side by side in one
 * session (steady window, quiet engine): 0.37 % (renderer 0.20 %) before, 0.17 % (renderer 0.03 %)
 * after; other runs after: 0.25 % and 0.22 %.
 * What is left is V8's memory reducer collecting the load's garbage once in each process: in the
 * web host one mark-compact of its ~60 MB heap (about 0.1 s of CPU, 0.15 % of a minute) 40–80 s
 * after the load, so it falls in either window; in the renderer a few small ones 30–45 s after it.
 * Measured here on a dockerd of our own (no events): first window 0.23–0.33 % (what this bench
 * reported before), the next one 0.15 % (the web host's collection fell in it).
 * Engine events are the only thing that makes the app work: each one costs a container lookup and
 * a re-render, so the line also says how many events the engine had meanwhile; a figure taken on a
 * busy engine (other tests, running pipelines) is not an idle figure. For a quiet engine on a shared
 * machine, point DOCKER_HOST at a dockerd of your own.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startWebHostProcess } from '../e2e/support/web-host.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(process.argv.find((a) => a.startsWith('--seconds='))?.slice(10) ?? 60);
const SETTLE_MS = 5_000;
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime + stime of one process, in clock ticks; 0 once it is gone. */
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) found.push(Number(entry), ...childrenOf(Number(entry)));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** CPU of each group of processes over `ms`, in % of one core; `events`: engine events seen meanwhile (other work on a shared engine is not idle). */
async function measure(groups: Record<string, () => number[]>, ms: number): Promise<Record<string, number>> {
  const watcher = spawn('docker', ['events', '--format', '{{.Type}}'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let events = 0;
  watcher.stdout.on('data', (chunk: Buffer) => (events += chunk.toString().split('\n').length - 1));
  const pids = Object.fromEntries(Object.entries(groups).map(([name, list]) => [name, list()]));
  const before = Object.fromEntries(Object.entries(pids).map(([name, list]) => [name, list.reduce((s, p) => s + cpuTicks(p), 0)]));
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const elapsed = (performance.now() - started) / 1000;
  watcher.kill();
  return {
    ...Object.fromEntries(
      Object.entries(pids).map(([name, list]) => {
        const ticks = list.reduce((s, p) => s + cpuTicks(p), 0) - before[name];
        return [name, (ticks / TICKS_PER_SECOND / elapsed) * 100];
      }),
    ),
    events,
  };
}

const pct = (n: number) => `${n.toFixed(2)}%`;

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist/renderer/index.html'))) {
    console.log('building the renderer first (npm run build:renderer)…');
    execFileSync('npm', ['run', '--silent', 'build:renderer'], { cwd: root, stdio: 'inherit' });
  }
  const host = await startWebHostProcess();
  const hostPid = host.process.pid!;
  try {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const baseline = await measure({ host: () => [hostPid] }, seconds * 1000);
    console.log(`baseline, web host running, no UI open, ${seconds} s: web host ${pct(baseline.host)} of one core (${baseline.events} engine events meanwhile)`);

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
      const browserPids = () => childrenOf(process.pid).filter((pid) => /chrom/i.test(commandLine(pid)));
      const rendererPids = () => browserPids().filter((pid) => commandLine(pid).includes('--type=renderer'));
      // What Chromium's renderer costs on a static page of the same size, for scale.
      await page.setContent('<main style="font: 13px system-ui"><h1>Static page</h1><p>Nothing moves here.</p></main>');
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const staticSeconds = Math.min(seconds, 20);
      const blank = await measure({ renderer: rendererPids }, staticSeconds * 1000);
      console.log(`browser baseline, static page, ${staticSeconds} s: renderer ${pct(blank.renderer)}`);
      await page.goto(host.url);
      await page.getByRole('heading', { name: 'Home', exact: true }).waitFor();
      await page.getByRole('region', { name: 'Disk usage' }).getByText('reclaimable').waitFor();
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const groups = { host: () => [hostPid], renderer: rendererPids, browser: browserPids };
      // The first window still holds the load's one-off garbage collection (V8's memory reducer, in
      // both processes, some 30–45 s after the load's allocations); the second is the steady state.
      const first = await measure(groups, seconds * 1000);
      const open = await measure(groups, seconds * 1000);
      const firstApp = first.host + first.renderer;
      console.log(`UI open (Home page), first ${seconds} s after the load: web host ${pct(first.host)}, browser renderer ${pct(first.renderer)}: ${pct(firstApp)} (${first.events} engine events meanwhile)`);
      console.log(`UI open (Home page), the next ${seconds} s: web host ${pct(open.host)}, browser renderer ${pct(open.renderer)}, all browser processes ${pct(open.browser)} (one core = 100%; ${open.events} engine events meanwhile)`);
      const app = open.host + open.renderer;
      console.log(`app (web host + renderer) with the UI open: ${pct(app)}; web host alone vs its no-UI baseline: +${pct(open.host - baseline.host)}`);
      if (open.events > 0) console.log(`note: the engine had ${open.events} events while the UI was open, so this is not an idle figure (see the header)`);
      console.log(`idle: cpu=${app.toFixed(2)}% ratio=${(app / 1.0).toFixed(2)} target<=0.3`);
    } finally {
      await browser.close();
    }
  } finally {
    await host.stop();
    rmSync(host.home, { recursive: true, force: true });
  }
}

await main();
