import { describe, expect, it } from 'vitest';
import { publishedPortUrls } from './published-port-urls.ts';

describe('publishedPortUrls', () => {
  it('lists each published TCP port once, sorted, skipping unpublished and UDP ports', () => {
    expect(
      publishedPortUrls([
        { ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp' },
        { ip: '::', privatePort: 80, publicPort: 8080, type: 'tcp' },
        { ip: '0.0.0.0', privatePort: 443, publicPort: 8443, type: 'tcp' },
        { ip: null, privatePort: 9000, publicPort: null, type: 'tcp' },
        { ip: '0.0.0.0', privatePort: 53, publicPort: 5353, type: 'udp' },
        { ip: '0.0.0.0', privatePort: 22, publicPort: 2222, type: 'tcp' },
      ]),
    ).toEqual(['http://localhost:2222', 'http://localhost:8080', 'http://localhost:8443']);
  });
});
