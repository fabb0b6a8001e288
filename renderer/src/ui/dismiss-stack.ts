/**
 * The open overlays of the window, innermost last. Escape closes only the innermost one; a press
 * outside closes every popover it falls outside of (dialogs close on their own backdrop instead).
 * Pure bookkeeping, so the order rules are tested without a DOM.
 */
export interface Overlay {
  /** Closes it (for a dialog: cancel). */
  dismiss(): void;
  /** Whether a press outside closes it (popovers, panels), not only Escape. */
  closesOnOutsidePress: boolean;
  /** Whether a press on this target counts as inside (the overlay and its toggle button). */
  contains(target: unknown): boolean;
}

export class DismissStack {
  private readonly overlays: Overlay[] = [];

  push(overlay: Overlay): () => void {
    this.overlays.push(overlay);
    return () => {
      const at = this.overlays.indexOf(overlay);
      if (at >= 0) this.overlays.splice(at, 1);
    };
  }

  get size(): number {
    return this.overlays.length;
  }

  /** Escape: the innermost overlay closes; returns whether one did. */
  escape(): boolean {
    const top = this.overlays[this.overlays.length - 1];
    top?.dismiss();
    return top !== undefined;
  }

  /**
   * A press on `target`: popovers it falls outside of close, from the innermost out, stopping at the
   * first overlay that contains it (a press inside a dialog does not close the popover under it).
   */
  press(target: unknown): void {
    for (const overlay of [...this.overlays].reverse()) {
      if (overlay.contains(target)) return;
      if (overlay.closesOnOutsidePress) overlay.dismiss();
      else return;
    }
  }
}
