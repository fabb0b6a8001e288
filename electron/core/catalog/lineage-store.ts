import type { LineageGraph, LineageNode } from '../../../shared/catalog/model.ts';
import type { Store } from '../store/database.ts';
import type { StatementCache } from './statement-cache.ts';

/** The lineage graph (lineage_nodes, lineage_edges): datasets, steps, artifacts and versions, linked. */
export class LineageStore {
  readonly #store: Store;
  readonly #statements: StatementCache;

  constructor(store: Store, statements: StatementCache) {
    this.#store = store;
    this.#statements = statements;
  }

  /** Records nodes and edges (idempotent): the graph that links datasets, steps, artifacts and versions. */
  add(nodes: LineageNode[], edges: { source: string; target: string; relation: string }[]): void {
    this.#store.transaction(() => {
      const node = this.#statements.prepare(
        `INSERT INTO lineage_nodes (id, kind, label, run_id, step, digest) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET label = excluded.label, digest = COALESCE(excluded.digest, lineage_nodes.digest)`,
      );
      for (const n of nodes) node.run(n.id, n.kind, n.label, n.runId, n.step, n.digest);
      const edge = this.#statements.prepare('INSERT OR IGNORE INTO lineage_edges (src, dst, relation) VALUES (?, ?, ?)');
      for (const e of edges) edge.run(e.source, e.target, e.relation);
    });
  }

  /** Everything upstream of a node (a version: `model_version:<id>`), as a graph. */
  upstreamOf(nodeId: string): LineageGraph {
    const rows = this.#store.db
      .prepare(
        `WITH RECURSIVE up(id) AS (SELECT ? UNION SELECT e.src FROM lineage_edges e JOIN up ON e.dst = up.id)
         SELECT n.* FROM lineage_nodes n JOIN up ON up.id = n.id`,
      )
      .all(nodeId) as unknown as { id: string; kind: LineageNode['kind']; label: string; run_id: string | null; step: string | null; digest: string | null }[];
    const ids = rows.map((r) => r.id);
    const edges = this.#store.db
      .prepare('SELECT src, dst, relation FROM lineage_edges WHERE dst IN (SELECT value FROM json_each(?)) AND src IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(ids), JSON.stringify(ids)) as { src: string; dst: string; relation: string }[];
    return {
      nodes: rows.map((r) => ({ id: r.id, kind: r.kind, label: r.label, runId: r.run_id, step: r.step, digest: r.digest })),
      edges: edges.map((e) => ({ source: e.src, target: e.dst, relation: e.relation })),
    };
  }
}
