import { homedir } from 'node:os';
import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import type { CandidateDiagnosis, EngineStatus, EngineVersions } from '../../../shared/domain/engine.ts';
import { defaultCandidateInputs, resolveCandidates, type CandidateInputs, type EndpointCandidate, type EngineCandidate } from './candidates.ts';
import { summarizeFailure } from './diagnostics-summary.ts';
import { createDockerClient } from './docker-client.ts';
import { EngineEvents } from './events.ts';
import { DEFAULT_PROBE_TIMEOUT_MS, probeCandidate, type ProbeOptions, type ProbeResult } from './probe.ts';

export interface EngineConnectionOptions {
  env?: NodeJS.ProcessEnv;
  /** Defaults to env.HOME (USERPROFILE on Windows), then the account's home. */
  homeDir?: string;
  platform?: NodeJS.Platform;
  /** Bounds each candidate's probe; connect() takes at most this times the number of candidates. */
  probeTimeoutMs?: number;
  /** Seams for tests: where candidates come from and how one is probed. */
  resolve?: (inputs: CandidateInputs) => EngineCandidate[];
  probe?: (candidate: EngineCandidate, options: ProbeOptions) => Promise<ProbeResult>;
}

interface Connected {
  candidate: EndpointCandidate;
  versions: EngineVersions;
  docker: Docker;
}

/**
 * Finds the engine (DOCKER_HOST, the docker context, the known sockets, in that order), keeps
 * the diagnosis of every candidate it tried, and hands out one dockerode client that talks the
 * negotiated API version. Also owns the shared /events stream.
 */
export class EngineConnection {
  readonly events: EngineEvents;
  readonly #inputs: CandidateInputs;
  readonly #probeTimeoutMs: number;
  readonly #resolve: (inputs: CandidateInputs) => EngineCandidate[];
  readonly #probe: (candidate: EngineCandidate, options: ProbeOptions) => Promise<ProbeResult>;
  #status: EngineStatus = { connected: false, endpoint: null, versions: null, candidates: [], checkedAt: new Date(0).toISOString() };
  #connected: Connected | null = null;
  #connecting: Promise<EngineStatus> | null = null;
  #checkedOnce = false;
  #closed = false;

  constructor(options: EngineConnectionOptions = {}) {
    const env = options.env ?? process.env;
    this.#inputs = defaultCandidateInputs({
      env,
      homeDir: options.homeDir ?? (env.HOME || env.USERPROFILE || homedir()),
      platform: options.platform ?? process.platform,
    });
    this.#probeTimeoutMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    this.#resolve = options.resolve ?? resolveCandidates;
    this.#probe = options.probe ?? probeCandidate;
    this.events = new EngineEvents({
      open: async ({ filters, signal }) => (await this.client()).getEvents({ filters, abortSignal: signal }),
    });
  }

  /** The last result; before the first connect: not connected, no candidates. */
  status(): EngineStatus {
    return this.#status;
  }

  /**
   * Resolves and probes the candidates in order, stopping at the first that answers. When none
   * does, every one has been probed, so the status explains each. Concurrent calls share one run.
   */
  connect(): Promise<EngineStatus> {
    if (this.#connecting) return this.#connecting;
    this.#connecting = this.#run().finally(() => {
      this.#connecting = null;
    });
    return this.#connecting;
  }

  /** connect() once, then the last known status. */
  ensureConnected(): Promise<EngineStatus> {
    return this.#checkedOnce ? Promise.resolve(this.#status) : this.connect();
  }

  /** The client for the connected engine; connects (again) while there is none. */
  async client(): Promise<Docker> {
    if (this.#closed) throw new ApiError('engine_unavailable', 'The engine connection is closed.');
    if (!this.#connected) await this.connect();
    const connected = this.#connected as Connected | null;
    if (!connected) {
      throw new ApiError('engine_unavailable', summarizeFailure(this.#status.candidates), { candidates: this.#status.candidates });
    }
    return connected.docker;
  }

  close(): void {
    this.#closed = true;
    this.events.close();
    this.#connected = null;
  }

  async #run(): Promise<EngineStatus> {
    const candidates = this.#resolve(this.#inputs);
    const diagnoses: CandidateDiagnosis[] = [];
    let found: Connected | null = null;
    for (const candidate of candidates) {
      const result = await this.#probe(candidate, { timeoutMs: this.#probeTimeoutMs, env: this.#inputs.env });
      diagnoses.push(result.diagnosis);
      if (result.diagnosis.outcome === 'ok' && result.versions && candidate.kind === 'endpoint') {
        found = {
          candidate,
          versions: result.versions,
          docker: createDockerClient(candidate.endpoint, { apiVersion: result.versions.negotiatedApiVersion, env: this.#inputs.env }),
        };
        break;
      }
    }
    if (this.#closed) found = null;
    const previous = this.#connected;
    // Keep the old client when the same endpoint answered again: open streams stay valid.
    this.#connected =
      found && previous && previous.candidate.address === found.candidate.address && previous.versions.negotiatedApiVersion === found.versions.negotiatedApiVersion
        ? { ...found, docker: previous.docker }
        : found;
    this.#checkedOnce = true;
    this.#status = {
      connected: found !== null,
      endpoint: found ? { name: found.candidate.name, source: found.candidate.source, address: found.candidate.address } : null,
      versions: found?.versions ?? null,
      candidates: diagnoses,
      checkedAt: new Date().toISOString(),
    };
    return this.#status;
  }
}
