import { useEffect, useRef, type ReactNode } from 'react';
import { useDismiss } from './use-dismiss.ts';

export interface DialogProps {
  /** The accessible name (e2e specs find the dialog by it). */
  label: string;
  /** Shown as the dialog's heading; leave it out when the content brings its own. */
  title?: ReactNode;
  children: ReactNode;
  onClose(): void;
  className?: string;
}

/** A modal dialog: focus moves into it (its first field, else its first button) and back on close; Escape closes. */
export function Dialog({ label, title, children, onClose, className }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea') ?? ref.current?.querySelector<HTMLElement>('button');
    first?.focus();
    return () => previous?.focus?.();
  }, []);
  useDismiss(ref, onClose);
  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        className={`dialog${className ? ` ${className}` : ''}`}
      >
        {title !== undefined && <h2 className="dialog-title">{title}</h2>}
        {children}
      </div>
    </div>
  );
}
