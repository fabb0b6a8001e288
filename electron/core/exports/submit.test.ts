// There is no Kubernetes cluster on our machines: these tests submit to a loopback HTTP server
// (test-support/fake-argo-api.ts) that checks every request — path, verb, the bearer token of the temp
// kubeconfig, the body validated as a Workflow by @kubernetes-models/argo-workflows and our lint —
// and answers like the Kubernetes API with Argo installed.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeArgoApi, type FakeArgoApi } from './test-support/fake-argo-api.ts';
import { followWorkflow, loadKubeConfig, useContext } from './kube-cluster.ts';
import { submitPipeline } from './submit.ts';
import type { FollowEvent } from '../../../shared/api/methods/exports.ts';

const example = new URL('../../../resources/examples/busybox-select/pipeline.yaml', import.meta.url);
const text = readFileSync(example, 'utf8');
let api: FakeArgoApi | null = null;

afterEach(async () => {
  await api?.close();
  api = null;
});

describe('submit to a cluster (loopback fake of the Kubernetes API, no real cluster)', () => {
  it('creates a self-contained Workflow with the run params, then follows node phases and pod logs to Succeeded', async () => {
    api = await startFakeArgoApi();
    const env = { KUBECONFIG: api.kubeconfig, HOME: '/nonexistent' };
    const submitted = await submitPipeline({ text, file: example.pathname, context: 'fake', params: { rows: '7' } }, env);
    expect(submitted).toMatchObject({ namespace: 'ml', context: 'fake' });
    expect(submitted.name).toMatch(/^busybox-select-[a-z0-9]{5}$/);
    expect(api.rejected).toEqual([]);
    expect(api.requests[0]).toMatchObject({ method: 'POST', path: '/apis/argoproj.io/v1alpha1/namespaces/ml/workflows', authorization: `Bearer ${api.token}` });
    const workflow = api.created[0] as unknown as { metadata: Record<string, unknown>; spec: { arguments: { parameters: { name: string; value: string }[] }; workflowTemplateRef?: unknown; templates: unknown[] } };
    expect(workflow.metadata.generateName).toBe('busybox-select-');
    expect(workflow.spec.workflowTemplateRef).toBeUndefined();
    expect(workflow.spec.templates).toHaveLength(6);
    expect(workflow.spec.arguments.parameters).toEqual([
      { name: 'image', value: 'busybox:1.36', description: 'Any image with busybox sh, seq and awk; pulled when not on this machine.' },
      { name: 'rows', value: '7' },
    ]);

    const { config } = loadKubeConfig(env);
    const target = useContext(config, 'fake', undefined);
    const events: FollowEvent[] = [];
    const phase = await followWorkflow(target.config, target.namespace, submitted.name, (e) => events.push(e), new AbortController().signal, { logs: true, intervalMs: 5, maxIntervalMs: 20 });
    expect(phase).toBe('Succeeded');
    expect(api.rejected).toEqual([]);
    const nodePhases = events.filter((e) => e.type === 'node').map((e) => `${e.displayName}:${e.phase}`);
    expect(nodePhases).toEqual(['pull:Running', 'pull:Succeeded', 'features:Running', 'features:Succeeded', 'train-a:Running', 'train-a:Succeeded', 'train-b:Running', 'train-b:Succeeded', 'select:Running', 'select:Succeeded']);
    expect(events.filter((e) => e.type === 'workflow').map((e) => e.phase)).toEqual(['Running', 'Succeeded']);
    const logs = events.flatMap((e) => (e.type === 'log' ? [`${e.displayName}: ${e.text.split('\n')[0]}`] : []));
    expect(logs).toEqual(['pull', 'features', 'train-a', 'train-b', 'select'].map((t) => `${t}: log of ${submitted.name}-${t}-pod`));
    const logRequest = api.requests.find((r) => r.path.includes('/log'));
    expect(logRequest).toMatchObject({ method: 'GET', path: `/api/v1/namespaces/ml/pods/${submitted.name}-pull-pod/log?container=main`, authorization: `Bearer ${api.token}` });
  });

  it('carries every given param into spec.arguments.parameters, and refuses a bad or unknown param before any request', async () => {
    api = await startFakeArgoApi();
    const env = { KUBECONFIG: api.kubeconfig, HOME: '/nonexistent' };
    await submitPipeline({ text, file: null, context: 'fake', params: { image: 'registry.example/busybox:1.36', rows: '42' } }, env);
    expect(api.rejected).toEqual([]);
    const workflow = api.created[0] as unknown as { spec: { arguments: { parameters: { name: string; value: string }[] } } };
    expect(workflow.spec.arguments.parameters.map(({ name, value }) => [name, value])).toEqual([
      ['image', 'registry.example/busybox:1.36'],
      ['rows', '42'],
    ]);

    api.requests.length = 0;
    await expect(submitPipeline({ text, file: null, context: 'fake', params: { rows: 'forty-two' } }, env)).rejects.toThrow(/^Not submitted: Param "rows" is a int; "forty-two" is not\.$/);
    await expect(submitPipeline({ text, file: null, context: 'fake', params: { rows: '4.2' } }, env)).rejects.toThrow(/Param "rows" is a int; "4\.2" is not\./);
    await expect(submitPipeline({ text, file: null, context: 'fake', params: { row: '42' } }, env)).rejects.toThrow(/Unknown param "row"; this pipeline declares image, rows\./);
    expect(api.requests).toEqual([]);
    expect(api.created).toHaveLength(1);
  });

  it('refuses an unknown context, a wrong token and an invalid pipeline with one precise line', async () => {
    api = await startFakeArgoApi();
    await expect(submitPipeline({ text, file: null, context: 'nope', params: {} }, { KUBECONFIG: api.kubeconfig })).rejects.toThrow(/no context "nope"; it has fake, other/);
    await expect(submitPipeline({ text: text.replace('rows: { type: int, default: 100 }', 'rows: { type: int }'), file: null, context: 'fake', params: {} }, { KUBECONFIG: api.kubeconfig })).rejects.toThrow(/Param "rows" has no default/);
    await expect(submitPipeline({ text: 'kind: Pipeline', file: null, context: 'fake', params: {} }, { KUBECONFIG: api.kubeconfig })).rejects.toThrow(/Not submitted: the export was refused\. error: pipeline: apiVersion: pipeline\.yaml:1:1/);
    const badToken = readFileSync(api.kubeconfig, 'utf8').replace(api.token, 'wrong');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(api.kubeconfig, badToken);
    await expect(submitPipeline({ text, file: null, context: 'fake', params: {} }, { KUBECONFIG: api.kubeconfig })).rejects.toThrow(/refused to create a Workflow in namespace ml \(HTTP 401\): check the context's credentials and RBAC/);
    expect(api.rejected).toEqual([expect.stringMatching(/missing or wrong bearer token \(Bearer wrong\)/)]);
    expect(api.created).toEqual([]);
  });
});
