import { relative } from 'node:path';
import { stringify } from 'yaml';
import type { ComposeMount, ComposeProject, ComposeService } from '../../../shared/domain/compose-model.ts';
import type { ComposeLockfile } from '../../../shared/environments/lockfile.ts';
import { relativeInside } from '../../../shared/environments/paths.ts';
import { localProject, withDevcontainer } from './compose-variant.ts';

/** Compose interpolates `$` in every value: the model's values are final, so each `$` is written `$$`. */
export function escapeDollars<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('$', '$$$$') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => escapeDollars(item)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeDollars(item)])) as T;
  return value;
}

/** docker-compose v1 reads YAML 1.1: written with its schema, strings such as yes, on and 0755 are quoted. */
export const COMPOSE_YAML = { version: '1.1' } as const;

const duration = (ns: number) => `${Math.round(ns / 1e6)}ms`;

/** Labels Benchtop and the devcontainer CLI put on the opened service: not part of a standalone stack. */
const ownLabel = (key: string) => key.startsWith('devcontainer.') || key.startsWith('benchtop.environment');

function mountEntry(mount: ComposeMount, path: (source: string) => string): unknown {
  if (mount.type === 'tmpfs') return { type: 'tmpfs', target: mount.target, ...(mount.tmpfsSize !== null ? { tmpfs: { size: mount.tmpfsSize } } : {}) };
  if (mount.source === null) return mount.target;
  const modes = [mount.readOnly ? 'ro' : null, ...mount.modes].filter(Boolean);
  return `${mount.type === 'bind' ? path(mount.source) : mount.source}:${mount.target}${modes.length ? `:${modes.join(',')}` : ''}`;
}

function serviceEntry(service: ComposeService, image: string, path: (source: string) => string): Record<string, unknown> {
  const h = service.healthcheck;
  const labels = Object.fromEntries(Object.entries(service.labels).filter(([key]) => !ownLabel(key)));
  const limits = { ...(service.nanoCpus !== null ? { cpus: String(service.nanoCpus / 1e9) } : {}) };
  return {
    image,
    ...(service.containerName ? { container_name: service.containerName } : {}),
    ...(service.entrypoint ? { entrypoint: service.entrypoint } : {}),
    ...(service.command ? { command: service.command } : {}),
    ...(Object.keys(service.environment).length ? { environment: service.environment } : {}),
    ...(service.ports.length ? { ports: service.ports.map((p) => `${p.hostIp ? `${p.hostIp}:` : ''}${p.published ? `${p.published}:` : ''}${p.target}/${p.protocol}`) } : {}),
    ...(service.expose.length ? { expose: service.expose } : {}),
    ...(service.mounts.length ? { volumes: service.mounts.map((m) => mountEntry(m, path)) } : {}),
    ...(service.networkMode ? { network_mode: service.networkMode } : {}),
    ...(!service.networkMode && Object.keys(service.networks).length
      ? { networks: Object.fromEntries(Object.entries(service.networks).map(([key, n]) => [key, { ...(n.aliases.length ? { aliases: n.aliases } : {}), ...(n.ipv4Address ? { ipv4_address: n.ipv4Address } : {}) }])) }
      : {}),
    ...(Object.keys(service.dependsOn).length ? { depends_on: Object.fromEntries(Object.entries(service.dependsOn).map(([key, d]) => [key, { condition: d.condition }])) } : {}),
    ...(h
      ? {
          healthcheck:
            h.test[0] === 'NONE'
              ? { disable: true }
              : {
                  test: h.test,
                  ...(h.intervalNs !== null ? { interval: duration(h.intervalNs) } : {}),
                  ...(h.timeoutNs !== null ? { timeout: duration(h.timeoutNs) } : {}),
                  ...(h.startPeriodNs !== null ? { start_period: duration(h.startPeriodNs) } : {}),
                  ...(h.retries !== null ? { retries: h.retries } : {}),
                },
        }
      : {}),
    ...(service.restart ? { restart: service.restart } : {}),
    ...(Object.keys(labels).length ? { labels } : {}),
    ...(service.workingDir ? { working_dir: service.workingDir } : {}),
    ...(service.user ? { user: service.user } : {}),
    ...(service.hostname ? { hostname: service.hostname } : {}),
    ...(service.shmSize !== null ? { shm_size: service.shmSize } : {}),
    ...(service.ipc ? { ipc: service.ipc } : {}),
    ...(Object.keys(service.ulimits).length ? { ulimits: service.ulimits } : {}),
    ...(service.devices.length ? { devices: service.devices } : {}),
    ...(service.extraHosts.length ? { extra_hosts: service.extraHosts } : {}),
    ...(service.capAdd.length ? { cap_add: service.capAdd } : {}),
    ...(service.capDrop.length ? { cap_drop: service.capDrop } : {}),
    ...(service.securityOpt.length ? { security_opt: service.securityOpt } : {}),
    ...(service.init !== null ? { init: service.init } : {}),
    ...(service.tty ? { tty: true } : {}),
    ...(service.stdinOpen ? { stdin_open: true } : {}),
    ...(service.privileged ? { privileged: true } : {}),
    ...(service.readOnly ? { read_only: true } : {}),
    ...(service.runtime ? { runtime: service.runtime } : {}),
    ...(service.stopSignal ? { stop_signal: service.stopSignal } : {}),
    ...(service.stopGracePeriodSeconds !== null ? { stop_grace_period: `${service.stopGracePeriodSeconds}s` } : {}),
    ...(service.replicas !== 1 ? { scale: service.replicas } : {}),
    ...(service.memoryBytes !== null ? { mem_limit: service.memoryBytes } : {}),
    ...(service.memoryReservationBytes !== null ? { mem_reservation: service.memoryReservationBytes } : {}),
    ...(service.pidsLimit !== null ? { pids_limit: service.pidsLimit } : {}),
    ...(Object.keys(service.sysctls).length ? { sysctls: service.sysctls } : {}),
    ...(service.tmpfs.length ? { tmpfs: service.tmpfs } : {}),
    ...(Object.keys(limits).length || service.deviceRequests.length
      ? {
          deploy: {
            resources: {
              ...(Object.keys(limits).length ? { limits } : {}),
              ...(service.deviceRequests.length
                ? {
                    reservations: {
                      devices: service.deviceRequests.map((d) => ({
                        ...(d.Driver ? { driver: d.Driver } : {}),
                        ...(d.DeviceIDs.length ? { device_ids: d.DeviceIDs } : { count: d.Count === -1 ? 'all' : d.Count }),
                        capabilities: d.Capabilities.flat(),
                        ...(Object.keys(d.Options).length ? { options: d.Options } : {}),
                      })),
                    },
                  }
                : {}),
            },
          },
        }
      : {}),
  };
}

