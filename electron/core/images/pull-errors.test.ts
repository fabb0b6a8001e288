import { describe, expect, it } from 'vitest';
import { explainPullError, registryOf } from './pull-errors.ts';

const reason = (message: string, status?: number) => (explainPullError('acme/model:1', message, status).details as { reason: string }).reason;

describe('explainPullError', () => {
  it('names DNS failures (what this test machine answers)', () => {
    const error = explainPullError('acme/model:1', 'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host', 500);
    expect(error.message).toBe(
      "Could not pull acme/model:1: the registry docker.io could not be found by name (DNS). Check the machine's network or DNS settings, or a proxy the Docker engine needs.",
    );
    expect(error.details).toMatchObject({ reason: 'dns', statusCode: 500 });
  });
  it('names unreachable registries, missing images and refused access', () => {
    expect(reason('Get "https://ghcr.io/v2/": dial tcp 140.82.1.1:443: connect: connection refused')).toBe('unreachable');
    expect(reason('Get "https://registry-1.docker.io/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)')).toBe('unreachable');
    expect(reason('manifest for acme/model:1 not found: manifest unknown: manifest unknown', 404)).toBe('not_found');
    expect(reason('pull access denied for acme/model, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied')).toBe('unauthorized');
    expect(reason('unauthorized: authentication required')).toBe('unauthorized');
    expect(reason('toomanyrequests: You have reached your pull rate limit.')).toBe('rate_limited');
    expect(reason('something new')).toBe('other');
  });
  it('says which registry a reference points at', () => {
    expect(registryOf('python:3.12')).toBe('docker.io');
    expect(registryOf('ghcr.io/acme/x:1')).toBe('ghcr.io');
    expect(registryOf('localhost:5000/x')).toBe('localhost:5000');
    expect(registryOf('acme/x')).toBe('docker.io');
  });
});
