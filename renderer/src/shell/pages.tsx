import type { ReactNode } from 'react';
import { ContainersPage } from '../containers/ContainersPage.tsx';

export interface PageEntry {
  id: string;
  /** The sidebar's label, also the accessible name of its button. */
  label: string;
  render(): ReactNode;
}

/** Every page of the app, in sidebar order: one line per page. */
export const pages = [{ id: 'containers', label: 'Containers', render: () => <ContainersPage /> }] as const satisfies readonly PageEntry[];

export type PageId = (typeof pages)[number]['id'];
