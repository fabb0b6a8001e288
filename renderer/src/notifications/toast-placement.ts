export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface ToastPlacement {
  left?: number;
  right?: number;
  top?: number;
  bottom?: number;
  width: number;
}

const MARGIN = 16;
/** The narrowest a toast may be beside a dialog before the stack moves above or below it instead. */
const MIN_BESIDE = 180;

/**
 * Where the toast stack goes so that it never covers an open dialog (its buttons are at the bottom
 * right): bottom right as usual with no dialog; beside the dialog where there is room (right, then
 * left); else in the band above it, else the band below; else at the top, the corner farthest from
 * the dialog's buttons.
 */
export function placeToasts(viewport: { width: number; height: number }, dialog: Box | null, preferredWidth = 420): ToastPlacement {
  const full = Math.min(preferredWidth, viewport.width * 0.9);
  if (!dialog) return { right: MARGIN, bottom: MARGIN, width: full };
  const rightSpace = viewport.width - dialog.right - 2 * MARGIN;
  if (rightSpace >= MIN_BESIDE) return { right: MARGIN, bottom: MARGIN, width: Math.min(full, rightSpace) };
  const leftSpace = dialog.left - 2 * MARGIN;
  if (leftSpace >= MIN_BESIDE) return { left: MARGIN, bottom: MARGIN, width: Math.min(full, leftSpace) };
  if (dialog.top >= 72) return { right: MARGIN, bottom: viewport.height - dialog.top + 8, width: full };
  if (viewport.height - dialog.bottom >= 72) return { right: MARGIN, top: dialog.bottom + 8, width: full };
  return { right: MARGIN, top: MARGIN, width: full };
}
