import type { ReactNode } from 'react';
import { ContainersPage } from '../containers/ContainersPage.tsx';
import { HomePage } from '../dashboard/HomePage.tsx';
import { DiskUsagePage } from '../disk/DiskUsagePage.tsx';
import { GpuPage } from '../gpu/GpuPage.tsx';
import { ImagesPage } from '../images/ImagesPage.tsx';
import { NetworksPage } from '../networks/NetworksPage.tsx';
import { StacksPage } from '../stacks/StacksPage.tsx';
import { VolumesPage } from '../volumes/VolumesPage.tsx';

export interface PageEntry {
  id: string;
  /** The sidebar's label, also the accessible name of its button. */
  label: string;
  render(): ReactNode;
}

/** Every page of the app, in sidebar order: one line per page. */
export const pages = [
  { id: 'home', label: 'Home', render: () => <HomePage /> },
  { id: 'containers', label: 'Containers', render: () => <ContainersPage /> },
  { id: 'stacks', label: 'Stacks', render: () => <StacksPage /> },
  { id: 'images', label: 'Images', render: () => <ImagesPage /> },
  { id: 'gpus', label: 'GPUs', render: () => <GpuPage /> },
  { id: 'volumes', label: 'Volumes', render: () => <VolumesPage /> },
  { id: 'networks', label: 'Networks', render: () => <NetworksPage /> },
  { id: 'disk', label: 'Disk usage', render: () => <DiskUsagePage /> },
] as const satisfies readonly PageEntry[];

export type PageId = (typeof pages)[number]['id'];
