import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ComposeProblem } from '../../../shared/domain/compose-model.ts';
import { ComposeLoadError } from './compose-problem.ts';
import { loadComposeProject } from './load-project.ts';

const fixtures = fileURLToPath(new URL('../../../../shared/fixtures/compose/', import.meta.url));
const broken = fileURLToPath(new URL('./testdata/broken/', import.meta.url));
/** A fixed shell: what the fixtures read from the host (genai-stack's $PWD) and nothing else. */
const shell = { PWD: '/home/user/genai' };

/** Paths made portable for the snapshot. */
function portable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value).split(fixtures.replace(/\/$/, '')).join('<fixtures>').split(homedir()).join('<home>'));
}

function problemsOf(run: () => unknown): ComposeProblem[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ComposeLoadError) return error.problems;
    throw error;
  }
  throw new Error('expected the load to fail');
}

const temps: string[] = [];
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'benchtop-compose-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the real-world fixtures', () => {
  const names = readdirSync(fixtures, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'LICENSES')
    .map((entry) => entry.name);

  it('finds all twelve', () => {
    expect(names).toHaveLength(12);
  });

  /** Every optional service that can run beside the others (invokeai's profiles are alternatives: same host port). */
  const profiles: Record<string, string[]> = {
    'airflow-celery': ['flower', 'debug'],
    'genai-stack': ['linux-gpu'],
    'nvidia-rag-vectordb': ['milvus', 'elasticsearch'],
  };
  for (const name of names) {
    it(`${name} loads to the reviewed model`, () => {
      const loaded = loadComposeProject({ files: [join(fixtures, name, 'compose.yaml')], env: shell, profiles: profiles[name] ?? [] });
      expect(portable(loaded)).toMatchSnapshot();
    });
  }

  it('profiles: services without profiles always run, others only when named', () => {
    const file = join(fixtures, 'invokeai-gpu-profiles', 'compose.yaml');
    expect(Object.keys(loadComposeProject({ files: [file], env: shell }).services)).toEqual(['invokeai-nvidia']);
    expect(problemsOf(() => loadComposeProject({ files: [file], env: shell, profiles: ['rocm'] }))[0].message).toMatch(
      /host port 9090\/tcp is published by both "invokeai-nvidia" and "invokeai-rocm"/,
    );
    expect(problemsOf(() => loadComposeProject({ files: [file], env: { ...shell, COMPOSE_PROFILES: 'cpu' } }))[0].message).toMatch(/"invokeai-nvidia" and "invokeai-cpu"/);
  });

  it('GPU reservations become compose device requests', () => {
    const genai = loadComposeProject({ files: [join(fixtures, 'genai-stack', 'compose.yaml')], env: shell, profiles: ['linux-gpu'] });
    expect(genai.services['llm-gpu'].deviceRequests).toEqual([{ Driver: 'nvidia', Count: -1, DeviceIDs: [], Capabilities: [['gpu']], Options: {} }]);
    const rag = loadComposeProject({ files: [join(fixtures, 'nvidia-rag-vectordb', 'compose.yaml')], env: { VECTORSTORE_GPU_DEVICE_ID: '3' }, profiles: ['milvus'] });
    expect(rag.services.milvus.deviceRequests).toEqual([{ Driver: 'nvidia', Count: 0, DeviceIDs: ['3'], Capabilities: [['gpu']], Options: {} }]);
  });

  it('.env values may reference earlier ones, and the shell wins over .env', () => {
    const file = join(fixtures, 'mlflow-postgres-s3', 'compose.yaml');
    const fromDotenv = loadComposeProject({ files: [file], env: {} });
    const fromShell = loadComposeProject({ files: [file], env: { POSTGRES_USER: 'shell-user' } });
    expect(fromDotenv.services.postgres.environment.POSTGRES_USER).toBe('mlflow');
    expect(fromShell.services.postgres.environment.POSTGRES_USER).toBe('shell-user');
  });

  it('include + extends resolve build relative to the included file', () => {
    const loaded = loadComposeProject({ files: [join(fixtures, 'composego-include-extends', 'compose.yaml')], env: {} });
    expect(loaded.services.service.build?.context).toBe(join(fixtures, 'composego-include-extends', 'dir'));
  });
});

describe('the project name', () => {
  const file = (dir: string) => join(dir, 'compose.yaml');
  it('-p beats COMPOSE_PROJECT_NAME beats name: beats the folder', () => {
    const dir = project({ 'compose.yaml': 'name: "From File ${SUFFIX}"\nservices:\n  a:\n    image: busybox\n' });
    expect(loadComposeProject({ files: [file(dir)], env: { SUFFIX: 'X' } }).name).toBe('fromfilex');
    expect(loadComposeProject({ files: [file(dir)], env: { COMPOSE_PROJECT_NAME: 'from-env' } }).name).toBe('from-env');
    expect(loadComposeProject({ files: [file(dir)], env: { COMPOSE_PROJECT_NAME: 'from-env' }, projectName: 'cli' }).name).toBe('cli');
  });
  it('an explicit invalid name is refused', () => {
    const dir = project({ 'compose.yaml': 'services:\n  a:\n    image: busybox\n' });
    expect(problemsOf(() => loadComposeProject({ files: [file(dir)], env: {}, projectName: 'Bad Name' }))[0].message).toMatch(/"Bad Name" is not valid: use lowercase letters/);
  });
});

