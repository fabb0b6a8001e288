import { readFileSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import Docker from 'dockerode';
import type { EngineEndpoint, TlsSettings } from './candidates.ts';

export interface DockerClientOptions {
  /** "1.41": every request goes to /v1.41/…; omitted, the engine picks. */
  apiVersion?: string;
  /** Applies to every request, streams included: only for short-lived clients such as probes. */
  timeoutMs?: number;
  env?: Readonly<Record<string, string | undefined>>;
  readFile?: (path: string) => Buffer;
}

export interface TlsFiles {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

export function readTlsFiles(tls: TlsSettings, readFile: (path: string) => Buffer = (path) => readFileSync(path)): TlsFiles {
  const files: TlsFiles = {};
  if (tls.caFile) files.ca = readFile(tls.caFile);
  if (tls.certFile) files.cert = readFile(tls.certFile);
  if (tls.keyFile) files.key = readFile(tls.keyFile);
  return files;
}

/** docker-modem reads an `agent` option that @types/dockerode does not declare. */
type ModemOptions = Docker.DockerOptions & { agent?: HttpsAgent };

/**
 * A dockerode client for exactly this endpoint. Every addressing field is set explicitly because
 * docker-modem fills unset ones from the process's own DOCKER_HOST, which may name another engine.
 */
export function createDockerClient(endpoint: EngineEndpoint, options: DockerClientOptions = {}): Docker {
  const common: ModemOptions = {
    version: options.apiVersion ? `v${options.apiVersion}` : undefined,
    timeout: options.timeoutMs,
  };
  switch (endpoint.transport) {
    case 'unix':
    case 'npipe':
      return new Docker({ ...common, socketPath: endpoint.socketPath, host: undefined, port: undefined, protocol: 'http' });
    case 'tcp': {
      if (!endpoint.tls) return new Docker({ ...common, host: endpoint.host, port: endpoint.port, protocol: 'http' });
      const files = readTlsFiles(endpoint.tls, options.readFile);
      const tlsOptions: ModemOptions = { ...common, host: endpoint.host, port: endpoint.port, protocol: 'https', ...files };
      if (!endpoint.tls.verify) tlsOptions.agent = new HttpsAgent({ rejectUnauthorized: false, ...files });
      return new Docker(tlsOptions);
    }
    case 'ssh':
      return new Docker({
        ...common,
        protocol: 'ssh',
        host: endpoint.host,
        port: endpoint.port,
        username: endpoint.username ?? undefined,
        sshOptions: {
          agent: (options.env ?? process.env).SSH_AUTH_SOCK,
          readyTimeout: options.timeoutMs,
        },
      });
  }
}
