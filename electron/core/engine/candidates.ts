import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';
import type { CandidateOutcome, CandidateSource } from '../../../shared/domain/engine.ts';

export interface TlsSettings {
  /** False when the endpoint says to skip verification (context SkipTLSVerify, DOCKER_TLS without _VERIFY). */
  verify: boolean;
  caFile: string | null;
  certFile: string | null;
  keyFile: string | null;
}

export type EngineEndpoint =
  | { transport: 'unix' | 'npipe'; socketPath: string }
  | { transport: 'tcp'; host: string; port: number; tls: TlsSettings | null }
  | { transport: 'ssh'; host: string; port: number; username: string | null };

interface CandidateBase {
  /** "Docker (rootful)", "Colima", 'context "desktop-linux"'… */
  name: string;
  source: CandidateSource;
  /** unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host, npipe:////./pipe/docker_engine, or a config file. */
  address: string;
  /** What starts this engine, in words or as a command ("colima start"). */
  startHint: string;
}

export interface EndpointCandidate extends CandidateBase {
  kind: 'endpoint';
  endpoint: EngineEndpoint;
}

/** A candidate whose configuration is already known to be wrong; probing reports it as is. */
export interface DiagnosedCandidate extends CandidateBase {
  kind: 'diagnosed';
  outcome: Extract<CandidateOutcome, 'error' | 'unsupported'>;
  detail: string;
  fix: string;
}

export type EngineCandidate = EndpointCandidate | DiagnosedCandidate;

export interface CandidateInputs {
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  platform: NodeJS.Platform;
  /** -1 where there are no uids (Windows). */
  uid: number;
  /** Reads a text file; throws like fs.readFileSync (ENOENT when missing). */
  readFile(path: string): string;
  exists(path: string): boolean;
}

export function defaultCandidateInputs(overrides: Partial<CandidateInputs> = {}): CandidateInputs {
  return {
    env: process.env,
    homeDir: homedir(),
    platform: process.platform,
    uid: typeof process.getuid === 'function' ? process.getuid() : -1,
    readFile: (path) => readFileSync(path, 'utf8'),
    exists: (path) => existsSync(path),
    ...overrides,
  };
}

const DEFAULT_UNIX_SOCKET = '/var/run/docker.sock';
const DEFAULT_WINDOWS_PIPE = '//./pipe/docker_engine';
const HOST_EXAMPLES = 'unix:///var/run/docker.sock, tcp://HOST:2375, tcp://HOST:2376 (TLS) or ssh://USER@HOST';

/**
 * Every place a Docker-compatible engine may listen, most specific first. DOCKER_HOST, when set,
 * is the only candidate. Otherwise the selected context (DOCKER_CONTEXT, then config.json's currentContext), then the sockets that
 * the common engines create. De-duplicated by address, first one wins. Never throws: broken
 * configuration becomes a diagnosed candidate that names the file.
 */
export function resolveCandidates(inputs: CandidateInputs): EngineCandidate[] {
  const known = knownSockets(inputs);
  const startHintFor = (address: string) =>
    known.find((candidate) => candidate.address === address)?.startHint ?? `on the machine behind ${address}: sudo systemctl start docker`;
  const candidates: EngineCandidate[] = [];

  const dockerHost = inputs.env.DOCKER_HOST?.trim();
  if (dockerHost) {
    // An explicit DOCKER_HOST is the user's choice, as for the docker CLI: never fall back to another engine.
    return [fromHostString(dockerHost, { name: 'DOCKER_HOST', source: 'DOCKER_HOST', tls: tlsFromEnv(inputs, dockerHost) }, inputs, startHintFor)];
  }
  candidates.push(...contextCandidates(inputs, known, startHintFor));
  candidates.push(...known);

  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    if (seen.has(candidate.address)) return false;
    seen.add(candidate.address);
    return true;
  });
}

function pathsFor(platform: NodeJS.Platform) {
  return platform === 'win32' ? win32 : posix;
}

export function dockerConfigDir(inputs: Pick<CandidateInputs, 'env' | 'homeDir' | 'platform'>): string {
  return inputs.env.DOCKER_CONFIG?.trim() || pathsFor(inputs.platform).join(inputs.homeDir, '.docker');
}

