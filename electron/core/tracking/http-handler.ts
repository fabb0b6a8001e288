import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger.ts';
import { Access } from './access.ts';
import type { ArtifactStore } from './artifact-store.ts';
import { MlflowError } from './errors.ts';
import type { Registry } from './registry.ts';
import { Input, type FileReply } from './route-types.ts';
import { Router } from './router.ts';
import type { TokenIssuer } from './tokens.ts';
import type { TrackingStore } from './tracking-store.ts';
import { LIMITS } from './validation.ts';

/** The MLflow version whose REST API this server speaks (what `GET /version` answers). */
export const MLFLOW_API_VERSION = '3.17.2';

/** Header on `/health` naming the Benchtop home (a hash of its path), so a second process can tell it is its own. */
export const HOME_HEADER = 'x-benchtop-home';

const MAX_JSON_BYTES = 16 * 1024 * 1024;

export interface TrackingHandlerOptions {
  tracking: TrackingStore;
  artifacts: ArtifactStore;
  registry: Registry;
  tokens: TokenIssuer;
  homeId: string;
  log?: Logger;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, error: MlflowError): void {
  send(res, error.status, error.toJson());
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const [scheme, value] = header.split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) return value ?? null;
  if (/^basic$/i.test(scheme) && value) {
    // MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD: the password is the token.
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1) || null;
  }
  return null;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) throw new MlflowError('INVALID_PARAMETER_VALUE', `The request body is larger than ${MAX_JSON_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function queryFields(search: URLSearchParams): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    fields[key] = values.length === 1 ? values[0] : values;
  }
  return fields;
}

/**
 * The tracking server's request handler (plain node:http): `/health`, `/version`, then the bearer
 * token, then MLflow's routes under `/api/2.0/` and `/ajax-api/2.0/`. Each request's database work
 * is synchronous, so it is one transaction that no other request interleaves with.
 */
export function createTrackingHandler(options: TrackingHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const router = new Router();
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof MlflowError) {
        if (!res.headersSent) sendError(res, error);
        else res.destroy();
        return;
      }
      options.log?.error(`tracking: ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) send(res, 500, { error_code: 'INTERNAL_ERROR', message: error instanceof Error ? error.message : String(error) });
      else res.destroy();
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://tracking');
    const method = req.method ?? 'GET';
    if (url.pathname === '/health') {
      res.writeHead(200, { 'content-type': 'text/plain', [HOME_HEADER]: options.homeId });
      res.end('OK');
      return;
    }
    if (url.pathname === '/version') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(MLFLOW_API_VERSION);
      return;
    }
    const token = bearer(req);
    if (!token) {
      req.resume();
      throw new MlflowError('UNAUTHENTICATED', 'Benchtop\'s tracking server needs a token: set MLFLOW_TRACKING_TOKEN (`benchtop tracking serve` prints one).');
    }
    const scope = options.tokens.resolve(token);
    if (!scope) {
      req.resume();
      throw new MlflowError('UNAUTHENTICATED', 'The token in MLFLOW_TRACKING_TOKEN is not one this Benchtop issued (or it was revoked): use the token Benchtop gave you.');
    }
    const match = router.match(method, url.pathname);
    if (!match || 'methodMismatch' in match) {
      req.resume();
      throw new MlflowError('ENDPOINT_NOT_FOUND', match ? `${method} is not supported on ${url.pathname}.` : `No API endpoint ${method} ${url.pathname} in Benchtop's MLflow-compatible server.`);
    }
    let fields = queryFields(url.searchParams);
    if (!match.route.rawBody && method !== 'GET') {
      const body = await readBody(req);
      if (url.pathname.endsWith('/runs/log-batch') && body.length > LIMITS.batchBytes) {
        throw new MlflowError('INVALID_PARAMETER_VALUE', `Batched logging API requests must be at most ${LIMITS.batchBytes} bytes, got a request of size ${body.length}.`);
      }
      if (body.length > 0) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body.toString('utf8'));
        } catch (error) {
          throw new MlflowError('MALFORMED_REQUEST', `The request body is not valid JSON: ${(error as Error).message}`);
        }
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new MlflowError('MALFORMED_REQUEST', 'The request body must be a JSON object.');
        fields = { ...fields, ...(parsed as Record<string, unknown>) };
      }
    }
    const result = await match.route.handler({
      input: new Input(fields),
      params: match.params,
      access: new Access(scope, options.tracking),
      tracking: options.tracking,
      artifacts: options.artifacts,
      registry: options.registry,
      request: req,
    });
    if (result && typeof result === 'object' && 'file' in result && typeof (result as FileReply).file === 'string') {
      const reply = result as FileReply;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': reply.size, 'content-disposition': `attachment; filename="${encodeURIComponent(reply.name)}"` });
      createReadStream(reply.file).pipe(res);
      return;
    }
    send(res, 200, result ?? {});
  }
}
