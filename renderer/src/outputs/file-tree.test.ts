import { describe, expect, it } from 'vitest';
import { fileTree } from './file-tree.ts';

describe('fileTree', () => {
  it('nests paths into folders first, then files, with folder sizes', () => {
    const tree = fileTree([
      { path: 'table.csv', size: 10 },
      { path: 'notes/readme.txt', size: 3 },
      { path: 'notes/deep/a.txt', size: 2 },
      { path: 'dot.png', size: 5 },
    ]);
    expect(tree.map((n) => [n.name, n.size, n.children ? 'dir' : 'file'])).toEqual([
      ['notes', 5, 'dir'],
      ['dot.png', 5, 'file'],
      ['table.csv', 10, 'file'],
    ]);
    expect(tree[0].children?.map((n) => n.path)).toEqual(['notes/deep', 'notes/readme.txt']);
    expect(tree[0].children?.[0].children?.[0]).toEqual({ name: 'a.txt', path: 'notes/deep/a.txt', size: 2, children: null });
  });
});