/** A resource's engine name is written only when the project did not derive it (`<project>_<key>`). */
const ownName = (project: ComposeProject, key: string, name: string, external: boolean) => (external || name !== `${project.name}_${key}` ? { name } : {});

/**
 * A compose.yaml (for `folder`) that recreates a locked compose environment without Benchtop: the
 * started services with the devcontainer settings on the opened one, each image pinned by its
 * registry digest when one is known (else the reference it had; the lockfile keeps the ID), bind
 * sources inside the project folder relative to the file.
 */
export function composeLockToYaml(lock: ComposeLockfile, localFolder: string, folder: string): string {
  const project = localProject(lock.project, localFolder);
  const dc = lock.devcontainer;
  const path = (source: string) => {
    if (relativeInside(localFolder, source) === null) return source;
    const rel = relative(folder, source) || '.';
    return rel.startsWith('.') ? rel : `./${rel}`;
  };
  const services = Object.fromEntries(
    Object.entries(project.services).map(([name, service]) => {
      const locked = lock.images[name];
      const image = locked?.repoDigests[0] ?? locked?.reference ?? service.image;
      const full = name === dc.service ? withDevcontainer(service, dc, lock.gpu.deviceRequests, {}) : service;
      return [name, serviceEntry(full, image, path)];
    }),
  );
  const used = (key: string) => Object.values(project.services).some((s) => key in s.networks || (key === 'default' && !s.networkMode && Object.keys(s.networks).length === 0));
  const networks = Object.fromEntries(
    Object.entries(project.networks)
      .filter(([key]) => used(key))
      .map(([key, n]) => [
        key,
        {
          ...ownName(project, key, n.name, n.external),
          ...(n.external ? { external: true } : {}),
          ...(n.driver ? { driver: n.driver } : {}),
          ...(Object.keys(n.driverOpts).length ? { driver_opts: n.driverOpts } : {}),
          ...(Object.keys(n.labels).length ? { labels: n.labels } : {}),
          ...(n.internal ? { internal: true } : {}),
          ...(n.attachable ? { attachable: true } : {}),
        },
      ]),
  );
  const volumes = Object.fromEntries(
    Object.entries(project.volumes).map(([key, v]) => [
      key,
      {
        ...ownName(project, key, v.name, v.external),
        ...(v.external ? { external: true } : {}),
        ...(v.driver ? { driver: v.driver } : {}),
        ...(Object.keys(v.driverOpts).length ? { driver_opts: v.driverOpts } : {}),
        ...(Object.keys(v.labels).length ? { labels: v.labels } : {}),
      },
    ]),
  );
  return stringify({
    services: escapeDollars(services),
    ...(Object.keys(networks).length ? { networks } : {}),
    ...(Object.keys(volumes).length ? { volumes } : {}),
  }, COMPOSE_YAML);
}
