import { parseDockerStatus, statusAt } from '../format/docker-status.ts';
import { useNow } from '../ui/use-now.ts';

/** When each container's current Status sentence was first read, so it can be written again later. */
const readAt = new Map<string, { status: string; at: number }>();

function firstRead(id: string, status: string): number {
  const seen = readAt.get(id);
  if (seen?.status === status) return seen.at;
  const at = Date.now();
  readAt.set(id, { status, at });
  if (readAt.size > 5000) readAt.delete(readAt.keys().next().value as string);
  return at;
}

/** A container's Docker Status ("Up 5 seconds"), kept current by the window's shared clock. */
export function TickingStatus({ id, status }: { id: string; status: string }) {
  const at = firstRead(id, status);
  const parsed = parseDockerStatus(status);
  const elapsed = parsed ? parsed.elapsedMs + (Date.now() - at) : Infinity;
  // Seconds tick while it is under a minute, minutes under an hour; nothing when there is no duration.
  const now = useNow(elapsed < 60_000 ? 1000 : elapsed < 3_600_000 ? 30_000 : 600_000);
  return <>{parsed ? statusAt(status, at, now) : status}</>;
}
