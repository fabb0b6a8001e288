import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors.ts';
import { toApiError } from './errors.ts';

/** The shape docker-modem gives HTTP failures. */
function modemError(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message} `), { statusCode, reason: 'unexpected', json: { message } });
}

describe('toApiError', () => {
  it('maps 404 to not_found with the engine message', () => {
    const error = toApiError(modemError(404, 'No such container: abc'), 'start container abc');
    expect(error).toBeInstanceOf(ApiError);
    expect(error.toPayload()).toEqual({
      code: 'not_found',
      message: 'Could not start container abc: No such container: abc.',
      details: { action: 'start container abc', statusCode: 404, engineMessage: 'No such container: abc' },
    });
  });

  it('maps 409 to conflict and 304 to conflict with the status code in details', () => {
    expect(toApiError(modemError(409, 'You cannot remove a running container 3f2a.'), 'remove container 3f2a').toPayload()).toMatchObject({
      code: 'conflict',
      message: 'Could not remove container 3f2a: You cannot remove a running container 3f2a.',
    });
    const notModified = Object.assign(new Error('(HTTP code 304) container already started - '), { statusCode: 304, json: null });
    expect(toApiError(notModified, 'start container 3f2a').toPayload()).toMatchObject({
      code: 'conflict',
      message: 'Could not start container 3f2a: it is already in that state.',
      details: { statusCode: 304 },
    });
  });

  it('maps 400 and 500 to engine_error with the engine own message', () => {
    expect(toApiError(modemError(500, 'driver failed programming external connectivity'), 'start container a').toPayload()).toMatchObject({
      code: 'engine_error',
      message: 'The engine could not start container a: driver failed programming external connectivity.',
      details: { statusCode: 500 },
    });
    expect(toApiError(modemError(400, 'invalid reference format'), 'create container').code).toBe('engine_error');
  });

  it.each(['ECONNREFUSED', 'ENOENT', 'EPIPE'])('maps %s to engine_unavailable', (code) => {
    const error = toApiError(Object.assign(new Error(`connect ${code} /var/run/docker.sock`), { code }), 'list containers');
    expect(error.code).toBe('engine_unavailable');
    expect(error.message).toContain('Could not list containers: the Docker engine is not reachable');
    expect(error.message).toContain('Start Docker');
  });

  it('passes ApiErrors through and maps aborts to cancelled', () => {
    const original = new ApiError('invalid_input', 'nope');
    expect(toApiError(original, 'x')).toBe(original);
    expect(toApiError(Object.assign(new Error('aborted'), { name: 'AbortError' }), 'pull busybox').code).toBe('cancelled');
  });

  it('keeps other failures readable', () => {
    expect(toApiError('boom', 'inspect image').toPayload()).toMatchObject({ code: 'engine_error', message: 'Could not inspect image: boom.' });
  });
});
