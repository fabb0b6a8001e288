import type { IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { ChunkedDecoder } from './chunked-decoder.ts';

/** A non-2xx answer, shaped like docker-modem's errors so the usual engine error mapping applies. */
export class EngineHttpError extends Error {
  readonly statusCode: number;
  readonly json: unknown;
  constructor(statusCode: number, json: unknown) {
    const said = typeof json === 'object' && json !== null && typeof (json as { message?: unknown }).message === 'string' ? (json as { message: string }).message : String(json);
    super(`(HTTP code ${statusCode}) ${said}`);
    this.name = 'EngineHttpError';
    this.statusCode = statusCode;
    this.json = json;
  }
}

/** The parts of docker-modem's state that say where the engine is. */
interface ModemAddress {
  socketPath?: unknown;
  host?: unknown;
  port?: unknown;
  protocol?: unknown;
  version?: unknown;
}

/** The Unix socket or named pipe the client reaches the engine through; null over TCP, TLS or SSH. */
export function engineSocketPath(docker: Dockerode): string | null {
  const socketPath = (docker.modem as unknown as ModemAddress).socketPath;
  return typeof socketPath === 'string' && socketPath.length > 0 ? socketPath : null;
}

/**
 * GETs a streaming engine endpoint (`/containers/{id}/logs?…`) and resolves with its body.
 *
 * The engine sends every log frame as its own HTTP chunk; Node's HTTP client turns each into a
 * 'data' event, which costs more than everything else the log service does. Over a Unix socket
 * or plain TCP the request is therefore made on a raw socket and the chunked body decoded per
 * socket read. Other transports (TLS, SSH) go through docker-modem.
 */
export function openEngineGetStream(docker: Dockerode, path: string, query: Record<string, string>, signal: AbortSignal): Promise<Readable> {
  const modem = docker.modem as unknown as ModemAddress;
  const versioned = typeof modem.version === 'string' && modem.version ? `/${modem.version}${path}` : path;
  const target = `${versioned}?${new URLSearchParams(query).toString()}`;
  const socketPath = engineSocketPath(docker);
  if (socketPath !== null) return rawGet(() => connect({ path: socketPath }), target, signal);
  if (typeof modem.host === 'string' && modem.host && (modem.protocol ?? 'http') === 'http') {
    const port = Number(modem.port) || 2375;
    return rawGet(() => connect({ host: modem.host as string, port }), target, signal);
  }
  return modemGet(docker, path, query, signal);
}

function rawGet(open: () => Socket, path: string, signal: AbortSignal): Promise<Readable> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const socket = open();
    socket.setNoDelay(true);
    let head: Buffer | null = Buffer.alloc(0);
    let body: Readable | null = null;
    let chunked: ChunkedDecoder | null = null;
    let remainingLength = Infinity;
    let failure: { statusCode: number; chunks: Buffer[] } | null = null;

    const onAbort = () => socket.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    const stopListening = () => signal.removeEventListener('abort', onAbort);

    let finished = false;
    const finishBody = () => {
      if (finished) return;
      finished = true;
      stopListening();
      socket.destroy();
      if (failure !== null) {
        const text = Buffer.concat(failure.chunks).toString('utf8');
        reject(new EngineHttpError(failure.statusCode, parseJson(text)));
      } else body?.push(null);
    };

    const onBody = (bytes: Buffer) => {
      let data = chunked === null ? bytes : chunked.push(bytes);
      if (remainingLength !== Infinity) {
        if (data.length > remainingLength) data = data.subarray(0, remainingLength);
        remainingLength -= data.length;
      }
      if (data.length > 0) {
        if (failure !== null) failure.chunks.push(data);
        else body?.push(data);
      }
      if (chunked?.done || remainingLength === 0) finishBody();
    };

    socket.on('connect', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: docker\r\nUser-Agent: benchtop\r\nConnection: close\r\n\r\n`);
    });

    socket.on('data', (chunk: Buffer) => {
      try {
        if (head === null) return onBody(chunk);
        head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end === -1) {
          if (head.length > 64 * 1024) throw new Error('The engine sent an HTTP header larger than 64 KB.');
          return;
        }
        const response = parseHead(head.subarray(0, end).toString('latin1'));
        const rest = head.subarray(end + 4);
        head = null;
        if (response.chunked) chunked = new ChunkedDecoder();
        else if (response.contentLength !== null) remainingLength = response.contentLength;
        if (response.statusCode >= 200 && response.statusCode < 300) {
          body = new Readable({
            read() {},
            destroy(error, callback) {
              stopListening();
              socket.destroy();
              callback(error);
            },
          });
          resolve(body);
        } else failure = { statusCode: response.statusCode, chunks: [] };
        if (rest.length > 0 || remainingLength === 0) onBody(rest);
      } catch (error) {
        socket.destroy(error as Error);
      }
    });

    socket.on('end', () => {
      // Without chunking or a length, the body ends with the connection.
      if (head === null && chunked === null && remainingLength === Infinity) finishBody();
    });

    socket.on('error', (error) => {
      stopListening();
      if (body !== null) body.destroy(error);
      else reject(signal.aborted ? signal.reason : error);
    });
    socket.on('close', () => {
      stopListening();
      if (body === null) reject(signal.aborted ? signal.reason : new Error('The engine closed the connection before answering.'));
      else if (!finished && !body.destroyed) {
        body.destroy(signal.aborted ? undefined : new Error('The engine closed the log stream before it ended.'));
      }
    });
  });
}

interface ResponseHead {
  statusCode: number;
  chunked: boolean;
  contentLength: number | null;
}

function parseHead(text: string): ResponseHead {
  const lines = text.split('\r\n');
  const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(lines[0] ?? '');
  if (!status) throw new Error(`The engine answered with something that is not HTTP: ${JSON.stringify((lines[0] ?? '').slice(0, 80))}.`);
  let chunked = false;
  let contentLength: number | null = null;
  for (let i = 1; i < lines.length; i++) {
    const colon = lines[i].indexOf(':');
    if (colon === -1) continue;
    const name = lines[i].slice(0, colon).trim().toLowerCase();
    const value = lines[i].slice(colon + 1).trim();
    if (name === 'transfer-encoding') chunked = value.toLowerCase().includes('chunked');
    else if (name === 'content-length') contentLength = Number(value);
  }
  return { statusCode: Number(status[1]), chunked, contentLength: chunked ? null : contentLength };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.trim();
  }
}

function modemGet(docker: Dockerode, path: string, query: Record<string, string>, signal: AbortSignal): Promise<Readable> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `${path}?`,
        method: 'GET',
        isStream: true,
        abortSignal: signal,
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
        options: { _query: query },
      },
      (error, result) => (error ? reject(error) : resolve(result as IncomingMessage)),
    );
  });
}