describe('several -f files', () => {
  it('merge: maps by key, lists appended, command replaced, relative paths from the first file', () => {
    const dir = project({
      'compose.yaml': 'services:\n  web:\n    image: busybox\n    command: sleep 1\n    environment: [A=1, B=2]\n    ports: ["8080:80"]\n',
      'override.yaml': 'services:\n  web:\n    command: ["sleep", "2"]\n    environment:\n      B: "3"\n    ports: ["9090:90"]\n    volumes: ["./data:/data"]\n',
    });
    const loaded = loadComposeProject({ files: [join(dir, 'compose.yaml'), join(dir, 'override.yaml')], env: {} });
    const web = loaded.services.web;
    expect(web.command).toEqual(['sleep', '2']);
    expect(web.environment).toEqual({ A: '1', B: '3' });
    expect(web.ports.map((p) => p.published)).toEqual(['8080', '9090']);
    expect(web.mounts[0]).toMatchObject({ type: 'bind', source: join(dir, 'data'), target: '/data', createHostPath: true });
    expect(loaded.configFiles).toEqual([join(dir, 'compose.yaml'), join(dir, 'override.yaml')]);
  });
});

describe('the merge tags', () => {
  it('!reset removes a value and !override replaces it instead of merging', () => {
    const dir = project({
      'compose.yaml': 'services:\n  web:\n    image: busybox\n    ports: ["8080:80"]\n    environment: { A: "1", B: "2" }\n    volumes: ["./a:/a"]\n',
      'override.yaml': 'services:\n  web:\n    ports: !reset []\n    environment: !override\n      C: "3"\n    volumes: !override ["./b:/b"]\n',
    });
    const web = loadComposeProject({ files: [join(dir, 'compose.yaml'), join(dir, 'override.yaml')], env: {} }).services.web;
    expect(web.ports).toEqual([]);
    expect(web.environment).toEqual({ C: '3' });
    expect(web.mounts.map((m) => [m.source, m.target])).toEqual([[join(dir, 'b'), '/b']]);
  });

  it('any other tag is refused where it stands', () => {
    const dir = project({ 'compose.yaml': 'services:\n  web:\n    image: !custom busybox\n' });
    const [first] = problemsOf(() => loadComposeProject({ files: [join(dir, 'compose.yaml')], env: {} }));
    expect(first).toMatchObject({ line: 3, column: 12 });
    expect(first.message).toMatch(/only the tags !reset and !override: remove this one/);
  });
});

describe('the broken corpus: each problem has file:line:column and says what to change', () => {
  const cases: [string, number, number, RegExp][] = [
    ['broken-yaml.yaml', 5, 3, /Fix the YAML syntax here/],
    ['unknown-key.yaml', 4, 5, /"comand" is not a Compose key in services\.web: check its spelling/],
    ['unsupported-key.yaml', 4, 5, /uses "links", which Benchtop's compose engine does not support: remove it, or run this file with the docker compose CLI/],
    ['bad-interpolation.yaml', 5, 7, /invalid interpolation format in "\$\{NAME:-world": write/],
    ['required-variable.yaml', 3, 5, /required variable TAG is missing a value: set TAG to the image tag/],
    ['dependency-cycle.yaml', 4, 5, /depends_on makes a cycle: a → b → c → a: remove one of these dependencies/],
    ['missing-dependency.yaml', 5, 7, /depends on "database", which is not a service in this project: fix the name/],
    ['port-clash.yaml', 10, 9, /host port 8080\/tcp is published by both "web" and "admin": change one of the host ports/],
    ['wrong-type.yaml', 4, 5, /services\.web\.ports must be array: change the value/],
    ['undeclared-volume.yaml', 5, 9, /mounts volume "data", which the file does not declare: add it under the top-level volumes:/],
  ];
  it('covers every file in testdata/broken', () => {
    expect(readdirSync(broken).sort()).toEqual(cases.map(([name]) => name).sort());
  });
  for (const [name, line, column, message] of cases) {
    it(name, () => {
      const [first] = problemsOf(() => loadComposeProject({ files: [join(broken, name)], env: {} }));
      expect(first).toMatchObject({ file: join(broken, name), line, column });
      expect(first.message).toMatch(message);
    });
  }

  it('a depends_on on a service a profile leaves out names the profile', () => {
    const dir = project({ 'compose.yaml': 'services:\n  app:\n    image: busybox\n    depends_on: [gpu]\n  gpu:\n    image: busybox\n    profiles: [cuda]\n' });
    expect(problemsOf(() => loadComposeProject({ files: [join(dir, 'compose.yaml')], env: {} }))[0].message).toMatch(/only enabled with the profile "cuda": add --profile cuda/);
  });

  it('a missing file says so', () => {
    expect(problemsOf(() => loadComposeProject({ files: ['/nonexistent/compose.yaml'], env: {} }))[0].message).toMatch(/cannot be read: check the path/);
  });
});
