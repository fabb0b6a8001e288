import type { ReactNode } from 'react';
import { ContainersPage } from '../containers/ContainersPage.tsx';
import { HomePage } from '../dashboard/HomePage.tsx';
import { DiskUsagePage } from '../disk/DiskUsagePage.tsx';
import { GpuPage } from '../gpu/GpuPage.tsx';
import { ImagesPage } from '../images/ImagesPage.tsx';
import { NetworksPage } from '../networks/NetworksPage.tsx';
import { PipelinesPage } from '../pipelines/PipelinesPage.tsx';
import { RunsPage } from '../runs/RunsPage.tsx';
import { SchedulesPage } from '../schedules/SchedulesPage.tsx';
import { StacksPage } from '../stacks/StacksPage.tsx';
import { EnvironmentsPage } from '../environments/EnvironmentsPage.tsx';
import { VolumesPage } from '../volumes/VolumesPage.tsx';
import { ModelsPage } from '../catalog/ModelsPage.tsx';
import { FeaturesPage } from '../catalog/FeaturesPage.tsx';
import { MonitoringPage } from '../monitoring/MonitoringPage.tsx';
import { ExperimentsPage } from '../experiments/ExperimentsPage.tsx';
import { EndpointsPage } from '../endpoints/EndpointsPage.tsx';

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
  { id: 'environments', label: 'Environments', render: () => <EnvironmentsPage /> },
  { id: 'pipelines', label: 'Pipelines', render: () => <PipelinesPage /> },
  { id: 'runs', label: 'Runs', render: () => <RunsPage /> },
  { id: 'schedules', label: 'Schedules', render: () => <SchedulesPage /> },
  { id: 'experiments', label: 'Experiments', render: () => <ExperimentsPage /> },
  { id: 'models', label: 'Models', render: () => <ModelsPage /> },
  { id: 'features', label: 'Features', render: () => <FeaturesPage /> },
  { id: 'endpoints', label: 'Endpoints', render: () => <EndpointsPage /> },
  { id: 'monitoring', label: 'Monitoring', render: () => <MonitoringPage /> },
  { id: 'images', label: 'Images', render: () => <ImagesPage /> },
  { id: 'gpus', label: 'GPUs', render: () => <GpuPage /> },
  { id: 'volumes', label: 'Volumes', render: () => <VolumesPage /> },
  { id: 'networks', label: 'Networks', render: () => <NetworksPage /> },
  { id: 'disk', label: 'Disk usage', render: () => <DiskUsagePage /> },
] as const satisfies readonly PageEntry[];

export type PageId = (typeof pages)[number]['id'];
