import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { checkBenchtopApps } from './apps.ts';
import {
  emptyRunOptions,
  LIFECYCLE_KEYS,
  type DevcontainerConfig,
  type GpuRequirement,
  type ImageSource,
  type LifecycleCommand,
  type LifecycleStep,
  type MountSpec,
  type PortSpec,
} from './model.ts';
import { basenameOf, dirnameOf, resolvePath } from './paths.ts';
import { lineColumnAt, type EnvironmentProblem } from './problems.ts';
import { parseRunArgs } from './run-args.ts';
import { parseForwardPort, parseMountString, parsePortMapping } from './values.ts';
import { substituteDeep, substituteVariables, type VariableContext } from './variables.ts';

export interface ParseOptions {
  /** Absolute path of the file (paths in it resolve from its folder). */
  file: string;
  text: string;
  /** The project folder on the host; defaults to the folder above `.devcontainer/`. */
  localWorkspaceFolder?: string;
  localEnv?: Readonly<Record<string, string | undefined>>;
  devcontainerId?: string;
}

export type ParseResult = { ok: true; config: DevcontainerConfig } | { ok: false; problems: EnvironmentProblem[] };

/** Properties of devcontainer.json (spec base schema), and the legacy ones the reference CLI still reads. */
const KNOWN_KEYS = new Set([
  '$schema',
  'name',
  'image',
  'build',
  'dockerFile',
  'context',
  'dockerComposeFile',
  'service',
  'runServices',
  'workspaceFolder',
  'workspaceMount',
  'runArgs',
  'appPort',
  'forwardPorts',
  'portsAttributes',
  'otherPortsAttributes',
  'containerEnv',
  'remoteEnv',
  'containerUser',
  'remoteUser',
  'updateRemoteUserUID',
  'userEnvProbe',
  'overrideCommand',
  'shutdownAction',
  'init',
  'privileged',
  'capAdd',
  'securityOpt',
  'mounts',
  'features',
  'overrideFeatureInstallOrder',
  'customizations',
  'hostRequirements',
  'initializeCommand',
  ...LIFECYCLE_KEYS,
  'waitFor',
  'secrets',
  'settings',
  'extensions',
  'devPort',
]);

/** Keys that go into the devcontainer.metadata label (spec §Image Metadata), as written. */
const METADATA_KEYS = [
  'forwardPorts',
  'portsAttributes',
  'otherPortsAttributes',
  'containerEnv',
  'remoteEnv',
  'containerUser',
  'remoteUser',
  'updateRemoteUserUID',
  'userEnvProbe',
  'overrideCommand',
  'shutdownAction',
  'init',
  'privileged',
  'capAdd',
  'securityOpt',
  'mounts',
  'customizations',
  'hostRequirements',
  ...LIFECYCLE_KEYS,
  'waitFor',
];

/** The folder a devcontainer.json belongs to: the one holding `.devcontainer/`, else its own folder. */
export function defaultWorkspaceFolder(file: string): string {
  const index = file.lastIndexOf('/.devcontainer/');
  return index === -1 ? dirnameOf(file) : file.slice(0, index) || '/';
}

/** A property of the object by name (its value node), and where to report a problem. */
type NodeOf = (name: string) => Node | undefined;

/**
 * Parses a devcontainer.json (JSONC, trailing commas allowed) into the model, or returns every
 * problem with line and column: syntax errors, values of the wrong type, unknown properties,
 * runArgs flags Benchtop does not support. Four stages: read the object, check every field, resolve
 * what to launch (variables, paths, the workspace mount), then the metadata and warnings.
 */
