import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ComposeNetwork, ComposeProblem, ComposeProject, ComposeService, ComposeVolume } from '../../../shared/domain/compose-model.ts';
import { checkProject } from './check-project.ts';
import { ComposeLoadError, problem } from './compose-problem.ts';
import { DotenvError, parseDotenv } from './dotenv.ts';
import { interpolate, InterpolationError, type VariableLookup } from './interpolation.ts';
import { isDict, mergeComposeFiles, mergeService, type Dict } from './merge.ts';
import { mapMarked, unwrapMarkers } from './merge-tags.ts';
import { normalizeService } from './normalize-service.ts';
import { resolveProjectName } from './project-name.ts';
import { validateAgainstSchema } from './schema-validation.ts';
import { UNSUPPORTED_SERVICE_KEYS, UNSUPPORTED_TOP_LEVEL_KEYS, unsupportedKeyMessage } from './unsupported-keys.ts';
import { parseYamlFile, type YamlFile } from './yaml-file.ts';

export interface LoadOptions {
  /** Compose files, merged in order; relative paths resolve against cwd. */
  files: readonly string[];
  projectName?: string;
  /** Active profiles; COMPOSE_PROFILES when empty. `*` enables every service. */
  profiles?: readonly string[];
  /** The shell's environment. */
  env: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  /** Absolute path → text to use instead of the file on disk (an editor's unsaved buffer). */
  overrides?: ReadonlyMap<string, string>;
}

/** The default file names compose looks for, in its order. */
export const DEFAULT_COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

/** Loads, interpolates, validates, merges and normalises a compose project, or throws ComposeLoadError with every problem found. */
export function loadComposeProject(options: LoadOptions): ComposeProject {
  const loader = new Loader(options);
  return loader.load();
}

class Loader {
  readonly #options: LoadOptions;
  readonly #problems: ComposeProblem[] = [];
  readonly #warnings = new Set<string>();
  /** Every file read, in order: positions of service keys are looked up in the last that defines the service. */
  readonly #files: YamlFile[] = [];

  constructor(options: LoadOptions) {
    this.#options = options;
  }

  load(): ComposeProject {
    const cwd = this.#options.cwd ?? process.cwd();
    const files = this.#options.files.map((file) => resolve(cwd, file));
    const workingDir = dirname(files[0]);
    const lookup = this.#environment(workingDir, this.#options.env, null);

    let merged: Dict = {};
    for (const file of files) {
      const dict = this.#loadFile(file, workingDir, lookup, []);
      if (dict) merged = mergeComposeFiles(merged, dict);
    }
    this.#throwIfProblems();
    merged = unwrapMarkers(merged) as Dict;

    const nameResult = resolveProjectName({
      explicit: this.#options.projectName,
      env: this.#options.env.COMPOSE_PROJECT_NAME,
      fileName: typeof merged.name === 'string' ? merged.name : undefined,
      workingDir,
    });
    if (!nameResult.ok) throw new ComposeLoadError([problem(null, null, nameResult.message)]);
    const projectName = nameResult.name;

    const rawServices = isDict(merged.services) ? merged.services : {};
    if (Object.keys(rawServices).length === 0 && !isDict(merged.include)) {
      this.#problems.push(problem(files[0], null, 'The project defines no services: add a services: section.'));
    }
    const activeProfiles = this.#activeProfiles();
    const disabled = new Map<string, string[]>();
    const enabled: Record<string, Dict> = {};
    for (const [name, definition] of Object.entries(rawServices)) {
      const dict = isDict(definition) ? definition : {};
      const profiles = Array.isArray(dict.profiles) ? dict.profiles.map(String) : [];
      if (profiles.length === 0 || activeProfiles.has('*') || profiles.some((p) => activeProfiles.has(p))) enabled[name] = dict;
      else disabled.set(name, profiles);
    }

    const declaredNetworks = isDict(merged.networks) ? merged.networks : {};
    const declaredVolumes = isDict(merged.volumes) ? merged.volumes : {};
    const services: Record<string, ComposeService> = {};
    for (const [name, dict] of Object.entries(enabled)) {
      services[name] = normalizeService(name, dict, {
        projectName,
        lookup,
        declaredNetworks: new Set(Object.keys(declaredNetworks)),
        declaredVolumes: new Set(Object.keys(declaredVolumes)),
        secretFiles: fileEntries(merged.secrets),
        configFiles: fileEntries(merged.configs),
        report: (path, message) => this.#problems.push(problem(...this.#locate(name, path), message)),
        warn: (message) => this.#warnings.add(message),
      });
    }
    for (const issue of checkProject(services, disabled)) this.#problems.push(problem(...this.#locate(issue.service, issue.path), issue.message));
    this.#throwIfProblems();

    const usedNetworks = new Set(Object.values(services).flatMap((s) => Object.keys(s.networks)));
    const networks: Record<string, ComposeNetwork> = {};
    for (const key of usedNetworks) networks[key] = toNetwork(projectName, key, declaredNetworks[key]);
    const volumes: Record<string, ComposeVolume> = {};
    for (const [key, definition] of Object.entries(declaredVolumes)) volumes[key] = toVolume(projectName, key, definition);

    if (Object.keys(services).length === 0 && disabled.size > 0) {
      this.#warnings.add(`every service needs a profile, so none is enabled: pass one of ${[...new Set([...disabled.values()].flat())].map((p) => `--profile ${p}`).join(', ')}.`);
    }
    if (typeof merged.version === 'string') this.#warnings.add(`the attribute "version" is obsolete and ignored; you can remove it.`);
    return {
      name: projectName,
      workingDir,
      configFiles: files,
      services,
      disabledServices: [...disabled.keys()].sort(),
      networks,
      volumes,
      warnings: [...this.#warnings],
    };
  }

  #throwIfProblems(): void {
    if (this.#problems.length > 0) throw new ComposeLoadError(this.#problems);
  }

  #activeProfiles(): Set<string> {
    const given = this.#options.profiles ?? [];
    if (given.length > 0) return new Set(given);
    const fromEnv = this.#options.env.COMPOSE_PROFILES;
    return new Set(fromEnv ? fromEnv.split(',').map((p) => p.trim()).filter(Boolean) : []);
  }

