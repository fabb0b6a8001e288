import { describe, expect, it } from 'vitest';
import { groupPages, pageGroups } from './page-groups.ts';
import { pages } from './pages.tsx';

describe('the sidebar sections', () => {
  const sections = groupPages(pages);
  const labels = (id: string) => sections.find((s) => s.id === id)?.pages.map((p) => p.label);

  it('puts Home on top, then ML, Environments and Engine', () => {
    expect(sections.map((s) => s.id)).toEqual(['home', 'ml', 'environments', 'engine']);
    expect(sections.map((s) => s.heading)).toEqual([false, true, false, true]);
  });

  it('groups the pages as the work is', () => {
    expect(labels('home')).toEqual(['Home']);
    expect(labels('ml')).toEqual(['Pipelines', 'Runs', 'Experiments', 'Models', 'Features', 'Endpoints', 'Monitoring', 'Schedules']);
    expect(labels('environments')).toEqual(['Environments']);
    expect(labels('engine')).toEqual(['Containers', 'Stacks', 'Images', 'Volumes', 'Networks', 'Disk usage', 'GPUs']);
  });

  it('keeps every page once, ids unique (the routes are named by them), Home first', () => {
    const ids = sections.flatMap((s) => s.pages.map((p) => p.id));
    expect(ids).toHaveLength(pages.length);
    expect(new Set(ids).size).toBe(pages.length);
    expect(pages[0].id).toBe('home');
    expect(new Set(pages.map((p) => p.label)).size).toBe(pages.length);
  });

  it('leaves out an empty group and keeps the registry order within one', () => {
    const grouped = groupPages([
      { id: 'b', label: 'B', group: 'engine' },
      { id: 'a', label: 'A', group: 'engine' },
      { id: 'h', label: 'H', group: 'home' },
    ]);
    expect(grouped.map((s) => [s.id, s.pages.map((p) => p.id)])).toEqual([
      ['home', ['h']],
      ['engine', ['b', 'a']],
    ]);
    expect(pageGroups.map((g) => g.id)).toContain('ml');
  });
});
