import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { defaultEndpointName } from '../../../shared/serving/endpoint.ts';
import { useApiClient } from '../api/api-context.tsx';
import { useUiStore } from '../state/ui-store.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useEndpointsUi } from './endpoints-ui-store.ts';

/** Serve a version or an alias: name, port, image (required when the version has none recorded), GPUs. */
export function ServeDialog() {
  const request = useEndpointsUi((s) => s.serving);
  if (!request) return null;
  return <ServeForm key={`${request.model}@${request.alias ?? request.version}`} />;
}

function ServeForm() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const { serving: request, openServe, select } = useEndpointsUi();
  const target = request as NonNullable<typeof request>;
  const [name, setName] = useState(defaultEndpointName(target.alias ? `${target.model}-${target.alias}` : target.model));
  const [port, setPort] = useState('');
  const [image, setImage] = useState('');
  const [gpus, setGpus] = useState('');
  const serve = useMutation({
    mutationFn: () =>
      api.call('endpoints.serve', {
        model: target.model,
        ...(target.alias ? { alias: target.alias } : { version: target.version }),
        name: name.trim(),
        ...(port.trim() ? { port: Number(port) } : {}),
        ...(image.trim() ? { image: image.trim() } : {}),
        ...(gpus.trim() ? { gpus: gpus.trim() } : {}),
      }),
    onSuccess: (endpoint) => {
      openServe(null);
      select(endpoint.name);
      void queryClient.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('endpoints.') });
      useUiStore.getState().setPage('endpoints');
    },
  });
  const what = target.alias ? `${target.model}@${target.alias}` : `${target.model} v${target.version}`;
  return (
    <Dialog label="Serve model" title={`Serve ${what}`} onClose={() => !serve.isPending && openServe(null)}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          serve.mutate();
        }}
      >
        <p className="muted">
          {target.alias
            ? `The endpoint follows the alias: when ${target.alias} moves, the new version starts, passes its health check and takes the traffic with no request dropped.`
            : 'The endpoint serves this version in the image that trained it, with its files mounted read-only.'}
        </p>
        <label className="field">
          <span>Endpoint name</span>
          <input className="input" aria-label="Endpoint name" value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        </label>
        <label className="field">
          <span>Port on 127.0.0.1 (empty: any free port)</span>
          <input className="input" aria-label="Port" inputMode="numeric" value={port} onChange={(e) => setPort(e.currentTarget.value.replace(/\D/g, ''))} />
        </label>
        <label className="field">
          <span>Image {target.image ? <span className="muted mono">(recorded: {target.image.slice(0, 19)}…; leave empty to use it)</span> : '(the version has no recorded image: choose one)'}</span>
          <input className="input" aria-label="Image" placeholder={target.image ? '' : 'e.g. my-sklearn-image:latest'} value={image} onChange={(e) => setImage(e.currentTarget.value)} required={!target.image && !target.alias} />
        </label>
        <label className="field">
          <span>GPUs (empty: none; all, a count, or device ids)</span>
          <input className="input" aria-label="GPUs" value={gpus} onChange={(e) => setGpus(e.currentTarget.value)} />
        </label>
        {serve.error && <ErrorAlert error={serve.error} prefix="Could not serve" />}
        {serve.isPending && <p role="status">Starting the endpoint: loading the model and waiting for its health check…</p>}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => openServe(null)} disabled={serve.isPending}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={serve.isPending || !name.trim()}>
            Serve
          </button>
        </div>
      </form>
    </Dialog>
  );
}
