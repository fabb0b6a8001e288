import { describe, expect, it } from 'vitest';
import { dockerBridgeAddress, parseIpAddrOutput } from './bridge-address.ts';

describe('the Docker bridge address', () => {
  it('reads `ip -4 -o addr show` output, including a bridge with no carrier (no container attached)', () => {
    expect(parseIpAddrOutput('5: docker0    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\\       valid_lft forever preferred_lft forever\n')).toBe('172.17.0.1');
    expect(parseIpAddrOutput('')).toBeNull();
  });

  it('is null when the tool fails or the interface does not exist', () => {
    expect(dockerBridgeAddress('benchtop-no-such-if', () => { throw new Error('Device "x" does not exist.'); })).toBeNull();
    expect(dockerBridgeAddress('benchtop-no-such-if', () => '')).toBeNull();
  });
});