export function parseDevcontainer(options: ParseOptions): ParseResult {
  const { file, text } = options;
  const problems: EnvironmentProblem[] = [];
  const at: Report = (node, message) => {
    const where = node ? lineColumnAt(text, node.offset) : null;
    problems.push({ file, line: where?.line ?? null, column: where?.column ?? null, message });
  };
  const root = readObject(file, text, problems, at);
  if (!root) return { ok: false, problems };
  const props = new Map<string, { key: Node; value: Node }>();
  for (const property of root.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value) continue;
    const name = String(key.value);
    if (!KNOWN_KEYS.has(name)) at(key, `"${name}" is not a devcontainer.json property${suggest(name)}`);
    props.set(name, { key, value });
  }
  const node: NodeOf = (name) => props.get(name)?.value;

  const fields = checkFields(new Checker(at), node, root, at);
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)) };
  const launch = resolveLaunch(fields, options, node, at);
  if (!launch) return { ok: false, problems };
  const { metadata, warnings } = metadataAndWarnings(fields, text, node);
  const { name, appPort, forwardPorts, gpu, lifecycle, initializeCommand, overrideCommand, containerUser, remoteUser, init, privileged, capAdd, securityOpt, features, containerEnv, remoteEnv, runArgs, apps } = fields;
  const { source, containerWorkspaceFolder, workspaceMount, mounts, context, sub } = launch;
  const config: DevcontainerConfig = {
    file,
    name,
    source,
    workspaceFolder: containerWorkspaceFolder,
    workspaceMount,
    containerEnv: Object.fromEntries(Object.entries(containerEnv).map(([k, v]) => [k, sub(v ?? '')])),
    remoteEnv: Object.fromEntries(Object.entries(remoteEnv).map(([k, v]) => [k, v === null ? null : sub(v)])),
    mounts,
    runArgs: substituteDeep(runArgs.options, context),
    appPort,
    forwardPorts,
    gpu,
    lifecycle: substituteDeep(lifecycle, context),
    initializeCommand,
    overrideCommand,
    containerUser,
    remoteUser,
    init,
    privileged,
    capAdd,
    securityOpt,
    features,
    metadata,
    apps,
    warnings,
  };
  return { ok: true, config };
}

/** The JSON object of the file, or null with the syntax problems (or "not an object") reported. */
function readObject(file: string, text: string, problems: EnvironmentProblem[], at: Report): Node | null {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const error of errors) {
    const where = lineColumnAt(text, error.offset);
    problems.push({ file, ...where, message: `JSON syntax error: ${describeSyntaxError(printParseErrorCode(error.error))}` });
  }
  if (problems.length > 0) return null;
  if (!root || root.type !== 'object') {
    at(root, 'a devcontainer.json holds one JSON object ({ … })');
    return null;
  }
  return root;
}

