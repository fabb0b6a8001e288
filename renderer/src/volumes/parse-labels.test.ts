import { describe, expect, it } from 'vitest';
import { parseLabels } from './parse-labels.ts';

describe('parseLabels', () => {
  it('reads key=value lines, keeps "=" in values, allows a bare key', () => {
    expect(parseLabels('team=ml\n\n url = a=b \nflag')).toEqual({ team: 'ml', url: 'a=b', flag: '' });
  });
  it('names the line without a key', () => {
    expect(() => parseLabels('a=1\n=x')).toThrow('line 2');
  });
});
