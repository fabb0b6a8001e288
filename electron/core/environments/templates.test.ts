import { describe, expect, it } from 'vitest';
import { parseDevcontainer } from '../../../shared/environments/parse-devcontainer.ts';
import { resolveEnvironment } from '../../../shared/environments/resolved.ts';
import { environmentCreateOptions } from './create-options.ts';
import { createTemplateCatalog } from './templates.ts';

function resolvedTemplate(id: string) {
  const template = createTemplateCatalog({ BENCHTOP_TEST_TEMPLATES: '1' }).get(id);
  const parsed = parseDevcontainer({ file: `template ${id}`, text: JSON.stringify(template.devcontainer), localWorkspaceFolder: '/home/me/project' });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return resolveEnvironment(parsed.config, '/home/me/project', { id, version: template.version, app: template.app });
}

describe('bundled templates', () => {
  it('lists the four user templates; the test template only with BENCHTOP_TEST_TEMPLATES=1', () => {
    expect(createTemplateCatalog({}).list().map((t) => t.id)).toEqual(['jupyterlab-cpu', 'pytorch-cuda-jupyterlab', 'tensorflow-jupyterlab', 'sklearn-pandas-minimal']);
    expect(createTemplateCatalog({ BENCHTOP_TEST_TEMPLATES: '1' }).list().map((t) => t.id)).toContain('test-busybox-http');
    expect(() => createTemplateCatalog({}).get('test-busybox-http')).toThrow(/no environment template "test-busybox-http"/);
  });

  it('every template mounts the folder at /workspace and parses as a devcontainer.json', () => {
    for (const template of createTemplateCatalog({ BENCHTOP_TEST_TEMPLATES: '1' }).list()) {
      const resolved = resolvedTemplate(template.id);
      expect(resolved.mounts[0]).toEqual({ type: 'bind', source: '${localWorkspaceFolder}', target: '/workspace', readOnly: false });
      expect(resolved.workspaceFolder).toBe('/workspace');
    }
  });

  it('PyTorch: the image, JupyterLab on 8888 with its token variable, 8 GB shm, GPUs when ready', () => {
    const resolved = resolvedTemplate('pytorch-cuda-jupyterlab');
    expect(resolved.app).toEqual({ label: 'JupyterLab', port: 8888, path: '/lab?token={token}', tokenEnv: 'JUPYTER_TOKEN' });
    expect(resolved.gpu).toEqual({ from: 'hostRequirements', value: '"optional"', required: false });
    expect(resolved.overrideCommand).toBe(false);
    const options = environmentCreateOptions(resolved, {
      name: 'x',
      image: 'quay.io/jupyter/pytorch-notebook:cuda12-python-3.12',
      localFolder: '/home/me/project',
      hostPorts: new Map([['8888/tcp', 8890]]),
      deviceRequests: [{ Driver: '', Count: -1, Capabilities: [['gpu']], Options: {} }],
      labels: {},
      extraEnv: { JUPYTER_TOKEN: 'abc' },
    });
    expect(options.HostConfig?.ShmSize).toBe(8 * 1024 ** 3);
    expect(options.HostConfig?.RestartPolicy).toEqual({ Name: 'unless-stopped' });
    expect(options.HostConfig?.DeviceRequests).toHaveLength(1);
    expect(options.HostConfig?.PortBindings).toEqual({ '8888/tcp': [{ HostIp: '127.0.0.1', HostPort: '8890' }] });
    expect(options.HostConfig?.Mounts?.[0]).toEqual({ Type: 'bind', Source: '/home/me/project', Target: '/workspace', ReadOnly: false });
    expect(options.Env).toEqual(['NOTEBOOK_ARGS=--ServerApp.root_dir=/workspace', 'JUPYTER_TOKEN=abc']);
    expect(options.Entrypoint).toBeUndefined();
  });
});
