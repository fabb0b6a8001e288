import type { TrackingStatus } from '../../../shared/api/methods/tracking.ts';
import type { TrackingService } from '../tracking/service.ts';

/** Where the tracking endpoint of this home listens (a stable port per Benchtop home). */
export interface TrackingEndpoint {
  port: number;
  /** Whether something serves it now (this process or another). */
  serving: boolean;
}

/** The name containers reach the host by (added with `host-gateway`, as docker run --add-host does). */
export const CONTAINER_HOST_ALIAS = 'host.docker.internal';

/** MLFLOW_TRACKING_URI for a container: the host's endpoint through the bridge gateway. */
export function containerTrackingUri(endpoint: Pick<TrackingEndpoint, 'port'>): string {
  return `http://${CONTAINER_HOST_ALIAS}:${endpoint.port}`;
}

/** MLFLOW_TRACKING_URI on the host itself (loopback). */
export function hostTrackingUri(endpoint: Pick<TrackingEndpoint, 'port'>): string {
  return `http://127.0.0.1:${endpoint.port}`;
}

/** What the core needs of the tracking server: serve (if nobody does) and say where, and its status for the UI. */
export interface TrackingEndpointControl {
  ensureServing(): Promise<TrackingEndpoint>;
  status(): Promise<TrackingStatus>;
}

/** The tracking server of this home as the core's steps, environments and UI need it. */
export function endpointControl(service: Pick<TrackingService, 'ensureServing' | 'status' | 'containerUri'>): TrackingEndpointControl {
  return {
    ensureServing: async () => ({ port: (await service.ensureServing()).port, serving: true }),
    status: async () => {
      const status = await service.status();
      return {
        serving: status.serving,
        uri: status.hostUri,
        containerUri: service.containerUri(status.port),
        port: status.port,
        servedHere: status.servedBy === 'this-process',
        problem: status.serving ? null : `Nothing answers on ${status.hostUri}: open the Benchtop app or run \`benchtop tracking serve\`; scripts logging to it fail until then.`,
      };
    },
  };
}
