import { readFileSync } from 'node:fs';
import type { ComposeHealthcheck, ComposeMount, ComposeService, DependsOnCondition } from '../../../shared/domain/compose-model.ts';
import { toDeviceRequest, gpusToDeviceRequests } from './device-requests.ts';
import { parseDotenv } from './dotenv.ts';
import type { VariableLookup } from './interpolation.ts';
import { isDict, listToDict, type Dict } from './merge.ts';
import { parsePort } from './ports.ts';
import { splitShellWords } from '../../../shared/domain/shell-words.ts';
import { parseDockerBytes } from '../../../shared/domain/docker-bytes.ts';
import { parseDurationNs } from './units.ts';

export interface NormalizeContext {
  projectName: string;
  /** The project's variables: the shell, then .env. */
  lookup: VariableLookup;
  declaredVolumes: ReadonlySet<string>;
  declaredNetworks: ReadonlySet<string>;
  /** Top-level secrets and configs that name a file (absolute path). */
  secretFiles: ReadonlyMap<string, string>;
  configFiles: ReadonlyMap<string, string>;
  /** Records a problem at a path inside this service (e.g. ['ports', 0]). */
  report(path: (string | number)[], message: string): void;
  warn(message: string): void;
}

const RESERVED_LABEL_PREFIX = 'com.docker.compose.';
const CONDITIONS = new Set<DependsOnCondition>(['service_started', 'service_healthy', 'service_completed_successfully']);

const str = (value: unknown): string | null => (value === undefined || value === null ? null : String(value));
const bool = (value: unknown): boolean => value === true || value === 'true' || value === 'True' || value === 1;
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);

