import type { ContainerHealth } from '../../../shared/domain/compose-stacks.ts';

/** healthy / unhealthy / starting from the container's healthcheck; nothing when it has none. */
export function HealthBadge({ health }: { health: ContainerHealth }) {
  if (health === 'none') return <span className="muted">—</span>;
  return <span className={`badge health-${health}`}>{health}</span>;
}
