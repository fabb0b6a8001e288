import type { ReactNode } from 'react';
import type { ContainerDetails } from '../../../shared/domain/container-details.ts';

/** The friendly half of `docker inspect`: what runs, with what, reachable how. */
export function DetailsSummary({ details }: { details: ContainerDetails }) {
  const { state, health } = details;
  return (
    <div className="details-summary">
      <Section title="Container">
        <Field label="Image">{details.image}</Field>
        <Field label="ID">{details.id.slice(0, 12)}</Field>
        <Field label="State">
          {state.status}
          {state.exitCode !== null && !state.running ? ` (exit code ${state.exitCode})` : ''}
          {state.restartCount > 0 ? `, restarted ${state.restartCount}×` : ''}
        </Field>
        {state.error && <Field label="Error">{state.error}</Field>}
        <Field label="Created">{new Date(details.created).toLocaleString()}</Field>
        {state.startedAt && <Field label="Started">{new Date(state.startedAt).toLocaleString()}</Field>}
        <Field label="Restart policy">
          {details.restartPolicy.name}
          {details.restartPolicy.maximumRetryCount > 0 ? ` (max ${details.restartPolicy.maximumRetryCount})` : ''}
        </Field>
        <Field label="Health">{health ? `${health.status}${health.failingStreak ? `, ${health.failingStreak} failing` : ''}` : 'no health check'}</Field>
        {health?.lastOutput && <Field label="Last check">{health.lastOutput}</Field>}
      </Section>
      <Section title="Command">
        <Field label="Entrypoint">{words(details.entrypoint)}</Field>
        <Field label="Command">{words(details.command)}</Field>
        {details.workingDir && <Field label="Working dir">{details.workingDir}</Field>}
        {details.user && <Field label="User">{details.user}</Field>}
        <Field label="TTY">{details.tty ? 'yes' : 'no'}</Field>
      </Section>
      <Section title={`Environment (${details.env.length})`}>
        {details.env.length === 0 ? <Empty /> : details.env.map((e, i) => <Field key={i} label={e.key}>{e.value}</Field>)}
      </Section>
      <Section title={`Ports (${details.ports.length})`}>
        {details.ports.length === 0 ? (
          <Empty />
        ) : (
          details.ports.map((p, i) => (
            <Field key={i} label={`${p.containerPort}/${p.protocol}`}>
              {p.hostPort === null ? 'not published' : `${p.hostIp || '0.0.0.0'}:${p.hostPort}`}
            </Field>
          ))
        )}
      </Section>
      <Section title={`Mounts (${details.mounts.length})`}>
        {details.mounts.length === 0 ? (
          <Empty />
        ) : (
          details.mounts.map((m, i) => (
            <Field key={i} label={m.destination}>
              {m.type} {m.name ?? m.source}
              {m.readOnly ? ' (read-only)' : ''}
            </Field>
          ))
        )}
      </Section>
      <Section title={`Networks (${details.networks.length})`}>
        {details.networks.length === 0 ? <Empty /> : details.networks.map((n) => <Field key={n.name} label={n.name}>{n.ipAddress || 'no address'}{n.gateway ? ` via ${n.gateway}` : ''}</Field>)}
      </Section>
      <Section title={`GPUs and devices (${details.deviceRequests.length})`}>
        {details.deviceRequests.length === 0 ? (
          <Empty text="none requested" />
        ) : (
          details.deviceRequests.map((d, i) => (
            <Field key={i} label={d.driver || 'default driver'}>
              {d.deviceIds.length > 0 ? d.deviceIds.join(', ') : d.count === -1 ? 'all' : `${d.count}`}
              {d.capabilities.length > 0 ? ` [${d.capabilities.map((c) => c.join('+')).join(', ')}]` : ''}
            </Field>
          ))
        )}
      </Section>
      <Section title={`Labels (${Object.keys(details.labels).length})`}>
        {Object.keys(details.labels).length === 0 ? <Empty /> : Object.entries(details.labels).map(([k, v]) => <Field key={k} label={k}>{v}</Field>)}
      </Section>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="details-section" aria-label={title}>
      <h3>{title}</h3>
      <dl>{children}</dl>
    </section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt title={label}>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Empty({ text = 'none' }: { text?: string }) {
  return <dd className="details-empty">{text}</dd>;
}

function words(list: readonly string[]): string {
  return list.length === 0 ? '—' : list.map((w) => (/[\s'"]/.test(w) ? JSON.stringify(w) : w)).join(' ');
}