export function defaultSocketAddress(platform: NodeJS.Platform): string {
  return platform === 'win32' ? `npipe://${DEFAULT_WINDOWS_PIPE}` : `unix://${DEFAULT_UNIX_SOCKET}`;
}

function socketCandidate(name: string, socketPath: string, startHint: string): EndpointCandidate {
  return { kind: 'endpoint', name, source: 'known-socket', address: `unix://${socketPath}`, startHint, endpoint: { transport: 'unix', socketPath } };
}

function pipeCandidate(name: string, pipePath: string, startHint: string): EndpointCandidate {
  return { kind: 'endpoint', name, source: 'known-socket', address: `npipe://${pipePath}`, startHint, endpoint: { transport: 'npipe', socketPath: pipePath } };
}

/** The sockets and pipes that Docker, Docker Desktop, Colima, OrbStack, Rancher Desktop and Podman create. */
export function knownSockets(inputs: CandidateInputs): EndpointCandidate[] {
  if (inputs.platform === 'win32') {
    return [
      pipeCandidate('Docker Desktop', DEFAULT_WINDOWS_PIPE, 'start Docker Desktop'),
      pipeCandidate('Podman machine', '//./pipe/podman-machine-default', 'podman machine start'),
    ];
  }
  const home = (...parts: string[]) => posix.join(inputs.homeDir, ...parts);
  const mac = inputs.platform === 'darwin';
  const sockets: EndpointCandidate[] = [
    socketCandidate(mac ? 'Docker' : 'Docker (rootful)', DEFAULT_UNIX_SOCKET, mac ? 'open -a Docker (start Docker Desktop)' : 'sudo systemctl start docker'),
  ];
  // Per-user runtime sockets mean nothing for root, whose engines use the system paths.
  const runtimeDir = !mac && inputs.uid > 0 ? inputs.env.XDG_RUNTIME_DIR?.trim() || `/run/user/${inputs.uid}` : null;
  if (runtimeDir) sockets.push(socketCandidate('Docker (rootless)', posix.join(runtimeDir, 'docker.sock'), 'systemctl --user start docker'));
  const desktopStart = mac ? 'open -a Docker' : 'systemctl --user start docker-desktop';
  sockets.push(
    socketCandidate('Docker Desktop', home('.docker', 'run', 'docker.sock'), desktopStart),
    socketCandidate('Docker Desktop', home('.docker', 'desktop', 'docker.sock'), desktopStart),
    socketCandidate('Colima', home('.colima', 'default', 'docker.sock'), 'colima start'),
    socketCandidate('Colima', home('.colima', 'docker.sock'), 'colima start'),
    socketCandidate('OrbStack', home('.orbstack', 'run', 'docker.sock'), 'orb start'),
    socketCandidate('Rancher Desktop', home('.rd', 'docker.sock'), 'rdctl start (or open Rancher Desktop)'),
  );
  if (mac) {
    sockets.push(socketCandidate('Podman machine', home('.local', 'share', 'containers', 'podman', 'machine', 'podman.sock'), 'podman machine start'));
  } else {
    if (runtimeDir) {
      sockets.push(socketCandidate('Podman (rootless)', posix.join(runtimeDir, 'podman', 'podman.sock'), 'systemctl --user enable --now podman.socket'));
    }
    sockets.push(socketCandidate('Podman (rootful)', '/run/podman/podman.sock', 'sudo systemctl enable --now podman.socket'));
  }
  return sockets;
}

interface HostOrigin {
  name: string;
  source: CandidateSource;
  tls: TlsSettings | null;
}

