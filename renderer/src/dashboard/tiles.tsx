import type { ReactNode } from 'react';
import { ContainersTile } from './ContainersTile.tsx';
import { DiskTile } from './DiskTile.tsx';
import { EngineTile } from './EngineTile.tsx';
import { GpuTile } from './GpuTile.tsx';
import { NetworksTile, VolumesTile } from './ResourceTiles.tsx';

export interface TileEntry {
  id: string;
  render(): ReactNode;
}

/** The Home dashboard, in order: one line per tile (GPUs, stacks, environments, pipelines, runs plug in here). */
export const dashboardTiles: readonly TileEntry[] = [
  { id: 'engine', render: () => <EngineTile /> },
  { id: 'containers', render: () => <ContainersTile /> },
  { id: 'gpus', render: () => <GpuTile /> },
  { id: 'disk', render: () => <DiskTile /> },
  { id: 'volumes', render: () => <VolumesTile /> },
  { id: 'networks', render: () => <NetworksTile /> },
];
