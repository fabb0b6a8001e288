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
import type { PageGroupId } from './page-groups.ts';

export interface PageEntry {
  id: string;
  /** The sidebar's label, also the accessible name of its button. */
  label: string;
  /** The sidebar section the page sits in (page-groups.ts). */
  group: PageGroupId;
  render(): ReactNode;
}

/** Every page of the app, in sidebar order within its group: one line per page. Ids are the routes' names; never rename one. */
export const pages = [
  { id: 'home', label: 'Home', group: 'home', render: () => <HomePage /> },
  { id: 'pipelines', label: 'Pipelines', group: 'ml', render: () => <PipelinesPage /> },
  { id: 'runs', label: 'Runs', group: 'ml', render: () => <RunsPage /> },
  { id: 'experiments', label: 'Experiments', group: 'ml', render: () => <ExperimentsPage /> },
  { id: 'models', label: 'Models', group: 'ml', render: () => <ModelsPage /> },
  { id: 'features', label: 'Features', group: 'ml', render: () => <FeaturesPage /> },
  { id: 'endpoints', label: 'Endpoints', group: 'ml', render: () => <EndpointsPage /> },
  { id: 'monitoring', label: 'Monitoring', group: 'ml', render: () => <MonitoringPage /> },
  { id: 'schedules', label: 'Schedules', group: 'ml', render: () => <SchedulesPage /> },
  { id: 'environments', label: 'Environments', group: 'environments', render: () => <EnvironmentsPage /> },
  { id: 'containers', label: 'Containers', group: 'engine', render: () => <ContainersPage /> },
  { id: 'stacks', label: 'Stacks', group: 'engine', render: () => <StacksPage /> },
  { id: 'images', label: 'Images', group: 'engine', render: () => <ImagesPage /> },
  { id: 'volumes', label: 'Volumes', group: 'engine', render: () => <VolumesPage /> },
  { id: 'networks', label: 'Networks', group: 'engine', render: () => <NetworksPage /> },
  { id: 'disk', label: 'Disk usage', group: 'engine', render: () => <DiskUsagePage /> },
  { id: 'gpus', label: 'GPUs', group: 'engine', render: () => <GpuPage /> },
] as const satisfies readonly PageEntry[];

export type PageId = (typeof pages)[number]['id'];
