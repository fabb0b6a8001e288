/**
 * What could not be probed, above what could (shared/domain/warnings.ts): one line per warning in a
 * warning box; nothing when the list is empty. `label` names the area ("Disk usage").
 */
export function WarningsNote({ warnings, label }: { warnings: readonly string[]; label: string }) {
  if (warnings.length === 0) return null;
  return (
    <div role="alert" className="alert alert-warning" aria-label={`${label}: partly unknown`}>
      {warnings.map((warning) => (
        <p key={warning}>{warning}</p>
      ))}
    </div>
  );
}
