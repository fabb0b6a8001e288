import { ApiError } from '../../../shared/api/errors.ts';

export interface GpuAllocatorOptions {
  /** When true, a device may be handed to several holders at once (least used first). */
  allowSharing?: boolean;
}

export interface GpuAllocator {
  /** Hands out `n` specific device ids (UUIDs preferred) or throws `conflict` when not enough are free. */
  allocate(n: number): string[];
  /** Gives devices back; ids not held are ignored. */
  release(deviceIds: readonly string[]): void;
  /** Device ids nobody holds. */
  free(): string[];
  /** How many holders each device has. */
  holders(): ReadonlyMap<string, number>;
}

/**
 * Hands out specific GPUs from a fixed pool so that two pipeline steps never share one unless the
 * person allowed it. Allocation is all-or-nothing and deterministic (pool order).
 */
export function createGpuAllocator(pool: readonly string[], options: GpuAllocatorOptions = {}): GpuAllocator {
  const uniquePool = [...new Set(pool)];
  const held = new Map<string, number>(uniquePool.map((id) => [id, 0]));

  return {
    allocate(n) {
      if (!Number.isInteger(n) || n < 1) {
        throw new ApiError('invalid_input', `Ask for a whole number of GPUs of at least 1 (got ${String(n)}).`);
      }
      if (n > uniquePool.length) {
        throw new ApiError('conflict', `Asked for ${n} GPUs but this machine has ${uniquePool.length}; lower the GPU count.`);
      }
      const candidates = options.allowSharing
        ? [...uniquePool].sort((a, b) => (held.get(a) ?? 0) - (held.get(b) ?? 0))
        : uniquePool.filter((id) => held.get(id) === 0);
      if (candidates.length < n) {
        throw new ApiError(
          'conflict',
          `Only ${candidates.length} of ${uniquePool.length} GPUs are free and ${n} were asked for; wait for a running step to finish or allow GPU sharing.`,
        );
      }
      const chosen = candidates.slice(0, n);
      for (const id of chosen) held.set(id, (held.get(id) ?? 0) + 1);
      return chosen;
    },
    release(deviceIds) {
      for (const id of deviceIds) {
        const count = held.get(id);
        if (count !== undefined && count > 0) held.set(id, count - 1);
      }
    },
    free() {
      return uniquePool.filter((id) => held.get(id) === 0);
    },
    holders() {
      return new Map(held);
    },
  };
}
