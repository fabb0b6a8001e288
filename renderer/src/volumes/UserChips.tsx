import type { ResourceUser } from '../../../shared/domain/volumes.ts';

const SHOWN = 4;

/** The containers using a volume or network: a few chips, then "+N more" (all of them in the tooltip). */
export function UserChips({ users, none }: { users: readonly ResourceUser[]; none: string }) {
  if (users.length === 0) return <span className="muted">{none}</span>;
  const rest = users.length - SHOWN;
  return (
    <span className="user-chips" title={users.map((u) => u.name).join(', ')}>
      {users.slice(0, SHOWN).map((u) => (
        <span key={u.id} className="user-chip">
          {u.name}
        </span>
      ))}
      {rest > 0 && <span className="muted">+{rest} more</span>}
    </span>
  );
}