/** Every field checked for its type and shape (problems reported through `check`/`at`), as written. */
function checkFields(check: Checker, node: NodeOf, root: Node, at: Report) {
  const name = check.string(node('name'), 'name');
  const image = check.string(node('image'), 'image');
  const compose = node('dockerComposeFile');
  const composeFiles = compose === undefined ? null : compose.type === 'string' ? [String(compose.value)] : check.stringArray(compose, 'dockerComposeFile');
  const service = check.string(node('service'), 'service');
  const runServices = node('runServices') ? check.stringArray(node('runServices'), 'runServices') : null;
  const build = checkBuild(check, node('build'));
  const legacyDockerfile = check.string(node('dockerFile'), 'dockerFile');
  const legacyContext = check.string(node('context'), 'context');

  const variants = [node('image'), node('build') ?? node('dockerFile'), compose].filter(Boolean).length;
  if (variants === 0) at(root, 'say what to run: "image", "build": { "dockerfile": … }, or "dockerComposeFile" with "service"');
  if (variants > 1) at(root, 'use only one of "image", "build"/"dockerFile" and "dockerComposeFile"');
  if (composeFiles !== null && service === null) at(compose, '"dockerComposeFile" needs "service": the service to open');

  const workspaceFolderRaw = check.string(node('workspaceFolder'), 'workspaceFolder');
  const workspaceMountRaw = check.string(node('workspaceMount'), 'workspaceMount');
  const containerEnv = check.stringMap(node('containerEnv'), 'containerEnv') ?? {};
  const remoteEnv = check.stringMap(node('remoteEnv'), 'remoteEnv', true) ?? {};
  const containerUser = check.string(node('containerUser'), 'containerUser');
  const remoteUser = check.string(node('remoteUser'), 'remoteUser');
  const overrideCommand = check.boolean(node('overrideCommand'), 'overrideCommand');
  const init = check.boolean(node('init'), 'init');
  const privileged = check.boolean(node('privileged'), 'privileged');
  const capAdd = node('capAdd') ? (check.stringArray(node('capAdd'), 'capAdd') ?? []) : [];
  const securityOpt = node('securityOpt') ? (check.stringArray(node('securityOpt'), 'securityOpt') ?? []) : [];
  check.boolean(node('updateRemoteUserUID'), 'updateRemoteUserUID');
  check.oneOf(node('shutdownAction'), 'shutdownAction', ['none', 'stopContainer', 'stopCompose']);
  check.oneOf(node('userEnvProbe'), 'userEnvProbe', ['none', 'interactiveShell', 'loginShell', 'loginInteractiveShell']);
  check.oneOf(node('waitFor'), 'waitFor', ['initializeCommand', 'onCreateCommand', 'updateContentCommand', 'postCreateCommand', 'postStartCommand']);
  for (const free of ['customizations', 'portsAttributes', 'otherPortsAttributes', 'features', 'settings', 'secrets']) check.object(node(free), free);
  const apps = checkBenchtopApps(node('customizations'), at);
  check.stringArray(node('extensions'), 'extensions');
  check.stringArray(node('overrideFeatureInstallOrder'), 'overrideFeatureInstallOrder');

  const mountNodes = node('mounts');
  const mountsRaw: (MountSpec | null)[] = [];
  if (mountNodes && check.is(mountNodes, 'array', 'mounts', 'an array of mount strings or { type, source, target } objects')) {
    for (const entry of mountNodes.children ?? []) mountsRaw.push(checkMount(check, entry, at));
  }

  const runArgsNode = node('runArgs');
  const runArgsList = runArgsNode ? (check.stringArray(runArgsNode, 'runArgs') ?? []) : [];
  const runArgs = runArgsList.length > 0 ? parseRunArgs(runArgsList) : { options: emptyRunOptions(), problems: [] };
  for (const problem of runArgs.problems) at(runArgsNode?.children?.[problem.index], problem.message);

  const appPort = checkPorts(check, node('appPort'), 'appPort', at, (value) => parsePortMapping(value, '127.0.0.1', true));
  const forwardPorts = checkPorts(check, node('forwardPorts'), 'forwardPorts', at, parseForwardPort);
  const gpu = checkHostRequirements(check, node('hostRequirements'), at);

  const lifecycle: DevcontainerConfig['lifecycle'] = {};
  for (const key of LIFECYCLE_KEYS) {
    const command = checkLifecycle(check, node(key), key);
    if (command) lifecycle[key] = command;
  }
  const initializeCommand = checkLifecycle(check, node('initializeCommand'), 'initializeCommand');
  const features = node('features')?.type === 'object' ? (getNodeValue(node('features') as Node) as Record<string, unknown>) : {};

  return {
    name, image, compose, composeFiles, service, runServices, build, legacyDockerfile, legacyContext, workspaceFolderRaw, workspaceMountRaw,
    containerEnv, remoteEnv, containerUser, remoteUser, overrideCommand, init, privileged, capAdd, securityOpt, mountsRaw, runArgs, appPort,
    forwardPorts, gpu, lifecycle, initializeCommand, features, apps,
  };
}

type CheckedFields = ReturnType<typeof checkFields>;

