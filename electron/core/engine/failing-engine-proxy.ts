import { createServer, request, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test support: a Unix socket in front of the real engine that passes every request through except
 * those whose path matches `fail`, which get the answer an engine gives when a probe breaks (HTTP
 * 500 with its JSON message, or a timeout-like reset). Used to test that partial failures degrade
 * (shared/domain/warnings.ts) with everything else answered by the real engine. Set
 * `DOCKER_HOST` to `host`.
 */
export interface FailingEngineProxy {
  host: string;
  /** Requests it failed, by path. */
  failed: string[];
  close(): Promise<void>;
}

export async function startFailingEngineProxy(fail: RegExp, options: { engineSocket?: string; message?: string } = {}): Promise<FailingEngineProxy> {
  const engineSocket = options.engineSocket ?? '/var/run/docker.sock';
  const dir = mkdtempSync(join(tmpdir(), 'bt-failing-engine-'));
  const socketPath = join(dir, 'engine.sock');
  const failed: string[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const path = incoming.url ?? '/';
    if (fail.test(path.split('?')[0])) {
      failed.push(path);
      incoming.resume();
      outgoing.writeHead(500, { 'Content-Type': 'application/json' });
      outgoing.end(JSON.stringify({ message: options.message ?? 'error walking the volumes: context deadline exceeded' }));
      return;
    }
    const forward = request({ socketPath: engineSocket, path, method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forward.on('error', () => outgoing.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    host: `unix://${socketPath}`,
    failed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
