import { describe, expect, it } from 'vitest';
import { parentPath } from './parent-path.ts';

describe('parentPath', () => {
  it('goes one folder up on POSIX paths, trailing slashes ignored', () => {
    expect(parentPath('/tmp/a/notes.txt')).toBe('/tmp/a');
    expect(parentPath('/tmp/a/')).toBe('/tmp');
    expect(parentPath('/tmp')).toBe('/');
    expect(parentPath('/')).toBeNull();
  });

  it('goes up on Windows paths down to the drive', () => {
    expect(parentPath('C:\\Users\\me')).toBe('C:\\Users');
    expect(parentPath('C:\\Users')).toBe('C:\\');
    expect(parentPath('C:\\')).toBeNull();
  });

  it('answers null for what is not a path', () => {
    expect(parentPath('relative')).toBeNull();
  });
});
