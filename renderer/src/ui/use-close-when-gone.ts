import { useEffect, useRef } from 'react';
import { useToasts } from '../notifications/toast-store.ts';

/**
 * A details panel whose item disappears (removed here, from the CLI or by another client) closes
 * and says so in a toast, instead of staying open in red. `key` is the open item (null: none open);
 * `exists` whether the live list has it (undefined while the list loads). The panel closes only
 * once the item was seen in the list, so a panel opened on an item the list has not caught up with
 * yet (just created) stays open. `close` closes it and returns the toast's text.
 */
export function useCloseWhenGone(key: string | null, exists: boolean | undefined, close: () => string): void {
  const seen = useRef<string | null>(null);
  const latest = useRef(close);
  latest.current = close;
  useEffect(() => {
    if (key === null || exists === undefined) return;
    if (exists) {
      seen.current = key;
      return;
    }
    if (seen.current !== key) return;
    seen.current = null;
    useToasts.getState().show({ tone: 'info', text: latest.current() });
  }, [key, exists]);
}