  /** The shell's variables win over the project's .env (and include's env_file). */
  #environment(dir: string, shell: Readonly<Record<string, string | undefined>>, envFiles: string[] | null): VariableLookup {
    const fromFiles = new Map<string, string>();
    const candidates = envFiles ?? (shell.COMPOSE_DISABLE_ENV_FILE === '1' || shell.COMPOSE_DISABLE_ENV_FILE === 'true' ? [] : [resolve(dir, '.env')]);
    for (const file of candidates) {
      if (!existsSync(file)) {
        if (envFiles !== null) this.#problems.push(problem(file, null, `The env file ${file} does not exist: create it, or remove it from env_file.`));
        continue;
      }
      try {
        const lookup: VariableLookup = (name) => shell[name] ?? fromFiles.get(name);
        for (const entry of parseDotenv(readFileSync(file, 'utf8'), lookup)) if (entry.value !== null) fromFiles.set(entry.name, entry.value);
      } catch (error) {
        const line = error instanceof DotenvError ? { line: error.line, column: 1 } : null;
        this.#problems.push(problem(file, line, `${(error as Error).message}.`));
      }
    }
    return (name) => shell[name] ?? fromFiles.get(name);
  }

  /** Reads one file: parse, interpolate, validate, refuse unsupported keys, include, extends, absolute paths. */
  #loadFile(file: string, baseDir: string, lookup: VariableLookup, chain: string[]): Dict | null {
    if (chain.includes(file)) {
      this.#problems.push(problem(file, null, `include makes a cycle: ${[...chain, file].join(' → ')}: remove one include.`));
      return null;
    }
    const parsed = this.#parse(file, lookup);
    if (!parsed) return null;
    const { yaml, dict } = parsed;

    for (const key of Object.keys(dict)) {
      if (UNSUPPORTED_TOP_LEVEL_KEYS.has(key)) this.#problems.push(problem(file, yaml.positionOf([key]), unsupportedKeyMessage('This file', key, file)));
    }
    for (const [section, keyName] of [['secrets', 'secret'], ['configs', 'config']] as const) {
      for (const [name, definition] of Object.entries(isDict(dict[section]) ? dict[section] : {})) {
        if (!isDict(definition) || typeof definition.file !== 'string') {
          this.#problems.push(problem(file, yaml.positionOf([section, name]), `${keyName} "${name}" is not a file: Benchtop supports ${section} with file: only (environment, content and external ${section} need the docker compose CLI).`));
        }
      }
    }
    const services = isDict(dict.services) ? dict.services : {};
    for (const [name, definition] of Object.entries(services)) {
      for (const key of Object.keys(isDict(definition) ? definition : {})) {
        if (UNSUPPORTED_SERVICE_KEYS.has(key)) this.#problems.push(problem(file, yaml.positionOf(['services', name, key]), unsupportedKeyMessage(`service "${name}"`, key, file)));
      }
    }

    // Relative paths in the file resolve against the project folder (include and extends bring their own).
    for (const [name, definition] of Object.entries(services)) if (isDict(definition)) services[name] = resolveServicePaths(definition, baseDir);
    for (const section of ['secrets', 'configs'] as const) {
      for (const definition of Object.values(isDict(dict[section]) ? dict[section] : {})) {
        if (isDict(definition) && typeof definition.file === 'string') definition.file = resolveHostPath(baseDir, definition.file);
      }
    }

    for (const [name, definition] of Object.entries(services)) {
      if (isDict(definition) && definition.extends !== undefined) {
        const resolved = this.#extend(file, yaml, services, name, lookup, [`${file}#${name}`]);
        if (resolved) services[name] = resolved;
      }
    }

    let result: Dict = dict;
    if (Array.isArray(dict.include)) {
      dict.include.forEach((entry, index) => {
        const included = this.#include(file, yaml, entry, index, lookup, [...chain, file]);
        if (included) result = this.#mergeIncluded(file, yaml, result, included, index);
      });
      delete result.include;
    }
    return result;
  }

  #parse(file: string, lookup: VariableLookup): { yaml: YamlFile; dict: Dict } | null {
    let text: string;
    try {
      text = this.#options.overrides?.get(file) ?? readFileSync(file, 'utf8');
    } catch {
      this.#problems.push(problem(file, null, `The compose file ${file} cannot be read: check the path.`));
      return null;
    }
    const parsed = parseYamlFile(file, text);
    if (!parsed.ok) {
      this.#problems.push(...parsed.problems);
      return null;
    }
    const yaml = parsed.file;
    this.#files.push(yaml);
    if (!isDict(yaml.value)) {
      this.#problems.push(problem(file, yaml.positionOf([]), 'A compose file must be a mapping (services:, volumes:, …) at the top level.'));
      return null;
    }
    const before = this.#problems.length;
    const dict = this.#interpolateValue(yaml, yaml.value, [], lookup) as Dict;
    if (this.#problems.length > before) return null;
    const schemaProblems = validateAgainstSchema(yaml, unwrapMarkers(dict));
    if (schemaProblems.length > 0) {
      this.#problems.push(...schemaProblems);
      return null;
    }
    return { yaml, dict };
  }

  #interpolateValue(yaml: YamlFile, value: unknown, path: (string | number)[], lookup: VariableLookup): unknown {
    if (typeof value === 'string') {
      try {
        return interpolate(value, lookup, (name) => this.#warnings.add(`The "${name}" variable is not set. Defaulting to a blank string.`));
      } catch (error) {
        if (!(error instanceof InterpolationError)) throw error;
        this.#problems.push(problem(yaml.path, yaml.positionOf(path), `${error.message}.`));
        return value;
      }
    }
    if (Array.isArray(value)) return value.map((item, i) => this.#interpolateValue(yaml, item, [...path, i], lookup));
    if (isDict(value)) {
      const out: Dict = {};
      for (const [key, item] of Object.entries(value)) out[key] = key.startsWith('x-') && path.length === 0 ? item : this.#interpolateValue(yaml, item, [...path, key], lookup);
      return out;
    }
    return value;
  }

  #extend(file: string, yaml: YamlFile, services: Dict, name: string, lookup: VariableLookup, chain: string[]): Dict | null {
    const definition = services[name] as Dict;
    const spec = typeof definition.extends === 'string' ? { service: definition.extends } : (definition.extends as { service: string; file?: string });
    const { extends: _extends, ...own } = definition;
    let baseServices = services;
    let baseFile = file;
    let baseYaml = yaml;
    if (spec.file) {
      baseFile = resolve(dirname(file), spec.file);
      const parsed = this.#parse(baseFile, lookup);
      if (!parsed) return null;
      baseYaml = parsed.yaml;
      baseServices = isDict(parsed.dict.services) ? parsed.dict.services : {};
      for (const [key, value] of Object.entries(baseServices)) if (isDict(value)) baseServices[key] = resolveServicePaths(value, dirname(baseFile));
    }
    const link = `${baseFile}#${spec.service}`;
    if (chain.includes(link)) {
      this.#problems.push(problem(file, yaml.positionOf(['services', name, 'extends']), `extends makes a cycle: ${[...chain, link].join(' → ')}: remove one extends.`));
      return null;
    }
    let base = baseServices[spec.service];
    if (!isDict(base)) {
      this.#problems.push(problem(file, yaml.positionOf(['services', name, 'extends']), `service "${name}" extends "${spec.service}", which ${spec.file ? `${baseFile} does not define` : 'this file does not define'}: fix the name.`));
      return null;
    }
    if (base.extends !== undefined) {
      const resolved = this.#extend(baseFile, baseYaml, baseServices, spec.service, lookup, [...chain, link]);
      if (!resolved) return null;
      base = resolved;
    }
    const { extends: _baseExtends, ...baseOwn } = base as Dict;
    return mergeService(baseOwn, own);
  }

  #include(file: string, yaml: YamlFile, entry: unknown, index: number, parentLookup: VariableLookup, chain: string[]): Dict | null {
    const spec = typeof entry === 'string' ? { path: entry } : (entry as { path: string | string[]; project_directory?: string; env_file?: string | string[] });
    const paths = (Array.isArray(spec.path) ? spec.path : [spec.path]).map((p) => resolve(dirname(file), p));
    const projectDir = spec.project_directory ? resolve(dirname(file), spec.project_directory) : dirname(paths[0]);
    const envFiles = spec.env_file === undefined ? null : (Array.isArray(spec.env_file) ? spec.env_file : [spec.env_file]).map((p) => resolve(dirname(file), p));
    const ownLookup = this.#environment(projectDir, {}, envFiles);
    const lookup: VariableLookup = (name) => parentLookup(name) ?? ownLookup(name);
    let merged: Dict = {};
    for (const path of paths) {
      if (!existsSync(path)) {
        this.#problems.push(problem(file, yaml.positionOf(['include', index]), `include names ${path}, which does not exist: fix the path.`));
        return null;
      }
      const dict = this.#loadFile(path, projectDir, lookup, chain);
      if (!dict) return null;
      merged = mergeComposeFiles(merged, dict);
    }
    return merged;
  }

  #mergeIncluded(file: string, yaml: YamlFile, into: Dict, included: Dict, index: number): Dict {
    const result: Dict = { ...into };
    for (const section of ['services', 'networks', 'volumes', 'secrets', 'configs']) {
      const theirs = isDict(included[section]) ? included[section] : {};
      const ours: Dict = { ...(isDict(result[section]) ? result[section] : {}) };
      for (const [key, value] of Object.entries(theirs)) {
        if (key in ours && JSON.stringify(ours[key]) !== JSON.stringify(value)) {
          this.#problems.push(problem(file, yaml.positionOf(['include', index]), `the included file also defines ${section.slice(0, -1)} "${key}", differently: rename one of them.`));
          continue;
        }
        ours[key] = value;
      }
      if (Object.keys(ours).length > 0) result[section] = ours;
    }
    return result;
  }

  /** The file and position of a path inside a service: the last file that defines the service. */
  #locate(service: string, path: (string | number)[]): [string | null, { line: number; column: number } | null] {
    for (let i = this.#files.length - 1; i >= 0; i--) {
      const yaml = this.#files[i];
      const services = isDict(yaml.value) && isDict(yaml.value.services) ? yaml.value.services : {};
      if (service in services) return [yaml.path, yaml.positionOf(['services', service, ...path])];
    }
    const first = this.#files[0];
    return [first?.path ?? null, null];
  }
}

