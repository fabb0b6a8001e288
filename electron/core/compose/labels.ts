/** The Compose v2 label keys (docker/compose pkg/api/labels.go): how compose, and we, find what a project owns. */
export const LABEL = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  containerNumber: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  configHash: 'com.docker.compose.config-hash',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  version: 'com.docker.compose.version',
  dependsOn: 'com.docker.compose.depends_on',
  image: 'com.docker.compose.image',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
} as const;

/** What we write as com.docker.compose.version: a compose v2 version that tools accept, so they treat our stacks as theirs. */
export const COMPOSE_VERSION_MARKER = '2.40.3';

/** Engine list filters for everything one project owns. */
export function projectFilter(project: string): { label: string[] } {
  return { label: [`${LABEL.project}=${project}`] };
}
