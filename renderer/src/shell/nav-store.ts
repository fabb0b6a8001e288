import { create } from 'zustand';
import type { PageGroupId } from './page-groups.ts';

const STORAGE_KEY = 'benchtop.nav.collapsed';

/** Which sidebar sections are folded; remembered in this browser (localStorage), all open by default. */
export interface NavState {
  collapsed: Readonly<Partial<Record<PageGroupId, true>>>;
  toggle(group: PageGroupId): void;
}

function load(): NavState['collapsed'] {
  try {
    const parsed = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '{}') as unknown;
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, value]) => value === true));
  } catch {
    return {};
  }
}

export const useNavStore = create<NavState>((set) => ({
  collapsed: load(),
  toggle: (group) =>
    set((s) => {
      const { [group]: was, ...rest } = s.collapsed;
      const collapsed = was ? rest : { ...rest, [group]: true as const };
      try {
        globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(collapsed));
      } catch {
        // Storage may be off (private windows): folding still works for this visit.
      }
      return { collapsed };
    }),
}));