/** What to launch: the image source, the workspace folder and mount, the mounts, with variables substituted and paths resolved; null after reporting a problem. */
function resolveLaunch(fields: CheckedFields, options: ParseOptions, node: NodeOf, at: Report) {
  const { file } = options;
  const { composeFiles, image, service, runServices, build, legacyDockerfile, legacyContext, workspaceFolderRaw, workspaceMountRaw, mountsRaw } = fields;
  const configDir = dirnameOf(file);
  const localWorkspaceFolder = options.localWorkspaceFolder ?? defaultWorkspaceFolder(file);
  const isCompose = composeFiles !== null;
  const context: VariableContext = {
    localWorkspaceFolder,
    containerWorkspaceFolder: '',
    devcontainerId: options.devcontainerId ?? '',
    localEnv: options.localEnv ?? {},
  };
  const containerWorkspaceFolder = substituteVariables(workspaceFolderRaw ?? (isCompose ? '/' : `/workspaces/${basenameOf(localWorkspaceFolder)}`), context);
  context.containerWorkspaceFolder = containerWorkspaceFolder;
  const sub = (value: string) => substituteVariables(value, context);

  let source: ImageSource;
  if (isCompose) {
    source = { kind: 'compose', files: composeFiles.map((f) => resolvePath(configDir, sub(f))), service: service as string, runServices };
  } else if (image !== null) {
    source = { kind: 'image', image: sub(image) };
  } else {
    const dockerfile = build?.dockerfile ?? legacyDockerfile;
    if (dockerfile === null) {
      at(node('build'), '"build" needs "dockerfile": the Dockerfile, relative to this devcontainer.json');
      return null;
    }
    const buildArgs = Object.fromEntries(Object.entries(build?.args ?? {}).map(([k, v]) => [k, sub(v)]));
    source = {
      kind: 'build',
      dockerfile: resolvePath(configDir, sub(dockerfile)),
      context: resolvePath(configDir, sub(build?.context ?? legacyContext ?? '.')),
      args: buildArgs,
      target: build?.target ?? null,
      cacheFrom: build?.cacheFrom ?? [],
    };
  }

  let workspaceMount: MountSpec | null = null;
  if (!isCompose) {
    if (workspaceMountRaw !== null && workspaceMountRaw.trim() !== '') {
      const parsed = parseMountString(sub(workspaceMountRaw));
      if (typeof parsed === 'string') {
        at(node('workspaceMount'), `workspaceMount: ${parsed}`);
        return null;
      }
      workspaceMount = parsed;
    } else if (workspaceMountRaw === null) {
      workspaceMount = { type: 'bind', source: localWorkspaceFolder, target: containerWorkspaceFolder, readOnly: false };
    }
  }
  const mounts = mountsRaw.filter((m): m is MountSpec => m !== null).map((m) => substituteDeep(m, context));
  for (const mount of mounts) if (mount.type === 'bind' && mount.source) mount.source = resolvePath(localWorkspaceFolder, mount.source);

  return { source, containerWorkspaceFolder, workspaceMount, mounts, context, sub };
}

/** What VS Code and the devcontainer CLI read back from the container's metadata label, and what Benchtop warns about. */
function metadataAndWarnings(fields: CheckedFields, text: string, node: NodeOf): { metadata: Record<string, unknown>; warnings: string[] } {
  const { legacyDockerfile, initializeCommand } = fields;
  const metadata: Record<string, unknown> = {};
  for (const key of METADATA_KEYS) {
    const value = node(key);
    if (value) metadata[key] = getNodeValue(value);
  }
  const warnings: string[] = [];
  const legacyVscode: Record<string, unknown> = {};
  if (node('settings')) legacyVscode.settings = getNodeValue(node('settings') as Node);
  if (node('extensions')) legacyVscode.extensions = getNodeValue(node('extensions') as Node);
  if (Object.keys(legacyVscode).length > 0) {
    const customizations = (metadata.customizations ?? {}) as Record<string, Record<string, unknown>>;
    metadata.customizations = { ...customizations, vscode: { ...legacyVscode, ...(customizations.vscode ?? {}) } };
    warnings.push('top-level "settings"/"extensions" are the old format: they were read as customizations.vscode.');
  }
  if (legacyDockerfile !== null) warnings.push('"dockerFile" is the old spelling of "build": { "dockerfile": … }; it still works.');
  if (initializeCommand) warnings.push('initializeCommand runs on the host: Benchtop does not run host commands from a devcontainer.json; run it yourself first.');
  if (node('secrets')) warnings.push('"secrets" are not handed to the container by Benchtop.');
  const placeholders = text.match(/\$\{templateOption:[^}]*\}/g);
  if (placeholders) warnings.push(`${[...new Set(placeholders)].join(', ')}: template options, left as written (fill them with devcontainer templates apply).`);

  return { metadata, warnings };
}

function describeSyntaxError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    ValueExpected: 'a value is expected here',
    ColonExpected: 'a colon (:) is expected after the property name',
    CommaExpected: 'a comma is expected between entries',
    CloseBraceExpected: 'a closing } is missing',
    CloseBracketExpected: 'a closing ] is missing',
    PropertyNameExpected: 'a property name in double quotes is expected',
    EndOfFileExpected: 'text after the end of the object',
    UnexpectedEndOfString: 'a string is not closed (missing ")',
    UnexpectedEndOfComment: 'a /* comment is not closed',
  };
  return words[code] ?? code;
}

