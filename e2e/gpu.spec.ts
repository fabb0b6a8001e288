import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createFakeToolsDir,
  GTX_1070X2_QUERY_GPU_CSV,
  nvidiaSmiScript,
  type FakeToolsDir,
} from '../electron/core/gpu/testing/fake-gpu-tools.ts';
import { containerName, docker, expect, screenshotsDir, test } from './support/fixtures.ts';
import { startWebHostProcess, type RunningWebHost } from './support/web-host.ts';

// There is no GPU here: a fake nvidia-smi first on the web host's PATH prints a real 2x GTX 1070
// capture (-q -x), a CSV derived by hand from it (--query-gpu) and a process list in which one
// process is a real busybox container's main PID, so the page must map it to that container.
const XML = fileURLToPath(new URL('../../shared/fixtures/gpu/nvidia-smi-q-x_driver-384.66_gtx-1070x2_procs.xml', import.meta.url));

let host: RunningWebHost | undefined;
let tools: FakeToolsDir | undefined;
const name = containerName('benchtop-e2e-gpu');

test.afterAll(async () => {
  await host?.stop();
  tools?.remove();
  try {
    docker('rm', '-f', name);
  } catch {
    // already gone
  }
});

test('the GPU page shows each GPU of a fake multi-GPU nvidia-smi, its processes with their container, and why containers cannot use them', async ({ openInBrowser }, testInfo) => {
  test.skip(testInfo.project.name === 'electron', 'drives a second web host with a fake nvidia-smi on PATH');
  docker('run', '-d', '--name', name, '--label', 'benchtop.test=1', 'benchtop-test/busybox', 'sleep', '300');
  const pid = docker('inspect', '--format', '{{.State.Pid}}', name);

  tools = createFakeToolsDir(process.env.PATH);
  const computeApps = tools.writeData(
    'compute-apps.csv',
    `GPU-e511a7b2-f9d5-ba47-9b98-853732ca6c1b, 1357, /usr/lib/xorg/Xorg, 99\nGPU-28daffaf-8abe-aaf8-c298-4bd13aecb5e6, ${pid}, python3 train.py, 2283\n`,
  );
  tools.write('nvidia-smi', nvidiaSmiScript({ xml: XML, queryGpuCsv: tools.writeData('query-gpu.csv', GTX_1070X2_QUERY_GPU_CSV), computeAppsCsv: computeApps }));
  host = await startWebHostProcess({ PATH: tools.path });

  const page = await openInBrowser(host.url);
  await page.getByRole('button', { name: 'GPUs', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'GPUs', exact: true })).toBeVisible();
  const gpu0 = page.getByRole('region', { name: 'GPU 0: GeForce GTX 1070', exact: true });
  const gpu1 = page.getByRole('region', { name: 'GPU 1: GeForce GTX 1070', exact: true });
  await expect(gpu0).toBeVisible();
  await expect(gpu1).toBeVisible();
  await expect(gpu0).toContainText('384.66');
  await expect(gpu0).toContainText('7.9 GiB');
  // Live values from the CSV poll.
  await expect(gpu1).toContainText('98 %');
  await expect(gpu1).toContainText('139 W / 180 W');
  await expect(gpu0.getByRole('img', { name: 'Utilisation chart', exact: true })).toBeVisible();

  // Processes: the host's Xorg on GPU 0, the container's process on GPU 1 with its name and memory.
  await expect(gpu0.getByRole('table', { name: 'Processes on GPU 0', exact: true })).toContainText('host');
  const processes1 = gpu1.getByRole('table', { name: 'Processes on GPU 1', exact: true });
  await expect(processes1).toContainText(name);
  await expect(processes1).toContainText('python3 train.py');
  await expect(gpu1.getByRole('list', { name: 'GPU memory per container on GPU 1', exact: true })).toContainText('2.2 GiB');

  // The engine here has no NVIDIA runtime: the reason and the fix, then Test GPU confirms it with the engine's words.
  const readiness = page.getByRole('region', { name: 'Engine GPU readiness', exact: true });
  await expect(readiness).toContainText('Toolkit missing');
  await expect(readiness).toContainText('nvidia-ctk runtime configure');
  await page.getByRole('button', { name: 'Test GPU', exact: true }).click();
  await expect(readiness.getByRole('status')).toContainText('could not select device driver', { timeout: 30_000 });

  // A few polls so the charts have a line (every 2 s while the page is visible).
  await expect(gpu0.getByRole('img', { name: 'Power chart', exact: true }).locator('polyline')).toHaveAttribute('points', /^\S+ \S+ \S+/, { timeout: 15_000 });

  await page.getByText('Details', { exact: true }).click();
  await expect(page.getByRole('table', { name: 'Probe log', exact: true })).toContainText('nvidia-smi -q -x');
  await page.screenshot({ path: join(screenshotsDir, 'web-gpu-01-two-gpus.png'), fullPage: true });

  // The Home dashboard's GPU tile and the Run dialog list the same GPUs; here, with the reason they cannot be used yet.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Home', exact: true }).click();
  const tile = page.getByRole('region', { name: 'GPUs', exact: true });
  await expect(tile.locator('.figure').filter({ hasText: 'GPUs' })).toHaveText(/^\s*2\s*GPUs\s*$/);
  await expect(tile).toContainText('GeForce GTX 1070');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Containers', exact: true }).click();
  await page.getByRole('button', { name: 'Run a container', exact: true }).click();
  const gpuField = page.getByRole('dialog', { name: 'Run a container' }).getByRole('group', { name: 'GPUs', exact: true });
  const detected = gpuField.getByRole('group', { name: 'Detected GPUs', exact: true });
  await expect(detected.getByRole('checkbox', { name: 'GPU 0: GeForce GTX 1070', exact: true })).toBeVisible();
  await expect(detected.getByRole('checkbox', { name: 'GPU 1: GeForce GTX 1070', exact: true })).toBeVisible();
  await expect(gpuField).toContainText('nvidia-ctk runtime configure');
  await page.screenshot({ path: join(screenshotsDir, 'web-gpu-03-run-dialog.png') });
});

test('with no GPU tools the GPU page shows one card with the reason and the fix', async ({ openInBrowser }, testInfo) => {
  test.skip(testInfo.project.name === 'electron', 'drives a second web host with a PATH that has no GPU tools');
  const empty = createFakeToolsDir('/usr/bin:/bin');
  const bare = await startWebHostProcess({ PATH: empty.path });
  try {
    const page = await openInBrowser(bare.url);
    await page.getByRole('button', { name: 'GPUs', exact: true }).click();
    const card = page.getByRole('region', { name: 'No GPU detected, containers will run on CPU', exact: true });
    await expect(card).toBeVisible();
    await expect(card).toContainText('What to do:');
    await expect(page.getByRole('region', { name: /^GPU \d/ })).toHaveCount(0);
    await page.screenshot({ path: join(screenshotsDir, 'web-gpu-02-no-gpu.png') });
  } finally {
    await bare.stop();
    empty.remove();
  }
});
