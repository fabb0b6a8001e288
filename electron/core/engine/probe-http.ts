import { request as httpRequest, type IncomingHttpHeaders, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface ProbeTarget {
  /** A unix socket or a Windows named pipe. */
  socketPath?: string;
  host?: string;
  port?: number;
  tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer; rejectUnauthorized: boolean };
}

export interface ProbeResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Thrown when the deadline passes before the answer is complete. */
export class ProbeTimeoutError extends Error {
  readonly code = 'PROBE_TIMEOUT';
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'ProbeTimeoutError';
  }
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * One GET without keep-alive, bounded by `deadline` (epoch ms): the connection is destroyed when
 * it passes, whatever stage the exchange is in.
 */
export function probeGet(target: ProbeTarget, path: string, deadline: number, timeoutMs: number): Promise<ProbeResponse> {
  return new Promise((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      reject(new ProbeTimeoutError(timeoutMs));
      return;
    }
    const options: RequestOptions = {
      method: 'GET',
      path,
      headers: { Host: 'docker', 'User-Agent': 'benchtop' },
      agent: false,
    };
    if (target.socketPath) options.socketPath = target.socketPath;
    else {
      options.host = target.host;
      options.port = target.port;
    }
    const request = target.tls && !target.socketPath ? httpsRequest({ ...options, ...target.tls }) : httpRequest(options);
    let settled = false;
    const finish = (error: Error | null, response?: ProbeResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(response as ProbeResponse);
    };
    const timer = setTimeout(() => {
      const error = new ProbeTimeoutError(timeoutMs);
      finish(error);
      request.destroy(error);
    }, remaining);

    request.on('error', (error) => finish(error));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          request.destroy(new Error(`the answer to GET ${path} exceeded ${MAX_BODY_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', (error) => finish(error));
      response.on('end', () =>
        finish(null, { statusCode: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    request.end();
  });
}