/** Parses a DOCKER_HOST-style address; a host without a scheme is tcp, like the docker CLI. */
function fromHostString(
  raw: string,
  origin: HostOrigin,
  inputs: CandidateInputs,
  startHintFor: (address: string) => string,
): EngineCandidate {
  const where = origin.source === 'DOCKER_HOST' ? `DOCKER_HOST=${JSON.stringify(raw)}` : `${origin.name} has Host ${JSON.stringify(raw)}`;
  const invalid = (outcome: DiagnosedCandidate['outcome'], reason: string): DiagnosedCandidate => ({
    kind: 'diagnosed',
    name: origin.name,
    source: origin.source,
    address: raw,
    startHint: '',
    outcome,
    detail: `${where}: ${reason}`,
    fix:
      origin.source === 'DOCKER_HOST'
        ? `Set DOCKER_HOST to an address such as ${HOST_EXAMPLES}, or unset it.`
        : `Repair the context (docker context inspect / docker context update), or switch with "docker context use default".`,
  });
  const endpointCandidate = (address: string, endpoint: EngineEndpoint): EndpointCandidate => ({
    kind: 'endpoint',
    name: origin.name,
    source: origin.source,
    address,
    startHint: startHintFor(address),
    endpoint,
  });

  const schemeEnd = raw.indexOf('://');
  const scheme = schemeEnd < 0 ? 'tcp' : raw.slice(0, schemeEnd).toLowerCase();
  const rest = schemeEnd < 0 ? raw : raw.slice(schemeEnd + 3);

  if (scheme === 'unix') {
    const socketPath = rest || (inputs.platform === 'win32' ? '' : DEFAULT_UNIX_SOCKET);
    if (!socketPath) return invalid('unsupported', 'unix sockets are not available on Windows');
    return endpointCandidate(`unix://${socketPath}`, { transport: 'unix', socketPath });
  }
  if (scheme === 'npipe') {
    const pipePath = rest || DEFAULT_WINDOWS_PIPE;
    return endpointCandidate(`npipe://${pipePath}`, { transport: 'npipe', socketPath: pipePath });
  }
  if (scheme !== 'tcp' && scheme !== 'http' && scheme !== 'https' && scheme !== 'ssh') {
    return invalid('unsupported', `the scheme "${scheme}://" is not supported (use unix://, tcp://, ssh:// or npipe://)`);
  }

  let url: URL;
  try {
    url = new URL(`${scheme === 'ssh' ? 'ssh' : 'tcp'}://${rest}`);
  } catch {
    return invalid('error', 'it is not a valid address');
  }
  if (!url.hostname) return invalid('error', 'it names no host');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');

  if (scheme === 'ssh') {
    const port = url.port ? Number(url.port) : 22;
    const username = url.username ? decodeURIComponent(url.username) : null;
    const address = `ssh://${username ? `${username}@` : ''}${url.hostname}${port === 22 ? '' : `:${port}`}`;
    return endpointCandidate(address, { transport: 'ssh', host, port, username });
  }

  const tls = scheme === 'https' ? (origin.tls ?? { verify: true, caFile: null, certFile: null, keyFile: null }) : origin.tls;
  const port = url.port ? Number(url.port) : tls ? 2376 : 2375;
  return endpointCandidate(`tcp://${url.hostname}:${port}`, { transport: 'tcp', host, port, tls });
}

/** DOCKER_TLS_VERIFY / DOCKER_TLS / port 2376 turn TLS on; the material comes from DOCKER_CERT_PATH or the config dir. */
function tlsFromEnv(inputs: CandidateInputs, dockerHost: string): TlsSettings | null {
  const verify = Boolean(inputs.env.DOCKER_TLS_VERIFY);
  const enabled = verify || Boolean(inputs.env.DOCKER_TLS) || /:2376\/?$/.test(dockerHost);
  if (!enabled) return null;
  return tlsMaterial(inputs, inputs.env.DOCKER_CERT_PATH?.trim() || dockerConfigDir(inputs), verify);
}

function tlsMaterial(inputs: CandidateInputs, dir: string, verify: boolean): TlsSettings {
  const file = (name: string) => {
    const path = pathsFor(inputs.platform).join(dir, name);
    return inputs.exists(path) ? path : null;
  };
  return { verify, caFile: file('ca.pem'), certFile: file('cert.pem'), keyFile: file('key.pem') };
}

type JsonFile = { kind: 'missing' } | { kind: 'ok'; value: unknown } | { kind: 'broken'; reason: string };

