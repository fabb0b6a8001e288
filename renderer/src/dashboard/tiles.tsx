import type { ReactNode } from 'react';
import { AlertsSection } from './AlertsSection.tsx';
import { ChampionsSection } from './ChampionsSection.tsx';
import { ContainersTile } from './ContainersTile.tsx';
import { DiskTile } from './DiskTile.tsx';
import { EndpointsSection } from './EndpointsSection.tsx';
import { EngineTile } from './EngineTile.tsx';
import { GpuTile } from './GpuTile.tsx';
import { RecentRunsSection } from './RecentRunsSection.tsx';
import { NetworksTile, VolumesTile } from './ResourceTiles.tsx';

export interface TileEntry {
  id: string;
  /** The name a fault in the tile is reported under (SectionBoundary). */
  name: string;
  render(): ReactNode;
}

/** Home's lead: the ML work, in order, one line per section. */
export const mlSections: readonly TileEntry[] = [
  { id: 'recent-runs', name: 'Recent runs', render: () => <RecentRunsSection /> },
  { id: 'champions', name: 'Champions', render: () => <ChampionsSection /> },
  { id: 'endpoints', name: 'Endpoints', render: () => <EndpointsSection /> },
  { id: 'alerts', name: 'Monitoring alerts', render: () => <AlertsSection /> },
];

/** Beside it, the engine's health, compact: one line per tile. */
export const engineTiles: readonly TileEntry[] = [
  { id: 'engine', name: 'Engine', render: () => <EngineTile /> },
  { id: 'containers', name: 'Containers', render: () => <ContainersTile /> },
  { id: 'gpus', name: 'GPUs', render: () => <GpuTile /> },
  { id: 'disk', name: 'Disk usage', render: () => <DiskTile /> },
  { id: 'volumes', name: 'Volumes', render: () => <VolumesTile /> },
  { id: 'networks', name: 'Networks', render: () => <NetworksTile /> },
];
