import { create } from 'zustand';

/** A button on a toast ("Open run"); pressing it also dismisses the toast. */
export interface ToastAction {
  label: string;
  run(): void;
}

export interface Toast {
  key: number;
  tone: 'success' | 'error' | 'info';
  /** A bold first line, when the toast has one ("train succeeded"). */
  title?: string;
  text: string;
  action?: ToastAction;
}

export interface ToastRequest extends Omit<Toast, 'key'> {
  /** How long it stays; by default 6 s, errors twice as long. */
  durationMs?: number;
}

export interface ToastState {
  toasts: readonly Toast[];
  /** Shows a toast (dismissed by itself after its duration) and returns its key. */
  show(request: ToastRequest): number;
  dismiss(key: number): void;
}

/** Toasts dismiss themselves after this long unless asked otherwise; errors stay twice as long. */
export const DEFAULT_TOAST_MS = 6_000;
/** The most toasts on screen; the oldest goes first. */
export const MAX_TOASTS = 5;

let nextKey = 1;

/** The one toast store of the app: finished tasks, ended runs, anything a page wants to say briefly. */
export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  show({ durationMs, ...toast }) {
    const key = nextKey++;
    set((s) => ({ toasts: [...s.toasts.slice(-(MAX_TOASTS - 1)), { ...toast, key }] }));
    setTimeout(() => get().dismiss(key), durationMs ?? (toast.tone === 'error' ? DEFAULT_TOAST_MS * 2 : DEFAULT_TOAST_MS));
    return key;
  },
  dismiss: (key) => set((s) => ({ toasts: s.toasts.filter((t) => t.key !== key) })),
}));
