import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import type { FolderInspection } from '../../../shared/api/methods/environments.ts';
import { DEVCONTAINER_LABEL, ENV_LABEL } from '../../../shared/environments/labels.ts';
import { LOCKFILE_NAME } from '../../../shared/environments/lockfile.ts';
import { unsupportedReason, type DevcontainerConfig, type LifecycleCommand } from '../../../shared/environments/model.ts';
import { defaultWorkspaceFolder, parseDevcontainer } from '../../../shared/environments/parse-devcontainer.ts';
import { formatProblem } from '../../../shared/environments/problems.ts';
import type { EnvironmentProgress } from '../../../shared/environments/progress.ts';
import { resolveEnvironment, type TemplateContext } from '../../../shared/environments/resolved.ts';
import { environmentId, environmentsFromContainers, type EnvironmentSummary } from '../../../shared/environments/summary.ts';
import type { EnvironmentTemplate } from '../../../shared/environments/template.ts';
import { composeDown } from '../compose/down.ts';
import { runStackAction } from '../compose/stack-actions.ts';
import { toContainerSummary } from '../containers/summary.ts';
import { toApiError } from '../engine/errors.ts';
import { composeLockToYaml } from './compose-export.ts';
import { launchComposeEnvironment, reproduceComposeEnvironment, type ComposeVariantDeps } from './compose-variant.ts';
import { toComposeYaml, toDevcontainerJson } from './export.ts';
import { findDevcontainerConfig } from './find-config.ts';
import type { ImageSpec } from './environment-image.ts';
import { launchEnvironment, summaryOf } from './launch.ts';
import { runLifecycle, type LifecycleView } from './lifecycle.ts';
import { readLockfile, writeFileAtomically } from './lockfile-io.ts';
import type { TemplateCatalog } from './templates.ts';
import { createAppHealthMonitor, type AppHealthMonitor } from './app-health.ts';
import { parseAppsLabel } from '../../../shared/environments/apps.ts';

export interface AppTarget {
  port: number;
  /** The app serves under /apps/<environment>/<app>/ itself; false: the proxy strips the prefix. */
  knowsBasePath: boolean;
}

export interface EnvironmentServiceDeps extends ComposeVariantDeps {
  templates: TemplateCatalog;
  /** The host's environment for ${localEnv:…}. */
  env: Readonly<Record<string, string | undefined>>;
}

export interface UpInput {
  folder: string;
  template?: string;
  configFile?: string;
  gpu: 'auto' | 'none';
  /** Run this image instead of the one the template or devcontainer.json names; every other setting stays the config's. */
  image?: string;
}

type Emit = (progress: EnvironmentProgress) => void;

export interface EnvironmentService {
  list(): Promise<EnvironmentSummary[]>;
  /** Health probes of the environments' apps (only while watched). */
  readonly appHealth: AppHealthMonitor;
  /** Where the web host sends `/apps/<environment>/<app>/…`: the app's loopback port and whether it knows its base path; null when it is not running. */
  resolveApp(environmentId: string, appName: string): Promise<AppTarget | null>;
  templates(): EnvironmentTemplate[];
  inspectFolder(folder: string): FolderInspection;
  up(input: UpInput, emit: Emit, signal: AbortSignal, replace?: boolean): Promise<EnvironmentSummary>;
  reproduce(lockFile: string, gpu: 'auto' | 'none', emit: Emit, signal: AbortSignal): Promise<EnvironmentSummary>;
  rebuild(id: string, emit: Emit, signal: AbortSignal): Promise<EnvironmentSummary>;
  start(id: string): Promise<EnvironmentSummary>;
  stop(id: string): Promise<EnvironmentSummary>;
  remove(id: string): Promise<number>;
  exportTo(id: string, format: 'devcontainer' | 'compose', file: string | undefined, overwrite: boolean): Promise<{ file: string; text: string }>;
  /** The environment by id, by container name, or by project folder. */
  find(ref: string): Promise<EnvironmentSummary>;
  /**
   * The engine came back after `downForMs`: its restart policy (unless-stopped) started the
   * environments again, but not their postStartCommand (the app, say): run it in each environment
   * container started since the outage began. Returns the names of those it ran in.
   */
  afterEngineReturn(downForMs: number): Promise<string[]>;
}

function requireAbsolute(path: string, what: string): void {
  if (!isAbsolute(path)) throw new ApiError('invalid_input', `The ${what} "${path}" is relative: give the absolute path.`);
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[-_.]+|[-_.]+$/g, '') || 'env';
}

