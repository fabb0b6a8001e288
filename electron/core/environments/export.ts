import { stringify } from 'yaml';
import type { Lockfile } from '../../../shared/environments/lockfile.ts';
import type { LifecycleCommand } from '../../../shared/environments/model.ts';
import { WORKSPACE_VARIABLE } from '../../../shared/environments/resolved.ts';

function lifecycleJson(command: LifecycleCommand): unknown {
  if (command.kind === 'shell') return command.command;
  if (command.kind === 'exec') return command.args;
  return Object.fromEntries(Object.entries(command.commands).map(([name, step]) => [name, step.kind === 'shell' ? step.command : step.args]));
}

/** The image as a reference that pins the locked bytes: `repo@sha256:…` when a registry digest is known. */
function pinnedImage(lock: Lockfile): string {
  return lock.image.repoDigests[0] ?? lock.image.reference;
}

/** A devcontainer.json (plain JSON, which is valid JSONC) that recreates the locked environment. */
export function toDevcontainerJson(lock: Lockfile): string {
  const r = lock.resolved;
  const [workspace, ...mounts] = r.mounts;
  const runArgs: string[] = [];
  if (r.host.shmSizeBytes !== null) runArgs.push(`--shm-size=${r.host.shmSizeBytes}`);
  for (const cap of r.host.capDrop) runArgs.push(`--cap-drop=${cap}`);
  if (r.host.ipc) runArgs.push(`--ipc=${r.host.ipc}`);
  for (const u of r.host.ulimits) runArgs.push(`--ulimit=${u.name}=${u.soft}:${u.hard}`);
  for (const d of r.host.devices) runArgs.push(`--device=${d}`);
  if (r.host.runtime) runArgs.push(`--runtime=${r.host.runtime}`);
  if (r.host.network) runArgs.push(`--network=${r.host.network}`);
  if (r.gpu.from === 'runArgs' && r.gpu.value) runArgs.push(`--gpus=${r.gpu.value}`);
  if (r.containerName) runArgs.push(`--name=${r.containerName}`);
  const mountString = (m: (typeof r.mounts)[number]) => `type=${m.type}${m.source ? `,source=${m.source}` : ''},target=${m.target}${m.readOnly ? ',readonly' : ''}`;
  const config: Record<string, unknown> = {
    name: r.name,
    image: pinnedImage(lock),
    ...(workspace ? { workspaceMount: mountString(workspace) } : {}),
    workspaceFolder: r.workspaceFolder,
    ...(Object.keys(r.env).length ? { containerEnv: r.env } : {}),
    ...(Object.keys(r.remoteEnv).length ? { remoteEnv: r.remoteEnv } : {}),
    ...(mounts.length ? { mounts: mounts.map(mountString) } : {}),
    ...(r.ports.length ? { appPort: r.ports.map((p) => `${p.hostIp ? `${p.hostIp}:` : ''}${p.hostPort ?? p.containerPort}:${p.containerPort}${p.protocol === 'udp' ? '/udp' : ''}`) } : {}),
    ...(runArgs.length ? { runArgs } : {}),
    ...(r.host.capAdd.length ? { capAdd: r.host.capAdd } : {}),
    ...(r.host.securityOpt.length ? { securityOpt: r.host.securityOpt } : {}),
    ...(r.host.privileged ? { privileged: true } : {}),
    ...(r.host.init ? { init: true } : {}),
    overrideCommand: r.overrideCommand,
    ...(r.containerUser ? { containerUser: r.containerUser } : {}),
    ...(r.remoteUser ? { remoteUser: r.remoteUser } : {}),
    ...(r.gpu.from === 'hostRequirements' && r.gpu.value ? { hostRequirements: { gpu: JSON.parse(r.gpu.value) as unknown } } : {}),
    ...Object.fromEntries(Object.entries(r.lifecycle).map(([key, command]) => [key, lifecycleJson(command)])),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** A compose.yaml with one service that recreates the locked environment (paths relative to the project folder). */
export function toComposeYaml(lock: Lockfile, serviceName: string): string {
  const r = lock.resolved;
  const relative = (source: string | null) => (source && source.startsWith(WORKSPACE_VARIABLE) ? `.${source.slice(WORKSPACE_VARIABLE.length)}` || '.' : source);
  const service: Record<string, unknown> = {
    image: pinnedImage(lock),
    ...(r.containerName ? { container_name: r.containerName } : {}),
    ...(r.overrideCommand ? { entrypoint: ['/bin/sh'], command: ['-c', 'trap "exit 0" 15; while sleep 1 & wait $$!; do :; done'] } : {}),
    ...(Object.keys(r.env).length ? { environment: r.env } : {}),
    ...(r.containerUser ? { user: r.containerUser } : {}),
    working_dir: r.workspaceFolder,
    volumes: r.mounts.map((m) => ({ type: m.type, ...(m.source ? { source: relative(m.source) } : {}), target: m.target, ...(m.readOnly ? { read_only: true } : {}) })),
    ...(r.ports.length ? { ports: r.ports.map((p) => `${p.hostIp ? `${p.hostIp}:` : ''}${p.hostPort ?? p.containerPort}:${p.containerPort}${p.protocol === 'udp' ? '/udp' : ''}`) } : {}),
    ...(r.host.shmSizeBytes !== null ? { shm_size: r.host.shmSizeBytes } : {}),
    ...(r.host.capAdd.length ? { cap_add: r.host.capAdd } : {}),
    ...(r.host.capDrop.length ? { cap_drop: r.host.capDrop } : {}),
    ...(r.host.securityOpt.length ? { security_opt: r.host.securityOpt } : {}),
    ...(r.host.ipc ? { ipc: r.host.ipc } : {}),
    ...(r.host.privileged ? { privileged: true } : {}),
    ...(r.host.init ? { init: true } : {}),
    ...(r.gpu.from !== 'none' ? { gpus: 'all' } : {}),
  };
  const volumes = Object.fromEntries(r.mounts.filter((m) => m.type === 'volume' && m.source).map((m) => [m.source as string, { name: m.source as string }]));
  return stringify({ services: { [serviceName]: service }, ...(Object.keys(volumes).length ? { volumes } : {}) }, { version: '1.1' });
}
