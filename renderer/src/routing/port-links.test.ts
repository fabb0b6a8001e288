import { describe, expect, it } from 'vitest';
import { throughWebHost } from './port-links.ts';

describe('throughWebHost', () => {
  const origin = 'http://127.0.0.1:41000';
  it('serves a loopback port through the web host origin, path and query kept', () => {
    expect(throughWebHost('http://localhost:8888', origin)).toBe(`${origin}/ports/8888/`);
    expect(throughWebHost('http://localhost:8888/', origin)).toBe(`${origin}/ports/8888/`);
    expect(throughWebHost('http://127.0.0.1:6006/lab?token=x', origin)).toBe(`${origin}/ports/6006/lab?token=x`);
    expect(throughWebHost('http://[::1]:80/a', origin)).toBe(`${origin}/ports/80/a`);
  });
  it('leaves every other URL alone', () => {
    for (const url of ['https://localhost:8888/', 'http://example.com:8080/', 'http://localhost/', '/apps/0123456789ab/jupyterlab/', 'http://localhost:8888@evil.test/']) {
      expect(throughWebHost(url, origin)).toBe(url);
    }
  });
});
