import { describe, expect, it } from 'vitest';
import { parseDevcontainer } from './parse-devcontainer.ts';
import { parseRunArgs } from './run-args.ts';

const file = '/home/me/proj/.devcontainer/devcontainer.json';
const parse = (text: string) => parseDevcontainer({ file, text, localEnv: { HOME: '/home/me' } });
const problems = (text: string) => {
  const result = parse(text);
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
};

describe('parseDevcontainer', () => {
  it('reports a syntax error at its line and column', () => {
    expect(problems('{\n  "image": "x"\n  "name": "y"\n}')).toEqual(['3:3 JSON syntax error: a comma is expected between entries']);
  });

  it('reports wrong types and unknown keys where they are', () => {
    expect(problems('{\n  "image": 3,\n  "forwardPort": [1],\n  "containerEnv": { "A": 1 }\n}')).toEqual([
      '2:12 image must be a string, not number 3',
      '3:3 "forwardPort" is not a devcontainer.json property',
      '4:26 containerEnv.A must be a string, not number 1',
    ]);
    expect(problems('{ "image": "x", "Image": "y" }')[0]).toContain('did you mean "image"?');
  });

  it('refuses a runArgs flag it does not know, by name, at the entry', () => {
    expect(problems('{ "image": "x",\n  "runArgs": ["--gpus", "all", "--oom-kill-disable"] }')).toEqual([
      expect.stringMatching(/^2:32 runArgs: Benchtop does not support the docker run flag --oom-kill-disable .*@devcontainers\/cli$/),
    ]);
  });

  it('reads the image variant: env, mounts in both forms, ports, lifecycle forms, users, GPU', () => {
    const result = parse(`{
      // comments and trailing commas
      "image": "benchtop-test/busybox",
      "containerEnv": { "GREETING": "hi \${localEnv:HOME}", },
      "mounts": ["type=bind,source=\${localWorkspaceFolder}/data,target=/data,readonly", { "type": "volume", "source": "cache", "target": "/cache" }],
      "forwardPorts": [8080, "db:5432"],
      "appPort": ["127.0.0.1:9000:9000", 9001],
      "runArgs": ["--shm-size=2g", "-e", "A=1", "-p", "7000:70", "--name", "my-env", "--cap-add", "SYS_PTRACE", "--gpus=all"],
      "postCreateCommand": "echo made > /tmp/made",
      "postStartCommand": ["echo", "started"],
      "postAttachCommand": { "one": "echo 1", "two": ["echo", "2"] },
      "overrideCommand": true,
      "containerUser": "root",
      "remoteUser": "nobody",
      "hostRequirements": { "gpu": "optional" },
      "workspaceFolder": "/workspace",
    }`);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const config = result.config;
    expect(config.containerEnv).toEqual({ GREETING: 'hi /home/me' });
    expect(config.mounts).toEqual([
      { type: 'bind', source: '/home/me/proj/data', target: '/data', readOnly: true },
      { type: 'volume', source: 'cache', target: '/cache', readOnly: false },
    ]);
    expect(config.forwardPorts).toEqual([
      { hostIp: '127.0.0.1', hostPort: 8080, containerPort: 8080, protocol: 'tcp' },
      { hostIp: '127.0.0.1', hostPort: 5432, containerPort: 5432, protocol: 'tcp' },
    ]);
    expect(config.appPort).toEqual([
      { hostIp: '127.0.0.1', hostPort: 9000, containerPort: 9000, protocol: 'tcp' },
      { hostIp: '127.0.0.1', hostPort: 9001, containerPort: 9001, protocol: 'tcp' },
    ]);
    expect(config.runArgs).toMatchObject({ shmSizeBytes: 2 * 1024 ** 3, env: { A: '1' }, name: 'my-env', capAdd: ['SYS_PTRACE'], gpus: 'all' });
    expect(config.runArgs.publish).toEqual([{ hostIp: null, hostPort: 7000, containerPort: 70, protocol: 'tcp' }]);
    expect(config.lifecycle).toEqual({
      postCreateCommand: { kind: 'shell', command: 'echo made > /tmp/made' },
      postStartCommand: { kind: 'exec', args: ['echo', 'started'] },
      postAttachCommand: { kind: 'parallel', commands: { one: { kind: 'shell', command: 'echo 1' }, two: { kind: 'exec', args: ['echo', '2'] } } },
    });
    expect(config.gpu).toBe('optional');
    expect(config.workspaceFolder).toBe('/workspace');
    expect(config.workspaceMount).toEqual({ type: 'bind', source: '/home/me/proj', target: '/workspace', readOnly: false });
    expect(config.metadata.remoteUser).toBe('nobody');
  });

  it('needs something to run, and only one variant', () => {
    expect(problems('{ "name": "x" }')[0]).toContain('say what to run');
    expect(problems('{ "image": "x", "dockerComposeFile": "c.yml", "service": "a" }')[0]).toContain('only one of');
    expect(problems('{ "dockerComposeFile": "c.yml" }')[0]).toContain('needs "service"');
  });
});

describe('parseRunArgs', () => {
  it('reads --flag value, --flag=value and -eVALUE forms', () => {
    const { options, problems } = parseRunArgs(['-eA=1', '--env=B=2', '--ipc', 'host', '--ulimit', 'memlock=-1:-1', '--device=/dev/kfd', '--rm', '--init']);
    expect(problems).toEqual([]);
    expect(options.env).toEqual({ A: '1', B: '2' });
    expect(options.ipc).toBe('host');
    expect(options.ulimits).toEqual([{ name: 'memlock', soft: -1, hard: -1 }]);
    expect(options.devices).toEqual(['/dev/kfd']);
    expect(options.init).toBe(true);
  });

  it('says which value is wrong', () => {
    expect(parseRunArgs(['--shm-size', 'lots']).problems).toEqual([{ index: 0, message: 'runArgs: --shm-size lots is not a size (e.g. 2g, 512m)' }]);
    expect(parseRunArgs(['--name']).problems).toEqual([{ index: 0, message: 'runArgs: --name needs a value' }]);
    expect(parseRunArgs(['busybox']).problems[0].message).toContain('"busybox" is not a flag');
  });
});
