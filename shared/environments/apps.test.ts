import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../domain/containers.ts';
import { appEnvironment, appHealthPath, appOpenPath, type LaunchedApp } from './apps.ts';
import { ENV_LABEL } from './labels.ts';
import { parseDevcontainer } from './parse-devcontainer.ts';
import { formatProblem } from './problems.ts';
import { environmentsFromContainers } from './summary.ts';

const jupyter = {
  name: 'jupyterlab',
  label: 'JupyterLab',
  port: 8888,
  path: 'lab?token={token}',
  tokenEnv: 'JUPYTER_TOKEN',
  basePath: { env: 'NOTEBOOK_ARGS', value: '--ServerApp.base_url={basePath}' },
  health: { path: 'api/status?token={token}', startupSeconds: 60 },
};

function parse(apps: unknown): ReturnType<typeof parseDevcontainer> {
  const text = `{\n  "image": "x",\n  "customizations": {\n    "vscode": {},\n    "benchtop": { "apps": ${JSON.stringify(apps)} }\n  }\n}\n`;
  return parseDevcontainer({ file: '/p/.devcontainer/devcontainer.json', text });
}

describe('customizations.benchtop.apps', () => {
  it('parses apps with defaults for the health timings', () => {
    const result = parse([jupyter, { name: 'tensorboard', label: 'TensorBoard', port: 6006, health: { path: '' } }]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.apps).toEqual([
      { ...jupyter, health: { path: 'api/status?token={token}', startupSeconds: 60, intervalSeconds: 10 } },
      { name: 'tensorboard', label: 'TensorBoard', port: 6006, path: '', tokenEnv: null, basePath: null, health: { path: '', startupSeconds: 120, intervalSeconds: 10 } },
    ]);
  });

  it('reports each problem at file:line:column and changes nothing', () => {
    const result = parse([{ name: 'Jupyter Lab', label: 'x', port: 70000, health: { path: 1, retries: 3 } }, { ...jupyter, basePath: { env: 'NOTEBOOK_ARGS', value: 'no placeholder' } }, jupyter, jupyter]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.problems.map(formatProblem);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/p\/\.devcontainer\/devcontainer\.json:5:\d+: customizations\.benchtop\.apps\[0\]\.name must be a lower-case id/),
        expect.stringMatching(/:5:\d+: customizations\.benchtop\.apps\[0\]\.port must be the port in the container, 1-65535/),
        expect.stringMatching(/:5:\d+: "retries" is not a property of customizations\.benchtop\.apps\[0\]\.health/),
        expect.stringMatching(/:5:\d+: customizations\.benchtop\.apps\[1\]\.basePath must be \{ "env": VARIABLE, "value": "…\{basePath\}…" \}/),
        expect.stringMatching(/:5:\d+: customizations\.benchtop\.apps\[3\]: the name "jupyterlab" is used twice/),
      ]),
    );
    expect(parse({ jupyter }).ok).toBe(false);
    expect(parse([{ name: 'a', label: 'A', port: 1 }]).ok).toBe(false); // no health check
  });

  it('adds the token and appends the base path to the variable the config already sets', () => {
    const app: LaunchedApp = { ...jupyter, health: { ...jupyter.health, intervalSeconds: 10 }, token: 'abc' };
    expect(appEnvironment([app], '0123456789ab', { NOTEBOOK_ARGS: '--ServerApp.root_dir=/workspace' })).toEqual({
      JUPYTER_TOKEN: 'abc',
      NOTEBOOK_ARGS: '--ServerApp.root_dir=/workspace --ServerApp.base_url=/apps/0123456789ab/jupyterlab/',
    });
    expect(appOpenPath(app, '0123456789ab')).toBe('/apps/0123456789ab/jupyterlab/lab?token=abc');
    expect(appHealthPath(app, '0123456789ab')).toBe('/apps/0123456789ab/jupyterlab/api/status?token=abc');
    const plain: LaunchedApp = { ...app, name: 'demo', basePath: null, path: '', tokenEnv: null, token: null, health: { path: 'healthz', startupSeconds: 5, intervalSeconds: 5 } };
    expect(appOpenPath(plain, '0123456789ab')).toBe('/');
    expect(appHealthPath(plain, '0123456789ab')).toBe('/healthz');
  });

  it('the summary gives each app its direct URL and its path through the web host', () => {
    const app: LaunchedApp = { ...jupyter, health: { ...jupyter.health, intervalSeconds: 10 }, token: 't0k' };
    const demo: LaunchedApp = { ...app, name: 'demo', label: 'Demo', port: 7860, basePath: null, path: 'ui', tokenEnv: null, token: null };
    const container = {
      id: 'c1',
      name: 'env',
      state: 'running',
      status: 'Up',
      image: 'benchtop-test/jupyterlab',
      created: 1,
      composeProject: null,
      ports: [{ privatePort: 8888, publicPort: 8890, type: 'tcp', ip: '127.0.0.1' }],
      labels: { 'devcontainer.local_folder': '/p', 'devcontainer.config_file': '/p/x.json', [ENV_LABEL.id]: '0123456789ab', [ENV_LABEL.apps]: JSON.stringify([app, demo]) },
    } as unknown as ContainerSummary;
    const [env] = environmentsFromContainers([container]);
    expect(env?.apps).toEqual([
      { name: 'jupyterlab', label: 'JupyterLab', containerPort: 8888, hostPort: 8890, url: 'http://localhost:8890/apps/0123456789ab/jupyterlab/lab?token=t0k', webPath: '/apps/0123456789ab/jupyterlab/lab?token=t0k' },
      { name: 'demo', label: 'Demo', containerPort: 7860, hostPort: null, url: null, webPath: '/apps/0123456789ab/demo/ui' },
    ]);
  });
});
