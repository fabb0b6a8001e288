import { describe, expect, it } from 'vitest';
import { createAccessPolicy } from './access-policy.ts';
import { readCookie, tokenCookieHeader } from './cookies.ts';
import { allowedHostHeaders, hostForUrl } from './host-check.ts';
import { generateToken, isWellFormedToken, tokensEqual } from './token.ts';

describe('allowedHostHeaders', () => {
  it('accepts the loopback names on the port', () => {
    expect(allowedHostHeaders('127.0.0.1', 4000)).toEqual(['127.0.0.1:4000', 'localhost:4000', '[::1]:4000']);
  });

  it('adds the explicit bind host and extra names, never a wildcard', () => {
    expect(allowedHostHeaders('::1', 1)).toEqual(['127.0.0.1:1', 'localhost:1', '[::1]:1']);
    expect(allowedHostHeaders('192.168.1.5', 1)).toContain('192.168.1.5:1');
    expect(allowedHostHeaders('0.0.0.0', 1, ['GPU-Box'])).toEqual(['127.0.0.1:1', 'localhost:1', '[::1]:1', 'gpu-box:1']);
    expect(hostForUrl('fe80::1')).toBe('[fe80::1]');
  });
});

describe('createAccessPolicy', () => {
  const policy = createAccessPolicy({ bindHost: '127.0.0.1', port: 5555, token: 'a'.repeat(43) });

  it('checks Host and Origin exactly', () => {
    expect(policy.hostAllowed('localhost:5555')).toBe(true);
    expect(policy.hostAllowed('localhost')).toBe(false);
    expect(policy.hostAllowed('localhost:5555.evil.test')).toBe(false);
    expect(policy.hostAllowed(undefined)).toBe(false);
    expect(policy.originAllowed('http://127.0.0.1:5555')).toBe(true);
    expect(policy.originAllowed('https://127.0.0.1:5555')).toBe(false);
    expect(policy.originAllowed('http://127.0.0.1:5555/')).toBe(false);
    expect(policy.originAllowed('null')).toBe(false);
    expect(policy.originAllowed(undefined)).toBe(false);
  });

  it('checks the cookie', () => {
    expect(policy.cookieValid(`x=1; benchtop_token=${'a'.repeat(43)}`)).toBe(true);
    expect(policy.cookieValid(`benchtop_token=${'a'.repeat(42)}`)).toBe(false);
    expect(policy.cookieValid(undefined)).toBe(false);
  });
});

describe('tokens and cookies', () => {
  it('generates 32-byte base64url tokens', () => {
    const token = generateToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(isWellFormedToken(token)).toBe(true);
    expect(isWellFormedToken('short')).toBe(false);
    expect(isWellFormedToken('has space in it 1234')).toBe(false);
  });

  it('compares tokens', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('abc', 'abd')).toBe(false);
    expect(tokensEqual('abc', '')).toBe(false);
    expect(tokensEqual('abc', null)).toBe(false);
  });

  it('reads and writes the token cookie', () => {
    expect(readCookie('a=1; benchtop_token="x%2Dy"', 'benchtop_token')).toBe('x-y');
    expect(readCookie('benchtop_tokenx=1', 'benchtop_token')).toBeNull();
    expect(tokenCookieHeader('t')).toBe('benchtop_token=t; HttpOnly; SameSite=Strict; Path=/');
  });
});
