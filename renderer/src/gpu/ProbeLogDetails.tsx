import type { ProbeLogEntry } from '../../../shared/domain/gpu.ts';

/** "Details": every probe the core ran (command, exit code, first stderr line, duration). */
export function ProbeLogDetails({ entries }: { entries: readonly ProbeLogEntry[] }) {
  return (
    <details className="gpu-details">
      <summary>Details</summary>
      {entries.length === 0 ? (
        <p className="muted">No probe has run yet.</p>
      ) : (
        <table className="gpu-table" aria-label="Probe log">
          <thead>
            <tr>
              <th className="gpu-col-command">Command</th>
              <th className="gpu-col-outcome">Outcome</th>
              <th className="gpu-col-exit">Exit code</th>
              <th>First line of stderr</th>
              <th className="num gpu-col-duration">Duration</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry, i) => (
              <tr key={`${entry.at}-${i}`}>
                <td className="mono gpu-command" title={entry.command}>
                  {entry.command}
                </td>
                <td>
                  <span className={`badge probe-${entry.outcome}`}>{entry.outcome}</span>
                </td>
                <td className="mono">{entry.exitCode ?? '—'}</td>
                <td className="gpu-stderr" title={entry.firstStderrLine ?? ''}>
                  {entry.firstStderrLine ?? ''}
                </td>
                <td className="num">{entry.durationMs} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
