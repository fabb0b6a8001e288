import type { EngineStatus } from '../../../shared/domain/engine.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useEngineReconnect } from './use-engine-status.ts';

const OUTCOME_TEXT: Record<EngineStatus['candidates'][number]['outcome'], string> = {
  ok: 'ok',
  missing: 'missing',
  permission_denied: 'permission denied',
  not_docker: 'not Docker',
  refused: 'refused',
  timeout: 'timeout',
  unsupported: 'unsupported',
  error: 'error',
};

/** Shown instead of a blank page when no engine answered: every candidate tried, and what to do. */
export function EngineDiagnostics({ status }: { status: EngineStatus }) {
  const reconnect = useEngineReconnect();
  return (
    <div className="page diagnostics">
      <h1>No Docker engine found</h1>
      {status.candidates.every((candidate) => candidate.source === 'DOCKER_HOST') ? (
        <p className="diagnostics-intro">
          <code>DOCKER_HOST</code> is set, so Benchtop used only that engine, as the docker CLI does, and it did not answer. Fix it, or unset
          <code>DOCKER_HOST</code> to let Benchtop look for a local engine, then retry.
        </p>
      ) : (
        <p className="diagnostics-intro">
          Benchtop looked for a running engine in the current Docker context and the usual sockets (Docker, rootless Docker, Docker Desktop,
          Colima, OrbStack, Rancher Desktop, Podman). None answered. Fix one of these, then retry.
        </p>
      )}
      <div className="diagnostics-actions">
        <button type="button" className="button button-primary" onClick={() => reconnect.mutate()} disabled={reconnect.isPending}>
          {reconnect.isPending ? 'Retrying…' : 'Retry'}
        </button>
        <span className="muted">Last checked {new Date(status.checkedAt).toLocaleTimeString()}</span>
      </div>
      {reconnect.isError && <ErrorAlert error={reconnect.error} prefix="Retry failed" />}
      <div className="table-scroll table-scroll-auto">
        <table className="diagnostics-table" aria-label="Engine candidates">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">Outcome</th>
              <th scope="col">Detail</th>
              <th scope="col">Fix</th>
            </tr>
          </thead>
          <tbody>
            {status.candidates.map((candidate, index) => (
              <tr key={`${candidate.address}-${index}`}>
                <td title={`Found through ${candidate.source}`}>{candidate.name}</td>
                <td>
                  <code>{candidate.address}</code>
                </td>
                <td>
                  <span className={`badge outcome-${candidate.outcome}`}>{OUTCOME_TEXT[candidate.outcome]}</span>
                </td>
                <td>{candidate.detail}</td>
                <td>{candidate.fix ?? '—'}</td>
              </tr>
            ))}
            {status.candidates.length === 0 && (
              <tr>
                <td colSpan={5}>No candidate was found at all: install Docker Engine or Docker Desktop, or set DOCKER_HOST.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
