import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApiClient } from '../api/api-context.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useCatalogUi } from './catalog-ui-store.ts';
import { parsePairs } from './parse-pairs.ts';
import { invalidateCatalog } from './use-catalog.ts';

/** One message carries dropped files; past this, type the path instead. */
const MAX_DROP_BYTES = 700_000;

interface Dropped {
  path: string;
  base64: string;
  size: number;
}

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Register a file or folder on the Benchtop machine by its path, or files dropped here, as a new version. */
export function RegisterModelDialog({ onClose }: { onClose(): void }) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const selectModel = useCatalogUi((s) => s.selectModel);
  const current = useCatalogUi((s) => s.model);
  const [name, setName] = useState(current ?? '');
  const [path, setPath] = useState('');
  const [dropped, setDropped] = useState<Dropped[]>([]);
  const [aliases, setAliases] = useState('');
  const [metrics, setMetrics] = useState('');
  const [tags, setTags] = useState('');
  const [description, setDescription] = useState('');
  const [dropError, setDropError] = useState<string | null>(null);
  const register = useMutation({
    mutationFn: async () => {
      const metricValues = Object.fromEntries(
        Object.entries(parsePairs(metrics, 'Metrics')).map(([k, v]) => {
          const value = Number(v);
          if (v === '' || Number.isNaN(value)) throw new Error(`Metrics: ${k}=${v} is not a number.`);
          return [k, value];
        }),
      );
      const common = { name: name.trim(), aliases: aliases.split(',').map((a) => a.trim()).filter(Boolean), metrics: metricValues, tags: parsePairs(tags, 'Tags'), description };
      if (dropped.length > 0) return api.call('models.upload', { ...common, files: dropped.map(({ path: p, base64 }) => ({ path: p, base64 })) });
      return api.call('models.register', { ...common, path: path.trim(), params: {} });
    },
    onSuccess: async (version) => {
      await invalidateCatalog(queryClient);
      selectModel(version.name);
      onClose();
    },
  });

  const onDrop = async (files: FileList) => {
    setDropError(null);
    const list = [...files];
    const total = list.reduce((sum, f) => sum + f.size, 0);
    if (total > MAX_DROP_BYTES) {
      setDropError(`These files hold ${Math.round(total / 1000)} kB; drop at most ${MAX_DROP_BYTES / 1000} kB, or type the path of the file or folder instead.`);
      return;
    }
    setDropped(await Promise.all(list.map(async (f) => ({ path: f.name, size: f.size, base64: toBase64(await f.arrayBuffer()) }))));
  };

  return (
    <Dialog label="Register model" title="Register a model version" onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          register.mutate();
        }}
      >
        <label className="field">
          <span>Model name</span>
          <input className="input" aria-label="Model name" value={name} onChange={(e) => {
              setName(e.currentTarget.value);
              register.reset();
            }} placeholder="iris-classifier" required />
        </label>
        <label className="field">
          <span>Path on the Benchtop machine</span>
          <input className="input mono" aria-label="Model path" value={path} onChange={(e) => {
              setPath(e.currentTarget.value);
              register.reset();
            }} placeholder="/home/me/models/iris" disabled={dropped.length > 0} required={dropped.length === 0} />
        </label>
        <div
          className="drop-zone"
          role="region"
          aria-label="Drop model files"
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            void onDrop(e.dataTransfer.files);
          }}
        >
          {dropped.length > 0 ? (
            <>
              {dropped.length} files dropped ({dropped.map((d) => d.path).join(', ')}){' '}
              <button type="button" className="button button-small" onClick={() => setDropped([])}>
                Clear
              </button>
            </>
          ) : (
            '…or drop files here (up to 700 kB)'
          )}
        </div>
        {dropError && <p className="field-error">{dropError}</p>}
        <label className="field">
          <span>Aliases</span>
          <input className="input" aria-label="Aliases" value={aliases} onChange={(e) => setAliases(e.currentTarget.value)} placeholder="champion" />
        </label>
        <label className="field">
          <span>Metrics</span>
          <input className="input" aria-label="Metrics" value={metrics} onChange={(e) => setMetrics(e.currentTarget.value)} placeholder="accuracy=0.93, loss=0.2" />
        </label>
        <label className="field">
          <span>Tags</span>
          <input className="input" aria-label="Tags" value={tags} onChange={(e) => setTags(e.currentTarget.value)} placeholder="team=vision" />
        </label>
        <label className="field">
          <span>Model card (markdown)</span>
          <textarea className="input" aria-label="Model card" rows={4} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        </label>
        {register.error && <ErrorAlert error={register.error} prefix="Could not register" />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={register.isPending}>
            {register.isPending ? 'Registering…' : 'Register'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
