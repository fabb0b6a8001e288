/** The labels the reference devcontainer CLI sets: VS Code and `devcontainer` find our containers by them. */
export const DEVCONTAINER_LABEL = {
  localFolder: 'devcontainer.local_folder',
  configFile: 'devcontainer.config_file',
  metadata: 'devcontainer.metadata',
} as const;

/** Benchtop's own labels on an environment's container. */
export const ENV_LABEL = {
  id: 'benchtop.environment',
  name: 'benchtop.environment.name',
  kind: 'benchtop.environment.kind',
  template: 'benchtop.environment.template',
  lockFile: 'benchtop.environment.lockfile',
  /** JSON: { label, port, path } with the token already in the path. */
  app: 'benchtop.environment.app',
  /** JSON: the apps (`customizations.benchtop.apps`) with their tokens filled in (shared/environments/apps.ts). */
  apps: 'benchtop.environment.apps',
  /** JSON { command, user, workdir, env }: the postStartCommand, run again at each start. */
  onStart: 'benchtop.environment.on-start',
} as const;
