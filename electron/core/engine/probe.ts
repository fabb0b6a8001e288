import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { CandidateDiagnosis, EngineVersions } from '../../../shared/domain/engine.ts';
import { compareApiVersions, MIN_SUPPORTED_API_VERSION, negotiateApiVersion } from './api-version.ts';
import type { EndpointCandidate, EngineCandidate } from './candidates.ts';
import { createDockerClient, readTlsFiles } from './docker-client.ts';
import { ProbeTimeoutError, probeGet, type ProbeTarget } from './probe-http.ts';
import { classifyProbeError, type ProbeVerdict } from './probe-outcome.ts';

export const DEFAULT_PROBE_TIMEOUT_MS = 2_000;

export interface ProbeOptions {
  /** Bounds the whole probe of one candidate. */
  timeoutMs?: number;
  /** For SSH_AUTH_SOCK. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The machine the probe runs on: named pipes exist only on Windows. */
  platform?: NodeJS.Platform;
  readFile?: (path: string) => Buffer;
}

export interface ProbeResult {
  diagnosis: CandidateDiagnosis;
  /** Set only when the outcome is ok. */
  versions: EngineVersions | null;
}

/** The subset of GET /version this code reads. */
interface VersionBody {
  Version?: unknown;
  ApiVersion?: unknown;
  MinAPIVersion?: unknown;
  Os?: unknown;
  Arch?: unknown;
  KernelVersion?: unknown;
  Platform?: { Name?: unknown };
}

type Exchange = { verdict: ProbeVerdict; versions: EngineVersions | null };

/** Pings one candidate and says what answered, or why nothing did and what to do. Never throws. */
export async function probeCandidate(candidate: EngineCandidate, options: ProbeOptions = {}): Promise<ProbeResult> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  let exchange: Exchange;
  if (candidate.kind === 'diagnosed') {
    exchange = { verdict: { outcome: candidate.outcome, detail: candidate.detail, fix: candidate.fix }, versions: null };
  } else {
    try {
      exchange = await probeEndpoint(candidate, timeoutMs, options);
    } catch (error) {
      exchange = { verdict: classifyProbeError(error, candidate, timeoutMs), versions: null };
    }
  }
  return {
    diagnosis: {
      name: candidate.name,
      source: candidate.source,
      address: candidate.address,
      outcome: exchange.verdict.outcome,
      detail: exchange.verdict.detail,
      fix: exchange.verdict.outcome === 'ok' ? null : exchange.verdict.fix,
      apiVersion: exchange.versions?.apiVersion ?? null,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    },
    versions: exchange.verdict.outcome === 'ok' ? exchange.versions : null,
  };
}

async function probeEndpoint(candidate: EndpointCandidate, timeoutMs: number, options: ProbeOptions): Promise<Exchange> {
  const deadline = Date.now() + timeoutMs;
  const endpoint = candidate.endpoint;
  switch (endpoint.transport) {
    case 'unix': {
      const problem = await checkSocketFile(candidate, endpoint.socketPath, timeoutMs);
      if (problem) return { verdict: problem, versions: null };
      return exchangeOverHttp(candidate, { socketPath: endpoint.socketPath }, deadline, timeoutMs);
    }
    case 'npipe':
      if ((options.platform ?? process.platform) !== 'win32') {
        return {
          verdict: { outcome: 'unsupported', detail: `${endpoint.socketPath} is a Windows named pipe; this machine is not Windows.`, fix: 'Use a unix:// or tcp:// address here.' },
          versions: null,
        };
      }
      return exchangeOverHttp(candidate, { socketPath: endpoint.socketPath }, deadline, timeoutMs);
    case 'tcp': {
      const target: ProbeTarget = { host: endpoint.host, port: endpoint.port };
      if (endpoint.tls) {
        try {
          target.tls = { ...readTlsFiles(endpoint.tls, options.readFile), rejectUnauthorized: endpoint.tls.verify };
        } catch (error) {
          return {
            verdict: {
              outcome: 'error',
              detail: `The TLS files for ${candidate.address} cannot be read: ${(error as Error).message}.`,
              fix: 'Check DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) or the context TLS files.',
            },
            versions: null,
          };
        }
      }
      return exchangeOverHttp(candidate, target, deadline, timeoutMs);
    }
    case 'ssh':
      return exchangeOverSsh(candidate, timeoutMs, options);
  }
}

/** Existence, type and permission of a unix socket, before anything connects to it. */
async function checkSocketFile(candidate: EndpointCandidate, socketPath: string, timeoutMs: number): Promise<ProbeVerdict | null> {
  try {
    const info = await stat(socketPath);
    if (!info.isSocket()) {
      return {
        outcome: 'not_docker',
        detail: `${socketPath} exists but is ${info.isDirectory() ? 'a directory' : 'not a socket'}.`,
        fix: `Remove it or point DOCKER_HOST at the real socket; ${candidate.name} recreates it when it starts (${candidate.startHint}).`,
      };
    }
    await access(socketPath, fsConstants.R_OK | fsConstants.W_OK);
    return null;
  } catch (error) {
    return classifyProbeError(error, candidate, timeoutMs);
  }
}

