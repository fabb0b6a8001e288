import { useEffect, useRef, type RefObject } from 'react';
import { DismissStack } from './dismiss-stack.ts';

/** The window's one stack of open overlays (see dismiss-stack.ts). */
const stack = new DismissStack();
let listening = false;

function listen(): void {
  if (listening || typeof document === 'undefined') return;
  listening = true;
  document.addEventListener('keydown', (event) => {
    // A field that used Escape itself (an open completion list) calls preventDefault.
    if (event.key !== 'Escape' || event.defaultPrevented || stack.size === 0) return;
    if (stack.escape()) event.preventDefault();
  });
  document.addEventListener('pointerdown', (event) => stack.press(event.target), true);
}

export interface DismissOptions {
  /** Whether a press outside closes it too (popovers, panels); dialogs leave it to their backdrop. */
  outsidePress?: boolean;
  /** Elements that count as inside besides `ref` (the button that toggles the popover). */
  alsoInside?: ReadonlyArray<RefObject<HTMLElement | null>>;
  /** Off while the overlay is closed. */
  enabled?: boolean;
}

/**
 * Closes an overlay on Escape (the innermost open one only) and, for popovers, on a press outside
 * it: one implementation for every dialog, drawer, panel and menu of the app.
 */
export function useDismiss(ref: RefObject<HTMLElement | null>, onDismiss: () => void, options: DismissOptions = {}): void {
  const { outsidePress = false, alsoInside = [], enabled = true } = options;
  const latest = useRef({ onDismiss, alsoInside });
  latest.current = { onDismiss, alsoInside };
  useEffect(() => {
    if (!enabled) return;
    listen();
    return stack.push({
      dismiss: () => latest.current.onDismiss(),
      closesOnOutsidePress: outsidePress,
      contains: (target) =>
        target instanceof Node && [ref, ...latest.current.alsoInside].some((r) => r.current?.contains(target) ?? false),
    });
  }, [ref, outsidePress, enabled]);
}