function resolveHostPath(baseDir: string, path: string): string {
  if (path === '~' || path.startsWith('~/')) return resolve(homedir(), path.slice(2));
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

const isRemoteContext = (context: string) => /^[a-z]+:\/\//i.test(context) || context.startsWith('git@');

/** Makes a service's relative host paths (build context, env_file, bind sources) absolute. */
function resolveServicePaths(service: Dict, baseDir: string): Dict {
  const out: Dict = { ...service };
  const resolveBuild = (build: unknown) => {
    if (typeof build === 'string') return isRemoteContext(build) ? build : resolveHostPath(baseDir, build);
    if (!isDict(build)) return build;
    const context = typeof build.context === 'string' ? build.context : '.';
    return { ...build, context: isRemoteContext(context) ? context : resolveHostPath(baseDir, context) };
  };
  const resolveEnvFiles = (envFile: unknown) =>
    (Array.isArray(envFile) ? envFile : [envFile]).map((entry) =>
      typeof entry === 'string' ? resolveHostPath(baseDir, entry) : isDict(entry) ? { ...entry, path: resolveHostPath(baseDir, String(entry.path)) } : entry,
    );
  const resolveVolumes = (volumes: unknown) =>
    !Array.isArray(volumes)
      ? volumes
      : volumes.map((entry) => {
          if (typeof entry === 'string') {
            const parts = entry.split(':');
            if (parts.length >= 2 && (parts[0].startsWith('.') || parts[0].startsWith('~'))) return [resolveHostPath(baseDir, parts[0]), ...parts.slice(1)].join(':');
            return entry;
          }
          if (isDict(entry) && entry.type === 'bind' && typeof entry.source === 'string') return { ...entry, source: resolveHostPath(baseDir, entry.source) };
          return entry;
        });
  if (out.build !== undefined) out.build = mapMarked(out.build, resolveBuild);
  if (out.env_file !== undefined) out.env_file = mapMarked(out.env_file, resolveEnvFiles);
  if (out.volumes !== undefined) out.volumes = mapMarked(out.volumes, resolveVolumes);
  return out;
}

function fileEntries(section: unknown): Map<string, string> {
  const result = new Map<string, string>();
  for (const [name, definition] of Object.entries(isDict(section) ? section : {})) {
    if (isDict(definition) && typeof definition.file === 'string') result.set(name, definition.file);
  }
  return result;
}

const stringMap = (value: unknown): Record<string, string> => {
  if (Array.isArray(value)) {
    return Object.fromEntries(value.map(String).map((item) => [item.split('=')[0], item.split('=').slice(1).join('=')]));
  }
  return Object.fromEntries(Object.entries(isDict(value) ? value : {}).map(([k, v]) => [k, String(v ?? '')]));
};

function isExternal(definition: Dict): { external: boolean; name: string | null } {
  const external = definition.external;
  if (isDict(external)) return { external: true, name: typeof external.name === 'string' ? external.name : null };
  return { external: external === true || external === 'true', name: null };
}

/** What top-level networks and volumes share: the engine name (project-prefixed unless external or named), driver, options, labels. */
function namedResource(project: string, key: string, raw: unknown): { definition: Dict; resource: ComposeVolume } {
  const definition = isDict(raw) ? raw : {};
  const { external, name: legacyName } = isExternal(definition);
  const explicit = typeof definition.name === 'string' ? definition.name : legacyName;
  return {
    definition,
    resource: {
      name: explicit ?? (external ? key : `${project}_${key}`),
      external,
      driver: typeof definition.driver === 'string' ? definition.driver : null,
      driverOpts: stringMap(definition.driver_opts),
      labels: stringMap(definition.labels),
    },
  };
}

function toNetwork(project: string, key: string, raw: unknown): ComposeNetwork {
  const { definition, resource } = namedResource(project, key, raw);
  return {
    ...resource,
    internal: definition.internal === true || definition.internal === 'true',
    attachable: definition.attachable === true || definition.attachable === 'true',
  };
}

function toVolume(project: string, key: string, raw: unknown): ComposeVolume {
  return namedResource(project, key, raw).resource;
}