function readJson(inputs: CandidateInputs, path: string): JsonFile {
  let text: string;
  try {
    text = inputs.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'broken', reason: `cannot be read (${code ?? (error as Error).message})` };
  }
  try {
    return { kind: 'ok', value: JSON.parse(text) as unknown };
  } catch (error) {
    return { kind: 'broken', reason: `is not valid JSON: ${(error as Error).message}` };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function contextDirName(contextName: string): string {
  return createHash('sha256').update(contextName).digest('hex');
}

function contextCandidates(
  inputs: CandidateInputs,
  known: EndpointCandidate[],
  startHintFor: (address: string) => string,
): EngineCandidate[] {
  const paths = pathsFor(inputs.platform);
  const configDir = dockerConfigDir(inputs);
  const configPath = paths.join(configDir, 'config.json');
  const results: EngineCandidate[] = [];
  const selected: Array<{ contextName: string; source: CandidateSource }> = [];

  const fromEnv = inputs.env.DOCKER_CONTEXT?.trim();
  if (fromEnv) selected.push({ contextName: fromEnv, source: 'DOCKER_CONTEXT' });

  const config = readJson(inputs, configPath);
  if (config.kind === 'broken') {
    results.push({
      kind: 'diagnosed',
      name: 'Docker CLI config',
      source: 'current-context',
      address: configPath,
      startHint: '',
      outcome: 'error',
      detail: `${configPath} ${config.reason}; its currentContext cannot be read.`,
      fix: `Repair or remove ${configPath} (the docker CLI fails on it too).`,
    });
  } else if (config.kind === 'ok' && isRecord(config.value)) {
    const current = config.value.currentContext;
    if (typeof current === 'string' && current.trim() && current.trim() !== fromEnv) {
      selected.push({ contextName: current.trim(), source: 'current-context' });
    }
  }

  for (const { contextName, source } of selected) {
    const name = `context "${contextName}"`;
    if (contextName === 'default') {
      const address = defaultSocketAddress(inputs.platform);
      const defaultSocket = known.find((candidate) => candidate.address === address);
      if (defaultSocket) results.push({ ...defaultSocket, name, source });
      continue;
    }
    const metaPath = paths.join(configDir, 'contexts', 'meta', contextDirName(contextName), 'meta.json');
    const diagnosed = (detail: string, fix: string): DiagnosedCandidate => ({
      kind: 'diagnosed',
      name,
      source,
      address: metaPath,
      startHint: '',
      outcome: 'error',
      detail,
      fix,
    });
    const chosenBy = source === 'DOCKER_CONTEXT' ? 'DOCKER_CONTEXT' : `currentContext in ${configPath}`;
    const meta = readJson(inputs, metaPath);
    if (meta.kind === 'missing') {
      results.push(
        diagnosed(
          `Context "${contextName}" (chosen by ${chosenBy}) does not exist: ${metaPath} is missing.`,
          source === 'DOCKER_CONTEXT'
            ? 'Unset DOCKER_CONTEXT or set it to a context that "docker context ls" lists.'
            : 'Run "docker context use default" or pick a context that "docker context ls" lists.',
        ),
      );
      continue;
    }
    if (meta.kind === 'broken') {
      results.push(diagnosed(`${metaPath} (context "${contextName}") ${meta.reason}`, `Repair or remove ${metaPath}, or recreate the context with "docker context create".`));
      continue;
    }
    const endpoints = isRecord(meta.value) && isRecord(meta.value.Endpoints) ? meta.value.Endpoints : null;
    const docker = endpoints && isRecord(endpoints.docker) ? endpoints.docker : null;
    const host = docker && typeof docker.Host === 'string' ? docker.Host.trim() : '';
    if (!host) {
      results.push(diagnosed(`${metaPath} (context "${contextName}") has no Endpoints.docker.Host.`, `Set the endpoint with "docker context update ${contextName} --docker host=…".`));
      continue;
    }
    const skipVerify = docker?.SkipTLSVerify === true;
    const tlsDir = paths.join(configDir, 'contexts', 'tls', contextDirName(contextName), 'docker');
    const tls = tlsMaterial(inputs, tlsDir, !skipVerify);
    const hasMaterial = Boolean(tls.caFile || tls.certFile || tls.keyFile);
    results.push(fromHostString(host, { name, source, tls: hasMaterial || skipVerify ? tls : null }, inputs, startHintFor));
  }
  return results;
}
