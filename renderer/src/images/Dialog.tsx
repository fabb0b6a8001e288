import { useEffect, useRef, type ReactNode } from 'react';

/** A modal dialog: labelled, Escape and a backdrop click close it, focus returns where it was. */
export function Dialog({ label, onClose, wide, children }: { label: string; onClose(): void; wide?: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button');
    first?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        className={`dialog${wide ? ' dialog-wide' : ''}`}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      >
        {children}
      </div>
    </div>
  );
}
