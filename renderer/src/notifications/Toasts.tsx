import { useEffect, useState } from 'react';
import { placeToasts, type ToastPlacement } from './toast-placement.ts';
import { useToasts } from './toast-store.ts';

function currentPlacement(): ToastPlacement {
  const dialogs = document.querySelectorAll<HTMLElement>('[role="dialog"][aria-modal="true"]');
  const dialog = dialogs.length > 0 ? dialogs[dialogs.length - 1].getBoundingClientRect() : null;
  return placeToasts({ width: window.innerWidth, height: window.innerHeight }, dialog);
}

const samePlacement = (a: ToastPlacement, b: ToastPlacement) => a.left === b.left && a.right === b.right && a.top === b.top && a.bottom === b.bottom && a.width === b.width;

/**
 * Where the stack goes: bottom right, or clear of an open dialog so that it never covers the
 * dialog's buttons. Watched only while toasts show (no cost when none does).
 */
function useToastPlacement(active: boolean): ToastPlacement | null {
  const [placement, setPlacement] = useState<ToastPlacement | null>(null);
  useEffect(() => {
    if (!active) return;
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setPlacement((old) => {
        const next = currentPlacement();
        return old && samePlacement(old, next) ? old : next;
      }));
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', update);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener('resize', update);
    };
  }, [active]);
  return active ? placement : null;
}

/** Every toast of the app, bottom right (clear of an open dialog), newest last; mounted once by the shell. */
export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  const placement = useToastPlacement(toasts.length > 0);
  if (toasts.length === 0) return null;
  return (
    <div className="toasts" aria-live="polite" style={placement ? { left: placement.left ?? 'auto', right: placement.right ?? 'auto', top: placement.top ?? 'auto', bottom: placement.bottom ?? 'auto', width: placement.width } : undefined}>
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
