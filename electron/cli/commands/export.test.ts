import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from './test-support.ts';

const example = new URL('../../../resources/examples/train-and-select/pipeline.yaml', import.meta.url).pathname;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[]) => runCliCaptured(args, {});

describe('benchtop export', () => {
  it('prints the Argo export with its warnings on stderr, and writes -o OUT only once without --force', async () => {
    const printed = await cli(['export', 'argo', example, '--namespace', 'ml', '--artifact-repository-ref', 'my-repos:minio']);
    expect(printed.code).toBe(0);
    expect(printed.out).toMatch(/kind: WorkflowTemplate\nmetadata:\n {2}name: train-and-select\n {2}namespace: ml\n/);
    expect(printed.out).toMatch(/artifactRepositoryRef:\n {4}configMap: my-repos\n {4}key: minio\n/);
    expect(printed.err).toMatch(/^warning: pipeline: params\.test-size\.type: /m);

    const dir = mkdtempSync(join(tmpdir(), 'benchtop-cli-export-'));
    dirs.push(dir);
    const out = join(dir, 'ci.yml');
    const written = await cli(['export', 'github-actions', example, '-o', out]);
    expect(written).toMatchObject({ code: 0, out: '' });
    expect(written.err).toMatch(`wrote Workflow to ${out}`);
    expect(readFileSync(out, 'utf8')).toMatch(/workflow_dispatch:/);
    const again = await cli(['export', 'github-actions', example, '-o', out]);
    expect(again).toMatchObject({ code: 1, err: `benchtop: ${out} already exists: pass --force to replace it.\n` });
    expect((await cli(['export', 'github-actions', example, '-o', out, '--force'])).code).toBe(0);
  });

  it('refuses by name and exits 1 without writing; usage mistakes exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'benchtop-cli-export-'));
    dirs.push(dir);
    const file = join(dir, 'p.yaml');
    writeFileSync(file, 'apiVersion: benchtop/v1\nkind: Pipeline\nmetadata: { name: p, labels: { tier: "not a label value" } }\nsteps:\n  a: { image: busybox, command: [echo] }\n');
    const refused = await cli(['export', 'argo', file, '-o', join(dir, 'out.yaml')]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^error: pipeline: metadata\.labels\.tier: "tier: not a label value" is not a valid Kubernetes label/m);
    expect(refused.err).toMatch(/not exported \(1 error\(s\) above\); nothing was written/);
    expect((await cli(['export', 'kubeflow', file])).code).toBe(2);
    expect((await cli(['export', 'github-actions', file, '--namespace', 'x'])).code).toBe(2);
  });
});
