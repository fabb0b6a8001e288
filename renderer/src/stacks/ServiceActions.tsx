import { useState } from 'react';

export interface ServiceActionHandlers {
  restartService(project: string, service: string): void;
  scale(project: string, service: string, replicas: number): void;
}

/** One service of a stack: restart its containers, or scale it to N replicas (compose up of that service). */
export function ServiceActions({ project, service, replicas, canScale, busy, handlers }: { project: string; service: string; replicas: number; canScale: boolean; busy: boolean; handlers: ServiceActionHandlers }) {
  const [wanted, setWanted] = useState(String(replicas));
  const count = Number(wanted);
  const valid = wanted.trim() !== '' && Number.isInteger(count) && count >= 0 && count <= 64;
  return (
    <li className="service-actions">
      <span className="service-actions-name">{service}</span>
      <span className="muted">{replicas === 1 ? '1 container' : `${replicas} containers`}</span>
      <button type="button" className="button button-small" aria-label={`Restart ${service}`} disabled={busy} onClick={() => handlers.restartService(project, service)}>
        Restart
      </button>
      {canScale && (
        <form
          className="service-scale"
          onSubmit={(event) => {
            event.preventDefault();
            if (valid) handlers.scale(project, service, count);
          }}
        >
          <input
            type="number"
            className="input service-replicas"
            min={0}
            max={64}
            aria-label={`Replicas of ${service}`}
            aria-invalid={!valid}
            title="0 to 64"
            value={wanted}
            onChange={(event) => setWanted(event.target.value)}
          />
          <button type="submit" className="button button-small" aria-label={`Scale ${service}`} disabled={busy || !valid}>
            Scale
          </button>
        </form>
      )}
    </li>
  );
}
