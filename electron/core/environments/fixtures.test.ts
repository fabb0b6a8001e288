import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { unsupportedReason, type DevcontainerConfig } from '../../../shared/environments/model.ts';
import { parseDevcontainer, type ParseResult } from '../../../shared/environments/parse-devcontainer.ts';

const fixtures = fileURLToPath(new URL('../../../../shared/fixtures/devcontainer/', import.meta.url)).replace(/\/$/, '');

function parseFixture(name: string): ParseResult {
  const file = `${fixtures}/${name}/devcontainer.json`;
  return parseDevcontainer({ file, text: readFileSync(file, 'utf8'), localWorkspaceFolder: '/home/me/project', localEnv: {} });
}

function parsed(name: string): DevcontainerConfig {
  const result = parseFixture(name);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return result.config;
}

describe('the real devcontainer.json fixtures', () => {
  it('templates-python: an image with a template option placeholder, left alone and refused at launch', () => {
    const config = parsed('templates-python');
    expect(config.name).toBe('Python 3');
    expect(config.source).toEqual({ kind: 'image', image: 'mcr.microsoft.com/devcontainers/python:3-${templateOption:imageVariant}' });
    expect(config.workspaceFolder).toBe('/workspaces/project');
    expect(config.workspaceMount).toEqual({ type: 'bind', source: '/home/me/project', target: '/workspaces/project', readOnly: false });
    expect(config.warnings.join(' ')).toContain('${templateOption:imageVariant}');
    expect(unsupportedReason(config)).toMatch(/\$\{templateOption:imageVariant\} is a Dev Container Template option.*templates apply/);
  });

  it('templates-anaconda: build with context one level up, paths relative to the JSON file', () => {
    const config = parsed('templates-anaconda');
    expect(config.source).toEqual({ kind: 'build', dockerfile: `${fixtures}/templates-anaconda/Dockerfile`, context: fixtures, args: {}, target: null, cacheFrom: [] });
    expect(unsupportedReason(config)).toBeNull();
  });

  it('templates-miniconda-postgres: the compose variant, workspaceFolder from the folder basename', () => {
    const config = parsed('templates-miniconda-postgres');
    expect(config.source).toEqual({ kind: 'compose', files: [`${fixtures}/templates-miniconda-postgres/docker-compose.yml`], service: 'app', runServices: null });
    expect(config.workspaceFolder).toBe('/workspaces/project');
    expect(config.workspaceMount).toBeNull();
    expect(unsupportedReason(config)).toBeNull();
  });

  it('templates-docker-outside-of-docker-compose: Features are refused, naming the reference CLI', () => {
    const config = parsed('templates-docker-outside-of-docker-compose');
    expect(config.source.kind).toBe('compose');
    expect(config.remoteEnv).toEqual({ LOCAL_WORKSPACE_FOLDER: '/home/me/project' });
    expect(Object.keys(config.features)).toEqual(['ghcr.io/devcontainers/features/docker-outside-of-docker:1']);
    expect(unsupportedReason(config)).toMatch(/uses Features \(ghcr\.io\/devcontainers\/features\/docker-outside-of-docker:1\).*@devcontainers\/cli/);
  });

  it('pytorch-cuda: build args, --gpus all, a postCreateCommand string; refused for its Feature', () => {
    const config = parsed('pytorch-cuda');
    expect(config.source).toEqual({
      kind: 'build',
      dockerfile: `${fixtures}/pytorch-cuda/Dockerfile`,
      context: fixtures.replace(/\/devcontainer$/, ''),
      args: { USERNAME: 'vscode', BUILDKIT_INLINE_CACHE: '0', CUDA_VERSION: '11.8.0' },
      target: null,
      cacheFrom: [],
    });
    expect(config.runArgs.gpus).toBe('all');
    expect(config.lifecycle.postCreateCommand).toEqual({ kind: 'shell', command: 'bash scripts/install-dev-tools.sh' });
    expect(config.metadata.customizations).toEqual({ vscode: { extensions: ['streetsidesoftware.code-spell-checker'] } });
    expect(unsupportedReason(config)).toContain('ghcr.io/devcontainers/features/rust:1');
    expect(unsupportedReason(config)).toContain('@devcontainers/cli');
  });

  it('tensorflow-legacy: trailing commas, dockerFile, legacy settings/extensions, a named-volume mount, --cap-add', () => {
    const config = parsed('tensorflow-legacy');
    expect(config.source).toMatchObject({ kind: 'build', dockerfile: `${fixtures}/tensorflow-legacy/Dockerfile`, context: `${fixtures}/tensorflow-legacy` });
    expect(config.mounts).toEqual([{ type: 'volume', source: 'tensorflow_cache', target: '/home/vscode/.cache/bazel/', readOnly: false }]);
    expect(config.runArgs.capAdd).toEqual(['SYS_PTRACE']);
    expect(config.remoteUser).toBe('vscode');
    const vscode = (config.metadata.customizations as { vscode: { extensions: string[]; settings: Record<string, unknown> } }).vscode;
    expect(vscode.extensions).toEqual(['ms-python.python', 'ms-vscode.cpptools']);
    expect(vscode.settings['python.testing.pytestEnabled']).toBe(true);
    expect(config.warnings.join(' ')).toContain('old format');
    expect(unsupportedReason(config)).toBeNull();
  });

  it('mlflow-compose: dockerComposeFile as a string, overrideCommand true', () => {
    const config = parsed('mlflow-compose');
    expect(config.source).toEqual({ kind: 'compose', files: [`${fixtures}/mlflow-compose/docker-compose.yml`], service: 'mlflow', runServices: null });
    expect(config.overrideCommand).toBe(true);
    expect(config.workspaceFolder).toBe('/workspaces/mlflow');
    expect(config.lifecycle.postCreateCommand).toEqual({ kind: 'shell', command: '.devcontainer/postCreate.sh' });
  });

  it('langchain-features: an image with a Feature, refused naming the reference CLI', () => {
    const config = parsed('langchain-features');
    expect(config.source).toEqual({ kind: 'image', image: 'mcr.microsoft.com/devcontainers/python:1-3.11-bullseye' });
    expect(config.features).toEqual({ 'ghcr.io/devcontainers-contrib/features/poetry:2': { version: '1.6.1' } });
    expect(unsupportedReason(config)).toMatch(/^.*langchain-features\/devcontainer\.json: this config uses Features.*npx @devcontainers\/cli up/);
  });

  it('sirf-exercises-gpu: the schema-invalid hostRequirements.gpu.storage is refused at its line and column', () => {
    const result = parseFixture('sirf-exercises-gpu');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        file: `${fixtures}/sirf-exercises-gpu/devcontainer.json`,
        line: 7,
        column: 24,
        message: '"storage" is not a property of hostRequirements.gpu (allowed: cores, memory)',
      },
    ]);
  });
});
