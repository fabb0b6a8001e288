import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import Dockerode from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHttpError, openEngineGetStream } from './engine-get-stream.ts';

/** A fake engine on a Unix socket: `answer` gets the request head and the raw socket. */
async function fakeEngine(answer: (request: string, socket: Socket) => void): Promise<{ docker: Dockerode; requests: string[]; closed: Promise<void>; stop: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'benchtop-logs-'));
  const socketPath = join(dir, 'engine.sock');
  const requests: string[] = [];
  let onClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => (onClosed = resolve));
  const server: Server = createServer((socket) => {
    let head = '';
    socket.on('close', onClosed);
    socket.on('data', (data) => {
      head += data.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      requests.push(head);
      answer(head, socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  const stop = () => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  };
  cleanups.push(stop);
  return { docker: new Dockerode({ socketPath, version: 'v1.41' }), requests, closed, stop };
}

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((stop) => stop()));

function readBody(body: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    body.on('data', (chunk: Buffer) => (text += chunk.toString()));
    body.on('end', () => resolve(text));
    body.on('error', reject);
  });
}

const OK_CHUNKED = 'HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\nTransfer-Encoding: chunked\r\n\r\n';
const signal = () => new AbortController().signal;

describe('openEngineGetStream', () => {
  it('sends a versioned GET and decodes a chunked body cut at odd places', async () => {
    const engine = await fakeEngine((_request, socket) => {
      const wire = OK_CHUNKED + '5\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\n\r\n';
      let at = 0;
      const timer = setInterval(() => {
        socket.write(wire.slice(at, at + 7));
        at += 7;
        if (at >= wire.length) clearInterval(timer);
      }, 1);
    });
    const body = await openEngineGetStream(engine.docker, '/containers/abc/logs', { stdout: '1', tail: 'all' }, signal());
    expect(await readBody(body)).toBe('hello world');
    expect(engine.requests[0]).toMatch(/^GET \/v1\.41\/containers\/abc\/logs\?stdout=1&tail=all HTTP\/1\.1\r\n/);
  });

  it('reads a Content-Length body', async () => {
    const engine = await fakeEngine((_r, socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde'));
    expect(await readBody(await openEngineGetStream(engine.docker, '/x', {}, signal()))).toBe('abcde');
  });

  it('rejects an error status with the engine message and status code', async () => {
    const engine = await fakeEngine((_r, socket) => {
      const json = '{"message":"No such container: nope"}';
      socket.end(`HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${json.length}\r\n\r\n${json}`);
    });
    const failure = await openEngineGetStream(engine.docker, '/containers/nope/logs', {}, signal()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EngineHttpError);
    expect((failure as EngineHttpError).statusCode).toBe(404);
    expect((failure as EngineHttpError).json).toEqual({ message: 'No such container: nope' });
  });

  it('fails the body when the engine hangs up mid-stream', async () => {
    const engine = await fakeEngine((_r, socket) => socket.end(OK_CHUNKED + '3\r\nabc\r\n'));
    const body = await openEngineGetStream(engine.docker, '/x', {}, signal());
    await expect(readBody(body)).rejects.toThrow(/closed the log stream before it ended/);
  });

  it('closes the connection when aborted while streaming', async () => {
    const engine = await fakeEngine((_r, socket) => socket.write(OK_CHUNKED + '3\r\nabc\r\n'));
    const controller = new AbortController();
    const body = await openEngineGetStream(engine.docker, '/x', {}, controller.signal);
    body.resume();
    controller.abort();
    await engine.closed;
    expect(body.destroyed).toBe(true);
  });

  it('rejects when nothing listens on the socket', async () => {
    const docker = new Dockerode({ socketPath: join(tmpdir(), 'benchtop-no-engine.sock') });
    await expect(openEngineGetStream(docker, '/x', {}, signal())).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
