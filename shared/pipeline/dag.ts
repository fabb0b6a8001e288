/** The step graph: dependencies come from `depends` only. */
export type DependencyMap = Readonly<Record<string, readonly string[]>>;

/** One cycle as a closed path (first name repeated at the end), or null. Unknown names are ignored. */
export function findCycle(depends: DependencyMap): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (step: string): string[] | null => {
    state.set(step, 'visiting');
    stack.push(step);
    for (const upstream of depends[step] ?? []) {
      if (!Object.hasOwn(depends, upstream)) continue;
      const seen = state.get(upstream);
      if (seen === 'visiting') return [...stack.slice(stack.indexOf(upstream)), upstream];
      if (seen === undefined) {
        const cycle = visit(upstream);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(step, 'done');
    return null;
  };
  for (const step of Object.keys(depends)) {
    if (!state.has(step)) {
      const cycle = visit(step);
      // Found walking upstream: read it in the direction work flows.
      if (cycle) return cycle.reverse();
    }
  }
  return null;
}

/** Every step that `step` waits for, directly or not. */
export function upstreamOf(depends: DependencyMap, step: string): Set<string> {
  const seen = new Set<string>();
  const pending = [...(depends[step] ?? [])];
  while (pending.length > 0) {
    const next = pending.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...(depends[next] ?? []));
  }
  return seen;
}

/** Steps no other step depends on. */
export function leavesOf(depends: DependencyMap): string[] {
  const used = new Set(Object.values(depends).flat());
  return Object.keys(depends).filter((step) => !used.has(step));
}

/** A topological order (dependencies first, file order among equals); assumes no cycle. */
export function topologicalOrder(depends: DependencyMap): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  const place = (step: string) => {
    if (placed.has(step)) return;
    placed.add(step);
    for (const upstream of depends[step] ?? []) if (Object.hasOwn(depends, upstream)) place(upstream);
    order.push(step);
  };
  for (const step of Object.keys(depends)) place(step);
  return order;
}
