import type { Store } from '../store/database.ts';
import type { TokenIssuer } from '../tracking/tokens.ts';
import type { TrackingStore } from '../tracking/tracking-store.ts';
import { containerTrackingUri, CONTAINER_HOST_ALIAS, type TrackingEndpoint } from './endpoint.ts';
import { STEP_RUN_TAGS } from './step-tracking.ts';

/** The setting that turns tracking off for environments and their compose services (default on). */
export const ENVIRONMENT_TRACKING_SETTING = 'tracking.environments';

export interface EnvironmentTrackingOptions {
  store: Store;
  tracking: TrackingStore;
  tokens: TokenIssuer;
  endpoint: () => Promise<TrackingEndpoint>;
}

/**
 * What an environment (and every service of a compose environment) gets so that MLflow code in it
 * logs to Benchtop unchanged: MLFLOW_TRACKING_URI (host.docker.internal and the home's stable
 * port), MLFLOW_TRACKING_TOKEN scoped to one experiment, and MLFLOW_EXPERIMENT_NAME, that experiment,
 * named after the environment (created when missing, tagged benchtop.source=environment). The token
 * is the same at every start (kept under a label), so a restarted environment, or a compose up of
 * a running one, changes nothing. Off when the setting `tracking.environments` is false.
 */
export function environmentTracking(options: EnvironmentTrackingOptions) {
  return async (environmentName: string): Promise<{ env: Record<string, string>; extraHosts: string[] } | null> => {
    if (options.store.getSetting(ENVIRONMENT_TRACKING_SETTING) === false) return null;
    const endpoint = await options.endpoint().catch(() => null);
    if (!endpoint) return null;
    const experiment = options.tracking.getOrCreateExperiment(environmentName, [{ key: STEP_RUN_TAGS.source, value: 'environment' }]);
    const token = stableToken(options, experiment.experiment_id);
    return {
      env: { MLFLOW_TRACKING_URI: containerTrackingUri(endpoint), MLFLOW_TRACKING_TOKEN: token, MLFLOW_EXPERIMENT_NAME: experiment.name },
      extraHosts: [`${CONTAINER_HOST_ALIAS}:host-gateway`],
    };
  };
}

/** One token per environment experiment, kept (in clear, in the settings: only hashes are in the token table) and reused while valid. */
function stableToken(options: EnvironmentTrackingOptions, experimentId: string): string {
  const key = `tracking.token.environment.${experimentId}`;
  const stored = options.store.getSetting(key);
  if (typeof stored === 'string') {
    const scope = options.tokens.resolve(stored);
    if (scope?.kind === 'experiment' && scope.experimentId === experimentId) return stored;
  }
  const token = options.tokens.issue({ kind: 'experiment', experimentId }, `environment ${experimentId}`);
  options.store.setSetting(key, token);
  return token;
}
