/** A folder (children) or a file (size) of a flat list of `/`-separated paths. */
export interface TreeNode {
  name: string;
  path: string;
  size: number;
  children: TreeNode[] | null;
}

/** Folders first, then files, each sorted by name; a folder's size is the sum of its files. */
export function fileTree(files: readonly { path: string; size: number }[]): TreeNode[] {
  const root: TreeNode = { name: '', path: '', size: 0, children: [] };
  for (const file of files) {
    const parts = file.path.split('/');
    let node = root;
    parts.forEach((part, i) => {
      const path = parts.slice(0, i + 1).join('/');
      node.size += file.size;
      if (i === parts.length - 1) {
        node.children?.push({ name: part, path, size: file.size, children: null });
        return;
      }
      let folder = node.children?.find((c) => c.name === part && c.children);
      if (!folder) {
        folder = { name: part, path, size: 0, children: [] };
        node.children?.push(folder);
      }
      node = folder;
    });
  }
  const sort = (nodes: TreeNode[]): TreeNode[] =>
    nodes
      .sort((a, b) => (a.children && !b.children ? -1 : !a.children && b.children ? 1 : a.name.localeCompare(b.name)))
      .map((n) => (n.children ? { ...n, children: sort(n.children) } : n));
  return sort(root.children ?? []);
}
