import { useEngineStatus } from '../engine/use-engine-status.ts';
import { Tile } from './Tile.tsx';

/** The engine Benchtop talks to, in three short lines: connected, which version, where. */
export function EngineTile() {
  const { data: status } = useEngineStatus();
  const versions = status?.versions;
  return (
    <Tile title="Connection" page="containers" linkLabel="Open Containers from Engine">
      {status?.connected && versions && status.endpoint ? (
        <dl className="engine-facts engine-facts-compact">
          <div>
            <dt>State</dt>
            <dd>
              <span className="engine-dot engine-dot-on" aria-hidden="true" /> Connected
            </dd>
          </div>
          <div>
            <dt>Docker</dt>
            <dd title={`API ${versions.negotiatedApiVersion} (server ${versions.apiVersion})`}>
              {versions.serverVersion} <span className="muted">· API {versions.negotiatedApiVersion}</span>
            </dd>
          </div>
          <div>
            <dt>Endpoint</dt>
            <dd className="mono" title={status.endpoint.address}>
              {status.endpoint.address}
            </dd>
          </div>
          <div>
            <dt>System</dt>
            <dd title={versions.kernelVersion ? `kernel ${versions.kernelVersion}` : undefined}>
              {versions.operatingSystem ?? versions.os} · {versions.arch}
            </dd>
          </div>
        </dl>
      ) : (
        <p>
          <span className="engine-dot engine-dot-off" aria-hidden="true" /> No engine
        </p>
      )}
    </Tile>
  );
}
