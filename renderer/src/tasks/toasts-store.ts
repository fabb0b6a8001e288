import { create } from 'zustand';

export interface Toast {
  key: number;
  tone: 'success' | 'error' | 'info';
  text: string;
}

export interface ToastsState {
  toasts: readonly Toast[];
  show(tone: Toast['tone'], text: string): void;
  dismiss(key: number): void;
}

let nextKey = 1;
/** Toasts dismiss themselves after this long; errors stay twice as long. */
const TOAST_MS = 6_000;

export const useToasts = create<ToastsState>()((set, get) => ({
  toasts: [],
  show(tone, text) {
    const key = nextKey++;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { key, tone, text }] }));
    setTimeout(() => get().dismiss(key), tone === 'error' ? TOAST_MS * 2 : TOAST_MS);
  },
  dismiss: (key) => set((s) => ({ toasts: s.toasts.filter((t) => t.key !== key) })),
}));
