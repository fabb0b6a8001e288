import { useEngineStatus } from '../engine/use-engine-status.ts';
import { Tile } from './Tile.tsx';

export function EngineTile() {
  const { data: status } = useEngineStatus();
  const versions = status?.versions;
  return (
    <Tile title="Engine" page="containers" linkLabel="Open Containers from Engine" wide>
      {status?.connected && versions && status.endpoint ? (
        <dl className="engine-facts">
          <div>
            <dt>State</dt>
            <dd>
              <span className="engine-dot engine-dot-on" aria-hidden="true" /> Connected
            </dd>
          </div>
          <div>
            <dt>Docker</dt>
            <dd>{versions.serverVersion}</dd>
          </div>
          <div>
            <dt>API</dt>
            <dd>
              {versions.negotiatedApiVersion} <span className="muted">(server {versions.apiVersion})</span>
            </dd>
          </div>
          <div>
            <dt>Endpoint</dt>
            <dd className="mono">{status.endpoint.address}</dd>
          </div>
          <div>
            <dt>System</dt>
            <dd>
              {versions.operatingSystem ?? versions.os} · {versions.arch}
              {versions.kernelVersion ? ` · kernel ${versions.kernelVersion}` : ''}
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