/** A raw service definition (interpolated, merged, paths absolute) → the model `up` works from. */
export function normalizeService(name: string, raw: Dict, ctx: NormalizeContext): ComposeService {
  const build = normalizeBuild(raw.build);
  const image = typeof raw.image === 'string' && raw.image ? raw.image : build ? `${ctx.projectName}-${name}` : '';
  if (!image) ctx.report([], `service "${name}" has neither image nor build: add image: (for example image: busybox).`);

  const networkMode = str(raw.network_mode);
  const networks: ComposeService['networks'] = {};
  if (networkMode === null) {
    const declared = raw.networks === undefined ? { default: null } : listToDict('networks', raw.networks);
    for (const [key, config] of Object.entries(declared)) {
      if (key !== 'default' && !ctx.declaredNetworks.has(key)) {
        ctx.report(['networks', key], `service "${name}" joins network "${key}", which the file does not declare: add it under the top-level networks:.`);
      }
      const settings = isDict(config) ? config : {};
      networks[key] = { aliases: strings(settings.aliases), ipv4Address: str(settings.ipv4_address) };
    }
  } else if (raw.networks !== undefined) {
    ctx.report(['network_mode'], `service "${name}" sets both network_mode and networks: keep one of them.`);
  }

  const deploy = isDict(raw.deploy) ? raw.deploy : {};
  const resources = isDict(deploy.resources) ? deploy.resources : {};
  const limits = isDict(resources.limits) ? resources.limits : {};
  const reservations = isDict(resources.reservations) ? resources.reservations : {};
  const deviceRequests = [];
  if (Array.isArray(reservations.devices)) {
    reservations.devices.forEach((device, i) => {
      try {
        deviceRequests.push(toDeviceRequest(device as Dict, null));
      } catch (error) {
        ctx.report(['deploy', 'resources', 'reservations', 'devices', i], `this device reservation ${(error as Error).message}.`);
      }
    });
  }
  try {
    deviceRequests.push(...gpusToDeviceRequests(raw.gpus));
  } catch (error) {
    ctx.report(['gpus'], `gpus ${(error as Error).message}.`);
  }

  const replicas = Number(deploy.replicas ?? raw.scale ?? 1);
  if (!Number.isInteger(replicas) || replicas < 0) ctx.report(['deploy', 'replicas'], `replicas must be a whole number, not "${String(deploy.replicas ?? raw.scale)}".`);
  if (raw.container_name !== undefined && replicas > 1) {
    ctx.report(['container_name'], `service "${name}" sets container_name and ${replicas} replicas: one name cannot serve several containers; remove one of them.`);
  }

  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(listToDict('labels', raw.labels))) {
    if (key.startsWith(RESERVED_LABEL_PREFIX)) ctx.report(['labels'], `label "${key}" uses the prefix com.docker.compose., which compose reserves: rename it.`);
    labels[key] = value === null ? '' : String(value);
  }

  return {
    name,
    image,
    build,
    command: command(raw.command, ['command'], ctx),
    entrypoint: command(raw.entrypoint, ['entrypoint'], ctx),
    environment: environment(raw, ctx),
    ports: ports(raw.ports, ctx),
    expose: strings(raw.expose),
    mounts: [...mounts(name, raw.volumes, ctx), ...fileMounts(raw.secrets, ctx.secretFiles, '/run/secrets/', 'secrets', ctx), ...fileMounts(raw.configs, ctx.configFiles, '/', 'configs', ctx)],
    networks,
    networkMode,
    dependsOn: dependsOn(raw.depends_on, ctx),
    healthcheck: healthcheck(raw.healthcheck, ctx),
    restart: restart(raw.restart, ctx),
    labels,
    workingDir: str(raw.working_dir),
    user: str(raw.user),
    hostname: str(raw.hostname),
    shmSize: bytes(raw.shm_size, ['shm_size'], ctx),
    ipc: str(raw.ipc),
    ulimits: ulimits(raw.ulimits, ctx),
    devices: devices(raw.devices),
    extraHosts: Object.entries(listToDict('extra_hosts', raw.extra_hosts)).flatMap(([host, ip]) => (Array.isArray(ip) ? ip : [ip]).map((one) => `${host}:${String(one ?? '')}`)),
    capAdd: strings(raw.cap_add),
    capDrop: strings(raw.cap_drop),
    securityOpt: strings(raw.security_opt),
    init: raw.init === undefined ? null : bool(raw.init),
    tty: bool(raw.tty),
    stdinOpen: bool(raw.stdin_open),
    privileged: bool(raw.privileged),
    readOnly: bool(raw.read_only),
    runtime: str(raw.runtime),
    stopSignal: str(raw.stop_signal),
    stopGracePeriodSeconds: raw.stop_grace_period === undefined ? null : seconds(raw.stop_grace_period, ['stop_grace_period'], ctx),
    containerName: str(raw.container_name),
    replicas: Number.isInteger(replicas) && replicas >= 0 ? replicas : 1,
    profiles: strings(raw.profiles),
    deviceRequests,
    nanoCpus: limits.cpus !== undefined ? Math.round(Number(limits.cpus) * 1e9) : raw.cpus !== undefined ? Math.round(Number(raw.cpus) * 1e9) : null,
    memoryBytes: bytes(limits.memory ?? raw.mem_limit, ['deploy', 'resources', 'limits', 'memory'], ctx),
    memoryReservationBytes: bytes(reservations.memory ?? raw.mem_reservation, ['deploy', 'resources', 'reservations', 'memory'], ctx),
    pidsLimit: limits.pids !== undefined ? Number(limits.pids) : raw.pids_limit !== undefined ? Number(raw.pids_limit) : null,
    sysctls: Object.fromEntries(Object.entries(listToDict('sysctls', raw.sysctls)).map(([k, v]) => [k, String(v ?? '')])),
    tmpfs: strings(raw.tmpfs),
  };
}

function normalizeBuild(build: unknown): ComposeService['build'] {
  if (build === undefined || build === null) return null;
  if (typeof build === 'string') return { context: build, dockerfile: null, target: null, args: {} };
  const dict = build as Dict;
  const args = Object.fromEntries(Object.entries(listToDict('args', dict.args)).map(([k, v]) => [k, String(v ?? '')]));
  return { context: String(dict.context ?? '.'), dockerfile: str(dict.dockerfile), target: str(dict.target), args };
}

function command(value: unknown, path: string[], ctx: NormalizeContext): string[] | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(String);
  const split = splitShellWords(String(value));
  if ('error' in split) {
    ctx.report(path, `${path[0]} opens a quote that never closes: close it, or write the command as a list.`);
    return null;
  }
  return split.words;
}

function environment(raw: Dict, ctx: NormalizeContext): Record<string, string> {
  const result: Record<string, string> = {};
  const files = raw.env_file === undefined ? [] : Array.isArray(raw.env_file) ? raw.env_file : [raw.env_file];
  files.forEach((entry, i) => {
    const spec = typeof entry === 'string' ? { path: entry, required: true, format: undefined } : (entry as { path: string; required?: unknown; format?: unknown });
    const required = spec.required === undefined ? true : bool(spec.required);
    let text: string;
    try {
      text = readFileSync(spec.path, 'utf8');
    } catch {
      if (required) ctx.report(['env_file', i], `env_file ${spec.path} does not exist: create it, or mark it required: false.`);
      return;
    }
    try {
      for (const item of parseDotenv(text, ctx.lookup, { raw: spec.format === 'raw' })) {
        if (item.value === null) {
          const fromHost = ctx.lookup(item.name);
          if (fromHost === undefined) delete result[item.name];
          else result[item.name] = fromHost;
        } else result[item.name] = item.value;
      }
    } catch (error) {
      ctx.report(['env_file', i], `${spec.path}${'line' in (error as object) ? `:${(error as { line: number }).line}` : ''}: ${(error as Error).message}.`);
    }
  });
  for (const [key, value] of Object.entries(listToDict('environment', raw.environment))) {
    if (value === null || value === undefined) {
      const fromHost = ctx.lookup(key);
      if (fromHost === undefined) delete result[key];
      else result[key] = fromHost;
    } else result[key] = typeof value === 'boolean' ? String(value) : String(value);
  }
  return result;
}

