/**
 * Service keys the schema allows but Benchtop's engine does not implement. A file that uses one is
 * refused by name rather than run differently from what it says.
 */
export const UNSUPPORTED_SERVICE_KEYS: ReadonlySet<string> = new Set([
  'annotations',
  'attach',
  'blkio_config',
  'cgroup',
  'cgroup_parent',
  'cpu_count',
  'cpu_percent',
  'cpu_period',
  'cpu_quota',
  'cpu_rt_period',
  'cpu_rt_runtime',
  'cpuset',
  'credential_spec',
  'develop',
  'device_cgroup_rules',
  'external_links',
  'group_add',
  'isolation',
  'label_file',
  'links',
  'mac_address',
  'oom_kill_disable',
  'oom_score_adj',
  'pid',
  'post_start',
  'pre_stop',
  'storage_opt',
  'userns_mode',
  'uts',
  'volumes_from',
  'models',
  'provider',
  'use_api_socket',
]);

/** Top-level keys Benchtop does not implement. */
export const UNSUPPORTED_TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(['models']);

export function unsupportedKeyMessage(where: string, key: string, file: string): string {
  return `${where} uses "${key}", which Benchtop's compose engine does not support: remove it, or run this file with the docker compose CLI (docker compose -f ${file} up).`;
}