export function createEnvironmentService(deps: EnvironmentServiceDeps): EnvironmentService {
  const docker = () => deps.docker();

  const parseConfig = (configFile: string, localFolder: string): DevcontainerConfig => {
    let text: string;
    try {
      text = readFileSync(configFile, 'utf8');
    } catch {
      throw new ApiError('not_found', `Could not read ${configFile}: check the path.`);
    }
    const result = parseDevcontainer({ file: configFile, text, localWorkspaceFolder: localFolder, localEnv: deps.env, devcontainerId: environmentId(localFolder, configFile) });
    if (!result.ok) {
      const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more)` : '';
      throw new ApiError('invalid_input', `${formatProblem(result.problems[0])}${more}`, { problems: result.problems });
    }
    return result.config;
  };

  const all = async (): Promise<EnvironmentSummary[]> => {
    const client = await docker();
    try {
      const infos = await client.listContainers({ all: true, filters: { label: [DEVCONTAINER_LABEL.localFolder] } });
      return environmentsFromContainers(infos.map(toContainerSummary));
    } catch (error) {
      throw toApiError(error, 'list environments');
    }
  };

  const find = async (ref: string): Promise<EnvironmentSummary> => {
    const list = await all();
    const found = list.find((e) => e.id === ref) ?? list.find((e) => e.containerName === ref || e.containerId.startsWith(ref)) ?? list.find((e) => e.localFolder === ref);
    if (!found) throw new ApiError('not_found', `There is no environment "${ref}": benchtop env ls lists them.`);
    return found;
  };

  const up: EnvironmentService['up'] = async (input, emit, signal, replace = false) => {
    requireAbsolute(input.folder, 'project folder');
    if (!existsSync(input.folder) || !statSync(input.folder).isDirectory()) throw new ApiError('invalid_input', `The project folder ${input.folder} does not exist: create it or pick another one.`);
    if (input.template) {
      const template = deps.templates.get(input.template);
      const lockFile = join(input.folder, LOCKFILE_NAME);
      const file = `template ${template.id}`;
      const parsed = parseDevcontainer({ file, text: JSON.stringify(template.devcontainer, null, 2), localWorkspaceFolder: input.folder, localEnv: deps.env });
      if (!parsed.ok) throw new ApiError('internal', `The bundled template ${template.id} is broken: ${formatProblem(parsed.problems[0])}`);
      const context: TemplateContext = { id: template.id, version: template.version, app: template.app };
      const resolved = resolveEnvironment(parsed.config, input.folder, context);
      for (const warning of parsed.config.warnings) emit({ type: 'warning', message: warning });
      const image = input.image ?? (parsed.config.source.kind === 'image' ? parsed.config.source.image : '');
      if (input.image) emit({ type: 'step', message: `Using the image ${input.image} in place of the template's ${parsed.config.source.kind === 'image' ? parsed.config.source.image : 'image'}` });
      return launchEnvironment(
        deps,
        { resolved, localFolder: input.folder, configFile: lockFile, image: { kind: 'reference', reference: image }, gpu: input.gpu, lockFile, writeLock: true, lockSource: `template:${template.id}@${template.version}`, replace },
        emit,
        signal,
      );
    }
    const configFile = input.configFile ?? findDevcontainerConfig(input.folder);
    if (!configFile) {
      throw new ApiError('not_found', `${input.folder} has no devcontainer.json (looked for .devcontainer/devcontainer.json, .devcontainer.json and .devcontainer/*/devcontainer.json): add one, or pick a template.`);
    }
    requireAbsolute(configFile, 'config file');
    const config = parseConfig(configFile, input.folder);
    const refusal = unsupportedReason(config);
    if (refusal) throw new ApiError('invalid_input', refusal);
    for (const warning of config.warnings) emit({ type: 'warning', message: warning });
    const lockFile = join(dirname(configFile), LOCKFILE_NAME);
    const lockSource = configFile.slice(dirname(configFile).length + 1);
    if (config.source.kind === 'compose' && input.image) throw new ApiError('invalid_input', `${configFile} is a compose environment: set the image in its compose file instead of overriding it.`);
    if (config.source.kind === 'compose') return launchComposeEnvironment(deps, config, input.folder, lockFile, lockSource, input.gpu, emit, signal);
    const resolved = resolveEnvironment(config, input.folder, null);
    const id = environmentId(input.folder, configFile);
    if (input.image) emit({ type: 'step', message: `Using the image ${input.image} in place of ${config.source.kind === 'image' ? config.source.image : `building ${config.source.kind === 'build' ? config.source.dockerfile : 'the image'}`}` });
    const image: ImageSpec =
      input.image
        ? { kind: 'reference', reference: input.image }
        : config.source.kind === 'image'
        ? { kind: 'reference', reference: config.source.image }
        : { kind: 'build', dockerfile: config.source.dockerfile, context: config.source.context, args: config.source.args, target: config.source.target, tag: `benchtop-env/${slug(resolved.name)}-${id.slice(0, 6)}:latest` };
    return launchEnvironment(
      deps,
      { resolved, localFolder: input.folder, configFile, image, gpu: input.gpu, lockFile, writeLock: true, lockSource, replace },
      emit,
      signal,
    );
  };

  const containerOf = async (id: string): Promise<{ summary: EnvironmentSummary; container: Docker.Container; client: Docker }> => {
    const summary = await find(id);
    const client = await docker();
    return { summary, container: client.getContainer(summary.containerId), client };
  };

  const appHealth = createAppHealthMonitor({ docker, subscribeEvents: deps.events ? (listener) => deps.events.subscribe(listener) : undefined });
  const targets = new Map<string, { at: number; target: AppTarget | null }>();
  const resolveApp = async (environmentId: string, appName: string): Promise<AppTarget | null> => {
    const key = `${environmentId}/${appName}`;
    const cached = targets.get(key);
    if (cached && Date.now() - cached.at < 1000) return cached.target;
    const client = await docker();
    const [info] = await client.listContainers({ filters: { label: [`${ENV_LABEL.id}=${environmentId}`], status: ['running'] } });
    const app = info ? parseAppsLabel(info.Labels?.[ENV_LABEL.apps]).find((a) => a.name === appName) : undefined;
    const port = app ? info?.Ports.find((p) => p.PrivatePort === app.port && p.Type === 'tcp' && p.PublicPort)?.PublicPort : undefined;
    const target = app && port ? { port, knowsBasePath: app.basePath !== null } : null;
    if (targets.size > 256) targets.clear();
    targets.set(key, { at: Date.now(), target });
    return target;
  };

  return {
    list: all,
    appHealth,
    resolveApp,
    find,
    templates: () => deps.templates.list(),

    inspectFolder(folder) {
      const empty: FolderInspection = { folder, exists: false, configFile: null, name: null, variant: null, problems: [], warnings: [], refusal: null, lockFile: null };
      if (!isAbsolute(folder) || !existsSync(folder) || !statSync(folder).isDirectory()) return empty;
      const configFile = findDevcontainerConfig(folder);
      const lock = [join(folder, LOCKFILE_NAME), ...(configFile ? [join(dirname(configFile), LOCKFILE_NAME)] : [])].find((p) => existsSync(p)) ?? null;
      const base = { ...empty, exists: true, configFile, lockFile: lock };
      if (!configFile) return base;
      const parsed = parseDevcontainer({ file: configFile, text: readFileSync(configFile, 'utf8'), localWorkspaceFolder: folder, localEnv: deps.env });
      if (!parsed.ok) return { ...base, problems: parsed.problems };
      return { ...base, name: parsed.config.name, variant: parsed.config.source.kind, warnings: parsed.config.warnings, refusal: unsupportedReason(parsed.config) };
    },

    up,

    async reproduce(lockFile, gpu, emit, signal) {
      requireAbsolute(lockFile, 'lockfile');
      const lock = await readLockfile(lockFile);
      const lockDir = dirname(lockFile);
      if (lock.kind === 'compose') {
        const configFile = join(lockDir, lock.source);
        emit({ type: 'step', message: `Reproducing ${lock.devcontainer.name} from ${lockFile} (compose project ${lock.project.name}, ${Object.keys(lock.images).length} locked image(s))` });
        return reproduceComposeEnvironment(deps, lock, lockFile, configFile, defaultWorkspaceFolder(configFile), gpu, emit, signal);
      }
      const fromTemplate = lock.source.startsWith('template:');
      const configFile = fromTemplate ? lockFile : join(lockDir, lock.source);
      const localFolder = fromTemplate ? lockDir : defaultWorkspaceFolder(configFile);
      emit({ type: 'step', message: `Reproducing ${lock.resolved.name} from ${lockFile} (image ${lock.image.id.slice(7, 19)})` });
      return launchEnvironment(
        deps,
        {
          resolved: lock.resolved,
          localFolder,
          configFile,
          image: { kind: 'pinned', id: lock.image.id, reference: lock.image.reference, repoDigests: lock.image.repoDigests },
          gpu,
          lockFile,
          writeLock: false,
          lockSource: lock.source,
          replace: true,
        },
        emit,
        signal,
      );
    },

    async rebuild(id, emit, signal) {
      const summary = await find(id);
      if (!summary.managed) throw new ApiError('invalid_input', `${summary.name} was made by another tool (VS Code or the devcontainer CLI): rebuild it there, or remove it and start the folder here.`);
      if (summary.kind === 'compose') {
        emit({ type: 'step', message: `Taking down ${summary.composeProject}` });
        const client = await docker();
        await composeDown({ docker: client, events: deps.events }, summary.composeProject ?? '', { volumes: false }, () => {}, signal);
        return up({ folder: summary.localFolder, configFile: summary.configFile, gpu: 'auto' }, emit, signal);
      }
      const input: UpInput = summary.templateId ? { folder: summary.localFolder, template: summary.templateId, gpu: 'auto' } : { folder: summary.localFolder, configFile: summary.configFile, gpu: 'auto' };
      return up(input, emit, signal, true);
    },

    async start(id) {
      const { summary, container, client } = await containerOf(id);
      if (summary.kind === 'compose' && summary.composeProject) await runStackAction(client, summary.composeProject, 'start');
      else {
        try {
          await container.start();
        } catch (error) {
          if ((error as { statusCode?: number }).statusCode !== 304) throw toApiError(error, `start ${summary.containerName}`);
        }
      }
      const info = await container.inspect();
      const onStart = info.Config.Labels?.[ENV_LABEL.onStart];
      if (onStart) {
        const spec = JSON.parse(onStart) as { command: LifecycleCommand; user: string | null; workdir: string; env: Record<string, string | null> };
        const view: LifecycleView = { lifecycle: { postStartCommand: spec.command }, remoteUser: spec.user, containerUser: null, workspaceFolder: spec.workdir, remoteEnv: spec.env };
        await runLifecycle(client, summary.containerId, view, ['postStartCommand'], () => {}, new AbortController().signal);
      }
      return summaryOf(client, summary.containerId);
    },

    async afterEngineReturn(downForMs) {
      const client = await docker();
      const since = Date.now() - downForMs - 60_000;
      const restarted: string[] = [];
      for (const summary of await all()) {
        if (summary.kind === 'compose' || summary.state !== 'running') continue;
        try {
          const info = await client.getContainer(summary.containerId).inspect();
          const onStart = info.Config.Labels?.[ENV_LABEL.onStart];
          if (!onStart || !info.State.Running || Date.parse(info.State.StartedAt) < since) continue;
          const spec = JSON.parse(onStart) as { command: LifecycleCommand; user: string | null; workdir: string; env: Record<string, string | null> };
          const view: LifecycleView = { lifecycle: { postStartCommand: spec.command }, remoteUser: spec.user, containerUser: null, workspaceFolder: spec.workdir, remoteEnv: spec.env };
          await runLifecycle(client, summary.containerId, view, ['postStartCommand'], () => {}, new AbortController().signal);
          restarted.push(summary.name);
        } catch {
          // One environment that cannot be reached does not stop the others; its card shows its state.
        }
      }
      return restarted;
    },

    async stop(id) {
      const { summary, container, client } = await containerOf(id);
      if (summary.kind === 'compose' && summary.composeProject) await runStackAction(client, summary.composeProject, 'stop');
      else {
        try {
          await container.stop();
        } catch (error) {
          if ((error as { statusCode?: number }).statusCode !== 304) throw toApiError(error, `stop ${summary.containerName}`);
        }
      }
      return summaryOf(client, summary.containerId);
    },

    async remove(id) {
      const { summary, container, client } = await containerOf(id);
      if (summary.kind === 'compose' && summary.composeProject) {
        return composeDown({ docker: client, events: deps.events }, summary.composeProject, { volumes: false }, () => {}, new AbortController().signal);
      }
      try {
        await container.remove({ force: true });
      } catch (error) {
        throw toApiError(error, `remove ${summary.containerName}`);
      }
      return 1;
    },

    async exportTo(id, format, file, overwrite) {
      const summary = await find(id);
      if (!summary.lockFile) throw new ApiError('invalid_input', `${summary.name} has no benchtop.lock.json to export from (ones made by other tools have none): start it with Benchtop once to write it.`);
      const lock = await readLockfile(summary.lockFile);
      if (lock.kind === 'compose' && format === 'devcontainer') {
        throw new ApiError('invalid_input', `${summary.name} is a compose environment: its devcontainer.json is ${summary.configFile}; export it as compose.yaml (--format compose) instead.`);
      }
      const target =
        file ?? (format === 'devcontainer' ? join(summary.localFolder, '.devcontainer', 'devcontainer.json') : join(summary.localFolder, 'compose.yaml'));
      requireAbsolute(target, 'export file');
      if (existsSync(target) && !overwrite) throw new ApiError('conflict', `${target} already exists: pass overwrite (--force) or choose another file.`, { file: target });
      mkdirSync(dirname(target), { recursive: true });
      const text =
        lock.kind === 'compose' ? composeLockToYaml(lock, summary.localFolder, dirname(target)) : format === 'devcontainer' ? toDevcontainerJson(lock) : toComposeYaml(lock, slug(lock.resolved.name));
      await writeFileAtomically(target, text);
      return { file: target, text };
    },
  };
}