function ports(value: unknown, ctx: NormalizeContext): ComposeService['ports'] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry, i) => {
    try {
      return parsePort(entry);
    } catch (error) {
      ctx.report(['ports', i], `${(error as Error).message}.`);
      return [];
    }
  });
}

function mounts(service: string, value: unknown, ctx: NormalizeContext): ComposeMount[] {
  if (!Array.isArray(value)) return [];
  const result: ComposeMount[] = [];
  value.forEach((entry, i) => {
    const at = ['volumes', i];
    if (typeof entry === 'string') {
      const parts = splitVolume(entry);
      if (parts.length === 1) {
        result.push({ type: 'volume', source: null, target: parts[0], readOnly: false, createHostPath: false, modes: [], tmpfsSize: null });
        return;
      }
      if (parts.length > 3 || !parts[1]?.startsWith('/')) {
        ctx.report(at, `"${entry}" is not a volume: write SOURCE:/container/path[:ro].`);
        return;
      }
      const [source, target, modeText = ''] = parts;
      const modes = modeText ? modeText.split(',') : [];
      const readOnly = modes.includes('ro');
      const otherModes = modes.filter((m) => m !== 'ro' && m !== 'rw');
      if (isHostPath(source)) {
        result.push({ type: 'bind', source, target, readOnly, createHostPath: true, modes: otherModes, tmpfsSize: null });
      } else {
        if (!ctx.declaredVolumes.has(source)) {
          ctx.report(at, `service "${service}" mounts volume "${source}", which the file does not declare: add it under the top-level volumes:, or write ./${source} for a folder.`);
        }
        result.push({ type: 'volume', source, target, readOnly, createHostPath: false, modes: otherModes, tmpfsSize: null });
      }
      return;
    }
    const long = (entry ?? {}) as Dict;
    const type = String(long.type);
    const target = String(long.target ?? '');
    if (!target.startsWith('/')) {
      ctx.report(at, `this volume needs target: an absolute path in the container.`);
      return;
    }
    const readOnly = bool(long.read_only);
    if (type === 'bind') {
      const bind = isDict(long.bind) ? long.bind : {};
      result.push({ type: 'bind', source: String(long.source ?? ''), target, readOnly, createHostPath: bind.create_host_path === undefined ? false : bool(bind.create_host_path), modes: bind.selinux ? [String(bind.selinux)] : [], tmpfsSize: null });
    } else if (type === 'volume') {
      const source = long.source === undefined ? null : String(long.source);
      if (source !== null && !ctx.declaredVolumes.has(source)) {
        ctx.report(at, `service "${service}" mounts volume "${source}", which the file does not declare: add it under the top-level volumes:.`);
      }
      result.push({ type: 'volume', source, target, readOnly, createHostPath: false, modes: [], tmpfsSize: null });
    } else if (type === 'tmpfs') {
      const tmpfs = isDict(long.tmpfs) ? long.tmpfs : {};
      result.push({ type: 'tmpfs', source: null, target, readOnly, createHostPath: false, modes: [], tmpfsSize: tmpfs.size === undefined ? null : parseDockerBytes(tmpfs.size as string | number) });
    } else {
      ctx.report(at, `volume type "${type}" is not supported by Benchtop (bind, volume and tmpfs are): change it, or run this file with the docker compose CLI.`);
    }
  });
  return result;
}

/** Splits SOURCE:TARGET:MODE, leaving a Windows-style or bracketed source alone. */
function splitVolume(text: string): string[] {
  return text.split(':');
}

function isHostPath(source: string): boolean {
  return source.startsWith('/') || source.startsWith('.') || source.startsWith('~');
}

