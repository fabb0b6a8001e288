/** A devcontainer.json after parsing: paths absolute, legacy keys moved, every value checked. */
import type { AppSpec } from './apps.ts';

export type LifecycleStep = { kind: 'shell'; command: string } | { kind: 'exec'; args: string[] };

/** string → `/bin/sh -c`, array → exec without a shell, object → named commands run in parallel. */
export type LifecycleCommand = LifecycleStep | { kind: 'parallel'; commands: Record<string, LifecycleStep> };

export const LIFECYCLE_KEYS = ['onCreateCommand', 'updateContentCommand', 'postCreateCommand', 'postStartCommand', 'postAttachCommand'] as const;
export type LifecycleKey = (typeof LIFECYCLE_KEYS)[number];

export interface MountSpec {
  type: 'bind' | 'volume' | 'tmpfs';
  /** Host path (bind), volume name (volume; null when anonymous), null (tmpfs). */
  source: string | null;
  target: string;
  readOnly: boolean;
}

export interface PortSpec {
  hostIp: string | null;
  /** null: the engine picks one. */
  hostPort: number | null;
  containerPort: number;
  protocol: 'tcp' | 'udp';
}

export type GpuRequirement = boolean | 'optional' | { cores?: number; memory?: string };

export type ImageSource =
  | { kind: 'image'; image: string }
  | { kind: 'build'; dockerfile: string; context: string; args: Record<string, string>; target: string | null; cacheFrom: string[] }
  | { kind: 'compose'; files: string[]; service: string; runServices: string[] | null };

/** What `runArgs` asked for, flag by flag (only the flags Benchtop understands get here). */
export interface RunOptions {
  gpus: string | null;
  shmSizeBytes: number | null;
  env: Record<string, string>;
  publish: PortSpec[];
  name: string | null;
  capAdd: string[];
  capDrop: string[];
  securityOpt: string[];
  ipc: string | null;
  ulimits: { name: string; soft: number; hard: number }[];
  devices: string[];
  runtime: string | null;
  network: string | null;
  labels: Record<string, string>;
  privileged: boolean;
  init: boolean;
  user: string | null;
  hostname: string | null;
  addHosts: string[];
  memoryBytes: number | null;
  nanoCpus: number | null;
  mounts: MountSpec[];
  workdir: string | null;
  pid: string | null;
}

export interface DevcontainerConfig {
  /** Absolute path of the devcontainer.json (or template file). */
  file: string;
  name: string | null;
  source: ImageSource;
  workspaceFolder: string | null;
  workspaceMount: MountSpec | null;
  containerEnv: Record<string, string>;
  remoteEnv: Record<string, string | null>;
  mounts: MountSpec[];
  runArgs: RunOptions;
  appPort: PortSpec[];
  forwardPorts: PortSpec[];
  gpu: GpuRequirement | null;
  lifecycle: Partial<Record<LifecycleKey, LifecycleCommand>>;
  initializeCommand: LifecycleCommand | null;
  overrideCommand: boolean | null;
  containerUser: string | null;
  remoteUser: string | null;
  init: boolean | null;
  privileged: boolean | null;
  capAdd: string[];
  securityOpt: string[];
  /** Feature ids → options, as written (Benchtop refuses to launch these; see unsupportedReason). */
  features: Record<string, unknown>;
  /** The properties that go into the devcontainer.metadata label, as written (legacy keys moved). */
  metadata: Record<string, unknown>;
  /** `customizations.benchtop.apps`: the apps the environment serves, with their health checks. */
  apps: AppSpec[];
  warnings: string[];
}

export function emptyRunOptions(): RunOptions {
  return {
    gpus: null,
    shmSizeBytes: null,
    env: {},
    publish: [],
    name: null,
    capAdd: [],
    capDrop: [],
    securityOpt: [],
    ipc: null,
    ulimits: [],
    devices: [],
    runtime: null,
    network: null,
    labels: {},
    privileged: false,
    init: false,
    user: null,
    hostname: null,
    addHosts: [],
    memoryBytes: null,
    nanoCpus: null,
    mounts: [],
    workdir: null,
    pid: null,
  };
}

/** The reference tool for what Benchtop does not do itself. */
export const REFERENCE_CLI = '@devcontainers/cli';

/** Why Benchtop cannot launch a parsed config itself, or null when it can. */
export function unsupportedReason(config: DevcontainerConfig): string | null {
  const features = Object.keys(config.features);
  if (features.length > 0) {
    return `${config.file}: this config uses Features (${features.join(', ')}), which Benchtop does not install: start it with the reference CLI (npx ${REFERENCE_CLI} up --workspace-folder <folder>), or remove "features" and install the tools in a Dockerfile.`;
  }
  const placeholder = JSON.stringify(config.source).match(/\$\{templateOption:[^}]*\}/);
  if (placeholder) {
    return `${config.file}: ${placeholder[0]} is a Dev Container Template option, filled in by \`devcontainer templates apply\`: apply the template (npx ${REFERENCE_CLI} templates apply) or replace the placeholder with a value.`;
  }
  return null;
}
