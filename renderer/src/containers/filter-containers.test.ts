import { describe, expect, it } from 'vitest';
import { filterContainers, isStateFilter } from './filter-containers.ts';
import { makeContainer } from './test-containers.ts';

const list = [
  makeContainer({ id: '1', name: 'web', image: 'nginx:1.27', state: 'running' }),
  makeContainer({ id: '2', name: 'DB-main', image: 'postgres:16', state: 'exited' }),
  makeContainer({ id: '3', name: 'worker', image: 'ghcr.io/acme/Worker:latest', state: 'created' }),
  makeContainer({ id: '4', name: 'frozen', image: 'redis', state: 'paused' }),
];
const names = (items: ReturnType<typeof filterContainers>) => items.map((c) => c.name);

describe('filterContainers', () => {
  it('keeps everything with no text and state all', () => {
    expect(names(filterContainers(list, '', 'all'))).toEqual(['web', 'DB-main', 'worker', 'frozen']);
    expect(names(filterContainers(list, '   ', 'all'))).toHaveLength(4);
  });

  it('matches name or image, case-insensitive', () => {
    expect(names(filterContainers(list, 'db', 'all'))).toEqual(['DB-main']);
    expect(names(filterContainers(list, 'POSTGRES', 'all'))).toEqual(['DB-main']);
    expect(names(filterContainers(list, 'worker', 'all'))).toEqual(['worker']);
    expect(names(filterContainers(list, 'nomatch', 'all'))).toEqual([]);
  });

  it('filters by state and combines with text', () => {
    expect(names(filterContainers(list, '', 'running'))).toEqual(['web']);
    expect(names(filterContainers(list, '', 'paused'))).toEqual(['frozen']);
    expect(names(filterContainers(list, 'web', 'exited'))).toEqual([]);
  });

  it('recognises the select values', () => {
    expect(isStateFilter('exited')).toBe(true);
    expect(isStateFilter('dead')).toBe(false);
  });
});
