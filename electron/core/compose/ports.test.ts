import { describe, expect, it } from 'vitest';
import { parsePort } from './ports.ts';

describe('parsePort', () => {
  it('reads the short syntax forms', () => {
    expect(parsePort('8080:80')).toEqual([{ target: 80, published: '8080', hostIp: null, protocol: 'tcp' }]);
    expect(parsePort('127.0.0.1:8001:8001')).toEqual([{ target: 8001, published: '8001', hostIp: '127.0.0.1', protocol: 'tcp' }]);
    expect(parsePort('[::1]:6001:6001')).toEqual([{ target: 6001, published: '6001', hostIp: '::1', protocol: 'tcp' }]);
    expect(parsePort('6060:6060/udp')[0].protocol).toBe('udp');
    expect(parsePort(3000)).toEqual([{ target: 3000, published: null, hostIp: null, protocol: 'tcp' }]);
    expect(parsePort('9000-9001:9000-9001').map((p) => [p.published, p.target])).toEqual([
      ['9000', 9000],
      ['9001', 9001],
    ]);
  });

  it('reads the long syntax', () => {
    expect(parsePort({ target: 80, published: '8080', host_ip: '0.0.0.0', protocol: 'udp' })).toEqual([{ target: 80, published: '8080', hostIp: '0.0.0.0', protocol: 'udp' }]);
  });

  it('explains what is wrong', () => {
    expect(() => parsePort('80:http')).toThrow(/"http" is not a port number/);
    expect(() => parsePort('70000:80')).toThrow(/not a port number/);
    expect(() => parsePort('80:80/icmp')).toThrow(/use tcp, udp or sctp/);
  });
});