function suggest(name: string): string {
  const lower = name.toLowerCase();
  const close = [...KNOWN_KEYS].find((key) => key.toLowerCase() === lower);
  return close ? ` (did you mean "${close}"?)` : '';
}

type Report = (node: Node | undefined, message: string) => void;

class Checker {
  readonly report: Report;
  constructor(report: Report) {
    this.report = report;
  }
  is(node: Node, type: Node['type'], name: string, expected: string): boolean {
    if (node.type === type) return true;
    this.report(node, `${name} must be ${expected}, not ${describeNode(node)}`);
    return false;
  }
  string(node: Node | undefined, name: string): string | null {
    if (!node) return null;
    return this.is(node, 'string', name, 'a string') ? String(node.value) : null;
  }
  boolean(node: Node | undefined, name: string): boolean | null {
    if (!node) return null;
    return this.is(node, 'boolean', name, 'true or false') ? Boolean(node.value) : null;
  }
  object(node: Node | undefined, name: string): boolean {
    return node ? this.is(node, 'object', name, 'an object') : false;
  }
  oneOf(node: Node | undefined, name: string, values: string[]): void {
    if (!node) return;
    if (node.type !== 'string' || !values.includes(String(node.value))) this.report(node, `${name} must be one of ${values.map((v) => `"${v}"`).join(', ')}`);
  }
  stringArray(node: Node | undefined, name: string): string[] | null {
    if (!node || !this.is(node, 'array', name, 'an array of strings')) return null;
    const result: string[] = [];
    for (const item of node.children ?? []) {
      if (item.type !== 'string') this.report(item, `${name} entries must be strings, not ${describeNode(item)}`);
      else result.push(String(item.value));
    }
    return result;
  }
  stringMap(node: Node | undefined, name: string, allowNull = false): Record<string, string | null> | null {
    if (!node || !this.is(node, 'object', name, 'an object of NAME: "value" strings')) return null;
    const result: Record<string, string | null> = {};
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (!key || !value) continue;
      if (value.type === 'string') result[String(key.value)] = String(value.value);
      else if (allowNull && value.type === 'null') result[String(key.value)] = null;
      else this.report(value, `${name}.${String(key.value)} must be a string, not ${describeNode(value)}`);
    }
    return result;
  }
  /** Checks an object whose properties are fixed; unknown ones are reported at their key. */
  fixedObject(node: Node, name: string, allowed: string[]): Map<string, Node> | null {
    if (!this.is(node, 'object', name, 'an object')) return null;
    const result = new Map<string, Node>();
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (!key || !value) continue;
      const prop = String(key.value);
      if (!allowed.includes(prop)) this.report(key, `"${prop}" is not a property of ${name} (allowed: ${allowed.join(', ')})`);
      else result.set(prop, value);
    }
    return result;
  }
}

function describeNode(node: Node): string {
  if (node.type === 'string') return `the string ${JSON.stringify(node.value)}`;
  if (node.type === 'number' || node.type === 'boolean') return `${node.type} ${String(node.value)}`;
  return node.type === 'array' ? 'an array' : node.type === 'object' ? 'an object' : 'null';
}

interface BuildSection {
  dockerfile: string | null;
  context: string | null;
  args: Record<string, string>;
  target: string | null;
  cacheFrom: string[];
}

function checkBuild(check: Checker, node: Node | undefined): BuildSection | null {
  if (!node) return null;
  const fields = check.fixedObject(node, 'build', ['dockerfile', 'dockerFile', 'context', 'args', 'target', 'cacheFrom', 'options']);
  if (!fields) return null;
  const cache = fields.get('cacheFrom');
  const args = check.stringMap(fields.get('args'), 'build.args') ?? {};
  return {
    dockerfile: check.string(fields.get('dockerfile') ?? fields.get('dockerFile'), 'build.dockerfile'),
    context: check.string(fields.get('context'), 'build.context'),
    args: args as Record<string, string>,
    target: check.string(fields.get('target'), 'build.target'),
    cacheFrom: cache === undefined ? [] : cache.type === 'string' ? [String(cache.value)] : (check.stringArray(cache, 'build.cacheFrom') ?? []),
  };
}

