import { useState } from 'react';
import { referenceProblem } from '../../../shared/domain/image-reference.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { useApiMutation } from '../api/use-api.ts';

/** Give an image another name[:tag]. */
export function TagImageDialog({ id, name, onClose }: { id: string; name: string; onClose(): void }) {
  const [target, setTarget] = useState('');
  const problem = target.trim() ? referenceProblem(target.trim(), true) : null;
  const tag = useApiMutation('images.tag', { toInput: () => ({ source: id, target: target.trim() }), onSuccess: onClose });
  return (
    <Dialog label="Tag image" onClose={onClose}>
      <h2 className="dialog-title">Tag {name}</h2>
      <form
        className="image-form-column"
        onSubmit={(event) => {
          event.preventDefault();
          if (target.trim() && !problem) tag.mutate();
        }}
      >
        <label className="image-field">
          <span>New tag</span>
          <input className="input mono" value={target} placeholder="my/model:v2" onChange={(e) => setTarget(e.currentTarget.value)} aria-invalid={problem ? true : undefined} />
        </label>
        {problem && <p className="image-field-error">The tag {problem}.</p>}
        {tag.error && <ErrorAlert error={tag.error} />}
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!target.trim() || problem !== null || tag.isPending}>
            Add tag
          </button>
        </div>
      </form>
    </Dialog>
  );
}
