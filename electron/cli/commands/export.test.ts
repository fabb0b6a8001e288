import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../main.ts';

const example = new URL('../../../resources/examples/train-and-select/pipeline.yaml', import.meta.url).pathname;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (chunk: string) => ((stdout += chunk), true) } as unknown as NodeJS.WritableStream,
    stderr: { write: (chunk: string) => ((stderr += chunk), true) } as unknown as NodeJS.WritableStream,
    env: {},
  };
  const code = await runCli(args, io, new AbortController().signal);
  return { code, stdout, stderr };
}

describe('benchtop export', () => {
  it('prints the Argo export with its warnings on stderr, and writes -o OUT only once without --force', async () => {
    const printed = await cli(['export', 'argo', example, '--namespace', 'ml', '--artifact-repository-ref', 'my-repos:minio']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/kind: WorkflowTemplate\nmetadata:\n {2}name: train-and-select\n {2}namespace: ml\n/);
    expect(printed.stdout).toMatch(/artifactRepositoryRef:\n {4}configMap: my-repos\n {4}key: minio\n/);
    expect(printed.stderr).toMatch(/^warning: pipeline: params\.test-size\.type: /m);

    const dir = mkdtempSync(join(tmpdir(), 'benchtop-cli-export-'));
    dirs.push(dir);
    const out = join(dir, 'ci.yml');
    const written = await cli(['export', 'github-actions', example, '-o', out]);
    expect(written).toMatchObject({ code: 0, stdout: '' });
    expect(written.stderr).toMatch(`wrote Workflow to ${out}`);
    expect(readFileSync(out, 'utf8')).toMatch(/workflow_dispatch:/);
    const again = await cli(['export', 'github-actions', example, '-o', out]);
    expect(again).toMatchObject({ code: 1, stderr: `benchtop: ${out} already exists: pass --force to replace it.\n` });
    expect((await cli(['export', 'github-actions', example, '-o', out, '--force'])).code).toBe(0);
  });

  it('refuses by name and exits 1 without writing; usage mistakes exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'benchtop-cli-export-'));
    dirs.push(dir);
    const file = join(dir, 'p.yaml');
    writeFileSync(file, 'apiVersion: benchtop/v1\nkind: Pipeline\nmetadata: { name: p, labels: { tier: "not a label value" } }\nsteps:\n  a: { image: busybox, command: [echo] }\n');
    const refused = await cli(['export', 'argo', file, '-o', join(dir, 'out.yaml')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: pipeline: metadata\.labels\.tier: "tier: not a label value" is not a valid Kubernetes label/m);
    expect(refused.stderr).toMatch(/not exported \(1 error\(s\) above\); nothing was written/);
    expect((await cli(['export', 'kubeflow', file])).code).toBe(2);
    expect((await cli(['export', 'github-actions', file, '--namespace', 'x'])).code).toBe(2);
  });
});