function checkMount(check: Checker, node: Node, at: Report): MountSpec | null {
  if (node.type === 'string') {
    const mount = parseMountString(String(node.value));
    if (typeof mount === 'string') {
      at(node, `mounts: ${mount}`);
      return null;
    }
    return mount;
  }
  const fields = check.fixedObject(node, 'a mounts entry', ['type', 'source', 'target']);
  if (!fields) return null;
  const type = fields.get('type');
  const target = check.string(fields.get('target'), 'mounts[].target');
  const source = check.string(fields.get('source'), 'mounts[].source');
  if (!type || type.type !== 'string' || (type.value !== 'bind' && type.value !== 'volume')) {
    at(type ?? node, 'mounts[].type must be "bind" or "volume"');
    return null;
  }
  if (!target) {
    at(node, 'a mounts entry needs "target": where it goes in the container');
    return null;
  }
  if (type.value === 'bind' && !source) {
    at(node, 'a bind mount needs "source": the host folder');
    return null;
  }
  return { type: type.value, source, target, readOnly: false };
}

function checkPorts(check: Checker, node: Node | undefined, name: string, at: Report, parse: (value: number | string) => PortSpec | string): PortSpec[] {
  if (!node) return [];
  const items = node.type === 'array' ? (node.children ?? []) : [node];
  const result: PortSpec[] = [];
  for (const item of items) {
    if (item.type !== 'number' && item.type !== 'string') {
      check.report(item, `${name} entries must be port numbers or strings, not ${describeNode(item)}`);
      continue;
    }
    const port = parse(item.value as number | string);
    if (typeof port === 'string') at(item, `${name}: ${port}`);
    else result.push(port);
  }
  return result;
}

function checkHostRequirements(check: Checker, node: Node | undefined, at: Report): GpuRequirement | null {
  if (!node) return null;
  const fields = check.fixedObject(node, 'hostRequirements', ['cpus', 'memory', 'storage', 'gpu']);
  if (!fields) return null;
  const cpus = fields.get('cpus');
  if (cpus && cpus.type !== 'number') at(cpus, `hostRequirements.cpus must be a number, not ${describeNode(cpus)}`);
  for (const size of ['memory', 'storage']) {
    const value = fields.get(size);
    if (value && (value.type !== 'string' || !/^\d+([tgmk]b)$/i.test(String(value.value)))) at(value, `hostRequirements.${size} must be a size such as "8gb"`);
  }
  const gpu = fields.get('gpu');
  if (!gpu) return null;
  if (gpu.type === 'boolean') return Boolean(gpu.value);
  if (gpu.type === 'string') {
    if (gpu.value === 'optional') return 'optional';
    at(gpu, 'hostRequirements.gpu must be true, false, "optional" or { "cores", "memory" }');
    return null;
  }
  const parts = check.fixedObject(gpu, 'hostRequirements.gpu', ['cores', 'memory']);
  if (!parts) return null;
  const result: { cores?: number; memory?: string } = {};
  const cores = parts.get('cores');
  if (cores) {
    if (cores.type === 'number') result.cores = Number(cores.value);
    else at(cores, 'hostRequirements.gpu.cores must be a number');
  }
  const memory = check.string(parts.get('memory'), 'hostRequirements.gpu.memory');
  if (memory !== null) result.memory = memory;
  return result;
}

function checkLifecycle(check: Checker, node: Node | undefined, name: string): LifecycleCommand | null {
  if (!node) return null;
  const step = (item: Node, label: string): LifecycleStep | null => {
    if (item.type === 'string') return { kind: 'shell', command: String(item.value) };
    const args = check.stringArray(item, label);
    if (!args) return null;
    if (args.length === 0) {
      check.report(item, `${label} is an empty command`);
      return null;
    }
    return { kind: 'exec', args };
  };
  if (node.type === 'object') {
    const commands: Record<string, LifecycleStep> = {};
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (!key || !value) continue;
      if (value.type !== 'string' && value.type !== 'array') {
        check.report(value, `${name}.${String(key.value)} must be a command string or an array of words`);
        continue;
      }
      const parsed = step(value, `${name}.${String(key.value)}`);
      if (parsed) commands[String(key.value)] = parsed;
    }
    return { kind: 'parallel', commands };
  }
  if (node.type !== 'string' && node.type !== 'array') {
    check.report(node, `${name} must be a command string, an array of words, or an object of named commands`);
    return null;
  }
  return step(node, name);
}