async function exchangeOverHttp(candidate: EndpointCandidate, target: ProbeTarget, deadline: number, timeoutMs: number): Promise<Exchange> {
  const ping = await probeGet(target, '/_ping', deadline, timeoutMs);
  const headerVersion = ping.headers['api-version'];
  if (ping.statusCode !== 200 || ping.body.trim() !== 'OK' || typeof headerVersion !== 'string') {
    const answer = ping.statusCode !== 200 ? `HTTP ${ping.statusCode}` : typeof headerVersion !== 'string' ? 'no Api-Version header' : `"${snippet(ping.body)}"`;
    return {
      verdict: {
        outcome: 'not_docker',
        detail: `${candidate.address} speaks HTTP but answered GET /_ping with ${answer}: it is not the Docker Engine API.`,
        fix: 'Point DOCKER_HOST or the context at the engine itself, not at another HTTP service.',
      },
      versions: null,
    };
  }
  const versionResponse = await probeGet(target, '/version', deadline, timeoutMs);
  const body = parseJson(versionResponse.body) as VersionBody | null;
  if (versionResponse.statusCode !== 200 || !body || typeof body !== 'object') {
    return {
      verdict: {
        outcome: 'not_docker',
        detail: `${candidate.address} answered /_ping but GET /version gave HTTP ${versionResponse.statusCode} "${snippet(versionResponse.body)}".`,
        fix: 'Point DOCKER_HOST or the context at a Docker-compatible engine.',
      },
      versions: null,
    };
  }
  let operatingSystem: string | null = null;
  try {
    const info = await probeGet(target, '/info', deadline, timeoutMs);
    const parsed = parseJson(info.body) as { OperatingSystem?: unknown } | null;
    if (info.statusCode === 200 && typeof parsed?.OperatingSystem === 'string') operatingSystem = parsed.OperatingSystem;
  } catch {
    // The operating system name is a nicety; the engine already proved it answers.
  }
  return verdictFromVersion(candidate, body, headerVersion, operatingSystem);
}

async function exchangeOverSsh(candidate: EndpointCandidate, timeoutMs: number, options: ProbeOptions): Promise<Exchange> {
  const docker = createDockerClient(candidate.endpoint, { timeoutMs, env: options.env });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    const version = (await Promise.race([docker.version(), deadline])) as VersionBody;
    let operatingSystem: string | null = null;
    try {
      const info = (await Promise.race([docker.info(), deadline])) as { OperatingSystem?: unknown };
      if (typeof info.OperatingSystem === 'string') operatingSystem = info.OperatingSystem;
    } catch {
      // As over HTTP: optional.
    }
    return verdictFromVersion(candidate, version, null, operatingSystem);
  } finally {
    clearTimeout(timer);
  }
}

function verdictFromVersion(candidate: EndpointCandidate, body: VersionBody, headerVersion: string | null, operatingSystem: string | null): Exchange {
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  const apiVersion = text(body.ApiVersion) ?? headerVersion;
  if (!apiVersion) {
    return {
      verdict: {
        outcome: 'not_docker',
        detail: `${candidate.address} answered GET /version without an ApiVersion.`,
        fix: 'Point DOCKER_HOST or the context at a Docker-compatible engine.',
      },
      versions: null,
    };
  }
  const versions: EngineVersions = {
    serverVersion: text(body.Version) ?? 'unknown',
    apiVersion,
    negotiatedApiVersion: negotiateApiVersion(apiVersion),
    minApiVersion: text(body.MinAPIVersion),
    os: text(body.Os) ?? 'unknown',
    arch: text(body.Arch) ?? 'unknown',
    kernelVersion: text(body.KernelVersion),
    operatingSystem,
  };
  const product = text(body.Platform?.Name) ?? 'Engine';
  if (compareApiVersions(apiVersion, MIN_SUPPORTED_API_VERSION) < 0) {
    return {
      verdict: {
        outcome: 'unsupported',
        detail: `${product} ${versions.serverVersion} at ${candidate.address} speaks API ${apiVersion}; Benchtop needs ${MIN_SUPPORTED_API_VERSION} or later.`,
        fix: 'Upgrade the engine (Docker 19.03 or later, Podman 3 or later).',
      },
      versions,
    };
  }
  return {
    verdict: {
      outcome: 'ok',
      detail: `${product} ${versions.serverVersion} answered: API ${apiVersion}, talking ${versions.negotiatedApiVersion}.`,
      fix: null,
    },
    versions,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}…` : flat;
}
