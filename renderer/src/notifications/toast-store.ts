import { create } from 'zustand';
import type { RunEndNotice } from './run-notifier.ts';

export interface Toast extends RunEndNotice {
  key: number;
  /** The button's label and what it opens (default: "Open run", the run). */
  openLabel?: string;
  onOpen?: () => void;
}

export interface ToastState {
  toasts: readonly Toast[];
  push(notice: RunEndNotice & Pick<Toast, 'openLabel' | 'onOpen'>): number;
  dismiss(key: number): void;
}

let nextKey = 1;

/** Toasts in the page (the web host's run notifications); at most five, oldest dropped first. */
export const useToasts = create<ToastState>((set) => ({
  toasts: [],
  push: (notice) => {
    const key = nextKey++;
    set((s) => ({ toasts: [...s.toasts.slice(-4), { ...notice, key }] }));
    return key;
  },
  dismiss: (key) => set((s) => ({ toasts: s.toasts.filter((t) => t.key !== key) })),
}));
