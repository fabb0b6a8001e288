import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCandidateInputs, resolveCandidates, type CandidateInputs, type EngineCandidate } from './candidates.ts';

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

function tempHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'benchtop-candidates-'));
  homes.push(home);
  return home;
}

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

/** A real ~/.docker/contexts/meta/<sha256(name)>/meta.json, as `docker context create` writes it. */
function writeContext(configDir: string, name: string, host: string, skipTlsVerify = false): string {
  const dir = createHash('sha256').update(name).digest('hex');
  const path = join(configDir, 'contexts', 'meta', dir, 'meta.json');
  write(path, JSON.stringify({ Name: name, Metadata: { Description: '' }, Endpoints: { docker: { Host: host, SkipTLSVerify: skipTlsVerify } } }));
  return path;
}

function resolve(home: string, env: Record<string, string> = {}, overrides: Partial<CandidateInputs> = {}): EngineCandidate[] {
  return resolveCandidates(defaultCandidateInputs({ env, homeDir: home, platform: 'linux', uid: 1000, ...overrides }));
}

const summary = (candidates: EngineCandidate[]) => candidates.map((c) => `${c.source} | ${c.name} | ${c.address}`);

describe('resolveCandidates', () => {
  it('lists the known sockets in order when nothing is configured', () => {
    const home = tempHome();
    expect(summary(resolve(home, { XDG_RUNTIME_DIR: '/run/user/1000' }))).toEqual([
      'known-socket | Docker (rootful) | unix:///var/run/docker.sock',
      'known-socket | Docker (rootless) | unix:///run/user/1000/docker.sock',
      `known-socket | Docker Desktop | unix://${home}/.docker/run/docker.sock`,
      `known-socket | Docker Desktop | unix://${home}/.docker/desktop/docker.sock`,
      `known-socket | Colima | unix://${home}/.colima/default/docker.sock`,
      `known-socket | Colima | unix://${home}/.colima/docker.sock`,
      `known-socket | OrbStack | unix://${home}/.orbstack/run/docker.sock`,
      `known-socket | Rancher Desktop | unix://${home}/.rd/docker.sock`,
      'known-socket | Podman (rootless) | unix:///run/user/1000/podman/podman.sock',
      'known-socket | Podman (rootful) | unix:///run/podman/podman.sock',
    ]);
  });

  it('falls back to /run/user/<uid> without XDG_RUNTIME_DIR, and skips per-user sockets for root', () => {
    const home = tempHome();
    expect(resolve(home, {}, { uid: 1234 }).map((c) => c.address)).toContain('unix:///run/user/1234/docker.sock');
    const forRoot = resolve(home, { XDG_RUNTIME_DIR: '/run/user/0' }, { uid: 0 }).map((c) => c.address);
    expect(forRoot.some((address) => address.includes('/run/user/'))).toBe(false);
  });

  it('uses named pipes on Windows', () => {
    const home = tempHome();
    expect(summary(resolve(home, {}, { platform: 'win32', uid: -1 }))).toEqual([
      'known-socket | Docker Desktop | npipe:////./pipe/docker_engine',
      'known-socket | Podman machine | npipe:////./pipe/podman-machine-default',
    ]);
  });

  it.each([
    ['unix:///tmp/custom.sock', 'unix:///tmp/custom.sock', { transport: 'unix', socketPath: '/tmp/custom.sock' }],
    ['unix://', 'unix:///var/run/docker.sock', { transport: 'unix', socketPath: '/var/run/docker.sock' }],
    ['tcp://10.0.0.5:2375', 'tcp://10.0.0.5:2375', { transport: 'tcp', host: '10.0.0.5', port: 2375, tls: null }],
    ['tcp://build-box', 'tcp://build-box:2375', { transport: 'tcp', host: 'build-box', port: 2375, tls: null }],
    ['build-box:2375', 'tcp://build-box:2375', { transport: 'tcp', host: 'build-box', port: 2375, tls: null }],
    ['tcp://[::1]:2375', 'tcp://[::1]:2375', { transport: 'tcp', host: '::1', port: 2375, tls: null }],
    ['ssh://me@gpu-box:2222', 'ssh://me@gpu-box:2222', { transport: 'ssh', host: 'gpu-box', port: 2222, username: 'me' }],
    ['ssh://gpu-box', 'ssh://gpu-box', { transport: 'ssh', host: 'gpu-box', port: 22, username: null }],
    ['npipe:////./pipe/docker_engine', 'npipe:////./pipe/docker_engine', { transport: 'npipe', socketPath: '//./pipe/docker_engine' }],
  ])('parses DOCKER_HOST=%s', (dockerHost, address, endpoint) => {
    const [first] = resolve(tempHome(), { DOCKER_HOST: dockerHost });
    expect(first).toMatchObject({ kind: 'endpoint', source: 'DOCKER_HOST', name: 'DOCKER_HOST', address, endpoint });
  });

  it('uses TLS with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, and defaults the port to 2376', () => {
    const home = tempHome();
    const certs = join(home, 'certs');
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) write(join(certs, file), 'pem');
    const [first] = resolve(home, { DOCKER_HOST: 'tcp://secure-box', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs });
    expect(first).toMatchObject({
      address: 'tcp://secure-box:2376',
      endpoint: {
        transport: 'tcp',
        port: 2376,
        tls: { verify: true, caFile: join(certs, 'ca.pem'), certFile: join(certs, 'cert.pem'), keyFile: join(certs, 'key.pem') },
      },
    });
  });

  it('looks for TLS files in the docker config dir when DOCKER_CERT_PATH is unset, keeping only files that exist', () => {
    const home = tempHome();
    write(join(home, '.docker', 'ca.pem'), 'pem');
    const [first] = resolve(home, { DOCKER_HOST: 'tcp://secure-box:2376' });
    expect(first).toMatchObject({ endpoint: { tls: { verify: false, caFile: join(home, '.docker', 'ca.pem'), certFile: null, keyFile: null } } });
  });

  it('reports an unknown scheme or a host-less address as a diagnosed candidate, without falling back to another engine', () => {
    const unsupported = resolve(tempHome(), { DOCKER_HOST: 'fd://3' });
    expect(unsupported[0]).toMatchObject({ kind: 'diagnosed', outcome: 'unsupported', source: 'DOCKER_HOST' });
    expect(unsupported[0].kind === 'diagnosed' && unsupported[0].detail).toContain('DOCKER_HOST="fd://3"');
    expect(unsupported.map((c) => c.address)).toEqual(['fd://3']);

    const hostless = resolve(tempHome(), { DOCKER_HOST: 'tcp://' });
    expect(hostless[0]).toMatchObject({ kind: 'diagnosed', outcome: 'error' });
  });

  it('de-duplicates by address, keeping the first (DOCKER_HOST) entry', () => {
    const candidates = resolve(tempHome(), { DOCKER_HOST: 'unix:///var/run/docker.sock' });
    const matching = candidates.filter((c) => c.address === 'unix:///var/run/docker.sock');
    expect(matching).toHaveLength(1);
    expect(matching[0]).toMatchObject({ source: 'DOCKER_HOST', startHint: 'sudo systemctl start docker' });
  });

  it('reads the current context from config.json and its endpoint from meta.json', () => {
    const home = tempHome();
    const configDir = join(home, '.docker');
    write(join(configDir, 'config.json'), JSON.stringify({ auths: {}, currentContext: 'colima' }));
    writeContext(configDir, 'colima', `unix://${home}/.colima/default/docker.sock`);
    const candidates = resolve(home);
    expect(candidates[0]).toMatchObject({
      kind: 'endpoint',
      source: 'current-context',
      name: 'context "colima"',
      address: `unix://${home}/.colima/default/docker.sock`,
      startHint: 'colima start',
    });
    expect(candidates.filter((c) => c.address === candidates[0].address)).toHaveLength(1);
    expect(candidates[1].address).toBe('unix:///var/run/docker.sock');
  });

  it('takes DOCKER_HOST alone when it is set, as the docker CLI does', () => {
    const home = tempHome();
    const configDir = join(home, '.docker');
    write(join(configDir, 'config.json'), JSON.stringify({ currentContext: 'desktop-linux' }));
    writeContext(configDir, 'desktop-linux', `unix://${home}/.docker/desktop/docker.sock`);
    expect(summary(resolve(home, { DOCKER_CONTEXT: 'desktop-linux', DOCKER_HOST: 'tcp://127.0.0.1:2375' }))).toEqual([
      'DOCKER_HOST | DOCKER_HOST | tcp://127.0.0.1:2375',
    ]);
  });

  it('puts DOCKER_CONTEXT before the current context, and both before the known sockets', () => {
    const home = tempHome();
    const configDir = join(home, '.docker');
    write(join(configDir, 'config.json'), JSON.stringify({ currentContext: 'desktop-linux' }));
    writeContext(configDir, 'desktop-linux', `unix://${home}/.docker/desktop/docker.sock`);
    writeContext(configDir, 'remote', 'ssh://ci@builder');
    expect(summary(resolve(home, { DOCKER_CONTEXT: 'remote' })).slice(0, 2)).toEqual([
      'DOCKER_CONTEXT | context "remote" | ssh://ci@builder',
      `current-context | context "desktop-linux" | unix://${home}/.docker/desktop/docker.sock`,
    ]);
  });

  it('honours DOCKER_CONFIG for config.json, contexts and TLS files', () => {
    const home = tempHome();
    const configDir = join(home, 'elsewhere');
    write(join(configDir, 'config.json'), JSON.stringify({ currentContext: 'secure' }));
    writeContext(configDir, 'secure', 'tcp://10.1.2.3:2376', true);
    const tlsDir = join(configDir, 'contexts', 'tls', createHash('sha256').update('secure').digest('hex'), 'docker');
    write(join(tlsDir, 'ca.pem'), 'pem');
    const [first] = resolve(home, { DOCKER_CONFIG: configDir });
    expect(first).toMatchObject({
      source: 'current-context',
      address: 'tcp://10.1.2.3:2376',
      endpoint: { transport: 'tcp', tls: { verify: false, caFile: join(tlsDir, 'ca.pem'), certFile: null } },
    });
  });

  it('treats the context "default" as the default socket', () => {
    const home = tempHome();
    write(join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'default' }));
    const candidates = resolve(home);
    expect(candidates[0]).toMatchObject({ name: 'context "default"', source: 'current-context', address: 'unix:///var/run/docker.sock' });
    expect(candidates.filter((c) => c.address === 'unix:///var/run/docker.sock')).toHaveLength(1);
  });

  it('turns a broken config.json into a diagnosed candidate naming the file', () => {
    const home = tempHome();
    const configPath = join(home, '.docker', 'config.json');
    write(configPath, '{ "currentContext": "colima", }');
    const candidates = resolve(home);
    expect(candidates[0]).toMatchObject({ kind: 'diagnosed', outcome: 'error', source: 'current-context', address: configPath });
    expect(candidates[0].kind === 'diagnosed' && candidates[0].detail).toMatch(new RegExp(`^${configPath} is not valid JSON: .+`));
    expect(candidates.map((c) => c.address)).toContain('unix:///var/run/docker.sock');
  });

  it('turns a broken meta.json into a diagnosed candidate naming the file', () => {
    const home = tempHome();
    const configDir = join(home, '.docker');
    write(join(configDir, 'config.json'), JSON.stringify({ currentContext: 'broken' }));
    const metaPath = writeContext(configDir, 'broken', 'unix:///x.sock');
    writeFileSync(metaPath, '{"Name": "broken", "Endpoints": ');
    const [first] = resolve(home);
    expect(first).toMatchObject({ kind: 'diagnosed', outcome: 'error', name: 'context "broken"', address: metaPath });
    expect(first.kind === 'diagnosed' && first.detail).toContain(`${metaPath} (context "broken") is not valid JSON`);
    expect(first.kind === 'diagnosed' && first.fix).toContain(metaPath);
  });

  it('diagnoses a context that does not exist or has no docker endpoint', () => {
    const home = tempHome();
    const configDir = join(home, '.docker');
    writeContext(configDir, 'empty', '');
    const candidates = resolve(home, { DOCKER_CONTEXT: 'ghost' });
    expect(candidates[0]).toMatchObject({ kind: 'diagnosed', source: 'DOCKER_CONTEXT', name: 'context "ghost"' });
    expect(candidates[0].kind === 'diagnosed' && candidates[0].detail).toMatch(/Context "ghost" \(chosen by DOCKER_CONTEXT\) does not exist: .*meta\.json is missing/);
    expect(candidates[0].kind === 'diagnosed' && candidates[0].fix).toContain('Unset DOCKER_CONTEXT');

    const empty = resolve(home, { DOCKER_CONTEXT: 'empty' });
    expect(empty[0].kind === 'diagnosed' && empty[0].detail).toContain('has no Endpoints.docker.Host');
  });

  it('never throws when a config file cannot be read for another reason', () => {
    const home = tempHome();
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const candidates = resolve(home, {}, {
      readFile: () => {
        throw denied;
      },
    });
    expect(candidates[0]).toMatchObject({ kind: 'diagnosed', outcome: 'error' });
    expect(candidates[0].kind === 'diagnosed' && candidates[0].detail).toContain('cannot be read (EACCES)');
  });
});
