import { useToasts } from './toast-store.ts';

/** Every toast of the app, bottom right, newest last; mounted once by the shell. */
export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  if (toasts.length === 0) return null;
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.key} role="status" className={`toast toast-${toast.tone}`}>
          {toast.title === undefined ? (
            <span>{toast.text}</span>
          ) : (
            <div className="toast-text">
              <strong>{toast.title}</strong>
              <span className="toast-body" title={toast.text}>
                {toast.text}
              </span>
            </div>
          )}
          {toast.action && (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                dismiss(toast.key);
                toast.action?.run();
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button type="button" className="button button-ghost button-small" aria-label="Dismiss notification" onClick={() => dismiss(toast.key)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
