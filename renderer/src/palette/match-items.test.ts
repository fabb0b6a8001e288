import { describe, expect, it } from 'vitest';
import { matchItems } from './match-items.ts';
import type { PaletteItem } from './palette-item.ts';

const item = (label: string, keywords = ''): PaletteItem => ({ id: label, label, group: 'g', keywords, run: () => {} });

describe('matchItems', () => {
  const items = [item('Go to Volumes'), item('Stop trainer-7', 'pytorch'), item('Go to container trainer-7'), item('Create volume…')];

  it('keeps every item whose label or keywords hold each word, best first', () => {
    expect(matchItems(items, 'trainer').map((i) => i.label)).toEqual(['Stop trainer-7', 'Go to container trainer-7']);
    expect(matchItems(items, 'go trainer').map((i) => i.label)).toEqual(['Go to container trainer-7']);
    expect(matchItems(items, 'pytorch').map((i) => i.label)).toEqual(['Stop trainer-7']);
    expect(matchItems(items, 'volume').map((i) => i.label)).toEqual(['Go to Volumes', 'Create volume…']);
  });

  it('returns the first items for an empty query and nothing for a miss', () => {
    expect(matchItems(items, '  ', 2)).toHaveLength(2);
    expect(matchItems(items, 'zzz')).toEqual([]);
  });
});
