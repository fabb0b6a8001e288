import { Dialog } from '../ui/Dialog.tsx';

/** Confirms deleting a step that others wait for or read from. */
export function DeleteStepDialog({ step, dependents, onConfirm, onClose }: { step: string; dependents: readonly string[]; onConfirm(): void; onClose(): void }) {
  return (
    <Dialog label={`Delete step ${step}`} title={`Delete step ${step}?`} onClose={onClose}>
      <p>
        {dependents.join(', ')} {dependents.length === 1 ? 'depends' : 'depend'} on {step}. Deleting it removes it from their <code>depends</code>; artifact
        inputs that read from it will show as problems until you change them.
      </p>
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm}>
          Delete
        </button>
      </div>
    </Dialog>
  );
}
