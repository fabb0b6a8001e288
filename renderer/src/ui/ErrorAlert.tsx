import { errorMessage } from '../api/api-call-error.ts';

/** A visible error with the message from the core or the transport. */
export function ErrorAlert({ error, prefix, onDismiss }: { error: unknown; prefix?: string; onDismiss?: () => void }) {
  return (
    <div role="alert" className="alert alert-error">
      <span>
        {prefix ? `${prefix}: ` : ''}
        {errorMessage(error)}
      </span>
      {onDismiss && (
        <button type="button" className="button button-ghost button-small" onClick={onDismiss} aria-label="Dismiss error">
          ×
        </button>
      )}
    </div>
  );
}
