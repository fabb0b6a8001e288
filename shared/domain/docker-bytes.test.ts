import { describe, expect, it } from 'vitest';
import { parseDockerBytes } from './docker-bytes.ts';

describe('parseDockerBytes', () => {
  it('reads docker sizes in binary units whatever their spelling', () => {
    expect(parseDockerBytes('64m')).toBe(64 * 1024 ** 2);
    expect(parseDockerBytes('2gb')).toBe(2 * 1024 ** 3);
    expect(parseDockerBytes('1.5GiB')).toBe(1.5 * 1024 ** 3);
    expect(parseDockerBytes(' 8 g ')).toBe(8 * 1024 ** 3);
    expect(parseDockerBytes('1024')).toBe(1024);
    expect(parseDockerBytes('512b')).toBe(512);
    expect(parseDockerBytes(1048576)).toBe(1048576);
  });

  it('refuses what is not a size', () => {
    expect(parseDockerBytes('lots')).toBeNull();
    expect(parseDockerBytes('-1m')).toBeNull();
    expect(parseDockerBytes('2x')).toBeNull();
    expect(parseDockerBytes(Number.NaN)).toBeNull();
  });
});
