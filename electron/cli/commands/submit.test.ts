// There is no Kubernetes cluster on our machines: `benchtop submit` runs against a loopback HTTPS
// server (electron/core/exports/test-support/fake-argo-api.ts) that checks each request and answers like the
// Kubernetes API with Argo Workflows installed.
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeArgoApi, type FakeArgoApi } from '../../core/exports/test-support/fake-argo-api.ts';
import { runCli } from '../main.ts';

const example = new URL('../../../resources/examples/busybox-select/pipeline.yaml', import.meta.url);
let api: FakeArgoApi | null = null;

afterEach(async () => {
  await api?.close();
  api = null;
});

function sink() {
  let out = '';
  return { stream: { write: (chunk: string) => ((out += chunk), true) } as unknown as NodeJS.WritableStream, text: () => out };
}

describe('benchtop submit (loopback fake of the Kubernetes API, no real cluster)', () => {
  it('benchtop submit prints phases and logs and exits 1 when the workflow fails', async () => {
    api = await startFakeArgoApi({ failTask: 'train-a' });
    const out = sink();
    const err = sink();
    const code = await runCli(['submit', example.pathname, '--context', 'other', '--namespace', 'team-a', '--param', 'rows=3'], { stdout: out.stream, stderr: err.stream, env: { KUBECONFIG: api.kubeconfig } }, new AbortController().signal);
    expect(api.rejected).toEqual([]);
    expect(code).toBe(1);
    expect(api.requests[0].path).toBe('/apis/argoproj.io/v1alpha1/namespaces/team-a/workflows');
    expect(out.text()).toMatch(/workflow busybox-select-\w{5} created in namespace team-a \(context other\)/);
    expect(out.text()).toMatch(/train-a Failed: Error \(exit code 1\)/);
    expect(out.text()).toMatch(/ {2}select \| log of busybox-select-\w{5}-select-pod/);
    expect(out.text()).toMatch(/workflow busybox-select-\w{5} Failed\n$/);
  }, 30_000);

  it('Ctrl-C stops following and says how to delete the workflow that keeps running', async () => {
    api = await startFakeArgoApi();
    const out = sink();
    const err = sink();
    const controller = new AbortController();
    const running = runCli(['submit', example.pathname, '--context', 'fake'], { stdout: out.stream, stderr: err.stream, env: { KUBECONFIG: api.kubeconfig } }, controller.signal);
    while (!out.text().includes('pull Running')) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    expect(await running).toBe(130);
    expect(err.text()).toMatch(/Stopped following\. Workflow (busybox-select-\w{5}) keeps running on the cluster; delete it with: kubectl delete workflow \1 -n ml --context fake/);
  });

});
