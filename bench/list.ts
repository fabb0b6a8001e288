/**
 * The Containers page with 1,000 created (not started) containers against 20, in the same run:
 * the time for the page (Chromium through the web host) to render its rows (the visible window
 * above 150) from navigation, and the time from starting one container through the Engine API
 * to its row showing "running". Render time runs from navigation to the rows, through the sidebar's
 * Containers button. Medians of REPETITIONS each. Ends with `list: ratio=R target<=2`,
 * R being the worse of the two ratios. Every container is labelled benchtop.bench=list and
 * removed at the end.
 */
import { chromium, type Browser } from '@playwright/test';
import Dockerode from 'dockerode';
import { startWebHostProcess } from '../e2e/support/web-host.ts';

const SMALL = 20;
const LARGE = 1000;
const REPETITIONS = 3;
const IMAGE = 'benchtop-test/busybox';
const LABEL = { 'benchtop.bench': 'list', 'benchtop.test': '1' };
const PREFIX = `bench-list-${process.pid}`;

function dockerClient(): Dockerode {
  const host = process.env.DOCKER_HOST;
  return new Dockerode({ socketPath: host?.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock' });
}

async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

let serial = 0;

async function createUpTo(docker: Dockerode, names: string[], count: number): Promise<void> {
  const missing: string[] = [];
  while (names.length + missing.length < count) missing.push(`${PREFIX}-${String(serial++).padStart(4, '0')}`);
  await inParallel(missing, 8, (name) => docker.createContainer({ name, Image: IMAGE, Cmd: ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'], Labels: LABEL }));
  names.push(...missing);
}

async function removeAll(docker: Dockerode): Promise<void> {
  const leftovers = await docker.listContainers({ all: true, filters: { label: ['benchtop.bench=list'] } });
  await inParallel(leftovers, 8, (c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => {}));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Measure {
  renderMs: number;
  changeMs: number;
}

async function measure(browser: Browser, url: string, docker: Dockerode, names: string[], total: number): Promise<Measure> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  try {
    const started = performance.now();
    await page.goto(url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Containers', exact: true }).click();
    // At least every bench container counted by the table (other containers may come and go),
    // and a bench container's row drawn.
    await page.waitForFunction(
      ({ total, prefix }) => {
        const table = document.querySelector('table[aria-label="Containers"]');
        if (!table || Number(table.getAttribute('aria-rowcount')) < total + 1) return false;
        return [...table.querySelectorAll('tbody tr')].some((row) => row.textContent?.includes(prefix));
      },
      { total, prefix: PREFIX },
      { polling: 'raf', timeout: 60_000 },
    ).catch(async (error: unknown) => {
      const rowcount = await page.locator('table[aria-label="Containers"]').getAttribute('aria-rowcount').catch(() => null);
      const present = (await docker.listContainers({ all: true, filters: { label: ['benchtop.bench=list'] } })).length;
      throw new Error(`The page did not show ${total} bench containers within 60 s (table rows: ${rowcount}, bench containers now: ${present}): ${String(error)}`);
    });
    const renderMs = performance.now() - started;

    // Start a bench container whose row is drawn (the newest are on top).
    const target = await page.evaluate(
      (prefix) =>
        [...document.querySelectorAll('table[aria-label="Containers"] tbody tr')]
          .map((row) => row.querySelector('.container-name')?.textContent ?? '')
          .find((name) => name.startsWith(prefix)) ?? '',
      PREFIX,
    );
    if (!target) throw new Error('No bench container row is drawn.');
    const row = page.getByRole('table', { name: 'Containers' }).getByRole('row').filter({ hasText: target });
    await row.getByText('created', { exact: true }).waitFor();
    const changeStarted = performance.now();
    await docker.getContainer(target).start();
    await row.getByText('running', { exact: true }).waitFor({ timeout: 30_000 });
    const changeMs = performance.now() - changeStarted;
    await docker.getContainer(target).remove({ force: true });
    names.splice(names.indexOf(target), 1);
    return { renderMs, changeMs };
  } finally {
    await page.close();
  }
}

async function run(browser: Browser, url: string, docker: Dockerode, names: string[], count: number): Promise<Measure> {
  const results: Measure[] = [];
  for (let round = 0; round < REPETITIONS; round++) {
    // Keep only the bench containers that still exist (another test may prune stopped ones).
    const existing = new Set((await docker.listContainers({ all: true, filters: { label: ['benchtop.bench=list'] } })).map((c) => c.Names[0].slice(1)));
    names.splice(0, names.length, ...names.filter((name) => existing.has(name)));
    await createUpTo(docker, names, count);
    results.push(await measure(browser, url, docker, names, names.length));
  }
  return { renderMs: median(results.map((r) => r.renderMs)), changeMs: median(results.map((r) => r.changeMs)) };
}

const docker = dockerClient();
await removeAll(docker);
const host = await startWebHostProcess();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
try {
  const names: string[] = [];
  const small = await run(browser, host.url, docker, names, SMALL);
  const large = await run(browser, host.url, docker, names, LARGE);
  const renderRatio = large.renderMs / small.renderMs;
  const changeRatio = large.changeMs / small.changeMs;
  console.log(`${SMALL} containers: render ${small.renderMs.toFixed(0)} ms, state change shown ${small.changeMs.toFixed(0)} ms (medians of ${REPETITIONS})`);
  console.log(`${LARGE} containers: render ${large.renderMs.toFixed(0)} ms, state change shown ${large.changeMs.toFixed(0)} ms (medians of ${REPETITIONS})`);
  console.log(`render ratio ${renderRatio.toFixed(2)}, state change ratio ${changeRatio.toFixed(2)}`);
  console.log(`list: ratio=${Math.max(renderRatio, changeRatio).toFixed(2)} target<=2`);
} finally {
  await browser.close();
  await host.stop();
  await removeAll(docker);
}