function fileMounts(value: unknown, files: ReadonlyMap<string, string>, base: string, section: string, ctx: NormalizeContext): ComposeMount[] {
  if (!Array.isArray(value)) return [];
  const result: ComposeMount[] = [];
  value.forEach((entry, i) => {
    const source = typeof entry === 'string' ? entry : String((entry as Dict).source);
    const target = typeof entry === 'string' ? entry : String((entry as Dict).target ?? source);
    const file = files.get(source);
    if (file === undefined) {
      ctx.report([section, i], `${section.slice(0, -1)} "${source}" is not declared with file: under the top-level ${section}:: declare it (Benchtop mounts file-based ${section} only).`);
      return;
    }
    result.push({ type: 'bind', source: file, target: target.startsWith('/') ? target : `${base}${target}`, readOnly: true, createHostPath: false, modes: [], tmpfsSize: null });
  });
  return result;
}

function dependsOn(value: unknown, ctx: NormalizeContext): ComposeService['dependsOn'] {
  const result: ComposeService['dependsOn'] = {};
  for (const [service, config] of Object.entries(listToDict('depends_on', value))) {
    const dict = isDict(config) ? config : {};
    const condition = String(dict.condition ?? 'service_started') as DependsOnCondition;
    if (!CONDITIONS.has(condition)) ctx.report(['depends_on', service], `condition "${condition}" is not one of service_started, service_healthy, service_completed_successfully.`);
    result[service] = { condition, required: dict.required === undefined ? true : bool(dict.required), restart: bool(dict.restart) };
  }
  return result;
}

function healthcheck(value: unknown, ctx: NormalizeContext): ComposeHealthcheck | null {
  if (!isDict(value)) return null;
  const duration = (key: string) => (value[key] === undefined ? null : parseDurationNsOrReport(value[key], ['healthcheck', key], ctx));
  if (bool(value.disable)) return { test: ['NONE'], intervalNs: null, timeoutNs: null, startPeriodNs: null, startIntervalNs: null, retries: null };
  const test = value.test === undefined ? [] : typeof value.test === 'string' ? ['CMD-SHELL', value.test] : strings(value.test);
  if (test.length > 0 && !['NONE', 'CMD', 'CMD-SHELL'].includes(test[0])) {
    ctx.report(['healthcheck', 'test'], `healthcheck test must start with "CMD", "CMD-SHELL" or "NONE" when written as a list: add one.`);
  }
  return {
    test,
    intervalNs: duration('interval'),
    timeoutNs: duration('timeout'),
    startPeriodNs: duration('start_period'),
    startIntervalNs: duration('start_interval'),
    retries: value.retries === undefined ? null : Number(value.retries),
  };
}

function parseDurationNsOrReport(value: unknown, path: string[], ctx: NormalizeContext): number | null {
  const ns = parseDurationNs(value as string);
  if (ns === null) ctx.report(path, `"${String(value)}" is not a duration: write it like 30s, 1m30s or 500ms.`);
  return ns;
}

function seconds(value: unknown, path: string[], ctx: NormalizeContext): number | null {
  const ns = parseDurationNsOrReport(value, path, ctx);
  return ns === null ? null : Math.round(ns / 1e9);
}

function bytes(value: unknown, path: string[], ctx: NormalizeContext): number | null {
  if (value === undefined || value === null) return null;
  const parsed = parseDockerBytes(value as string | number);
  if (parsed === null) ctx.report(path, `"${String(value)}" is not a size: write it like 64m, 2g or 1073741824.`);
  return parsed;
}

function restart(value: unknown, ctx: NormalizeContext): string | null {
  if (value === undefined || value === null) return null;
  const text = String(value);
  if (!/^(no|always|unless-stopped|on-failure(:\d+)?)$/.test(text)) {
    ctx.report(['restart'], `restart "${text}" is not one of no, always, on-failure[:N], unless-stopped.`);
  }
  return text;
}

function ulimits(value: unknown, ctx: NormalizeContext): ComposeService['ulimits'] {
  const result: ComposeService['ulimits'] = {};
  if (!isDict(value)) return result;
  for (const [name, limit] of Object.entries(value)) {
    const soft = isDict(limit) ? Number(limit.soft) : Number(limit);
    const hard = isDict(limit) ? Number(limit.hard) : Number(limit);
    if (!Number.isInteger(soft) || !Number.isInteger(hard)) ctx.report(['ulimits', name], `ulimit ${name} must be a whole number or {soft, hard}.`);
    else result[name] = { soft, hard };
  }
  return result;
}

function devices(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry) => {
    if (typeof entry === 'string') return entry;
    const dict = entry as Dict;
    return [dict.source, dict.target ?? dict.source, dict.permissions ?? 'rwm'].map(String).join(':');
  });
}
