import type { z } from 'zod';
import type { MethodSpec } from './method-spec.ts';
import { appMethods } from './methods/app.ts';
import { catalogMethods } from './methods/catalog.ts';
import { mlflowMethods } from './methods/mlflow.ts';
import { monitoringMethods } from './methods/monitoring.ts';
import { environmentMethods } from './methods/environments.ts';
import { endpointMethods } from './methods/endpoints.ts';
import { exportMethods } from './methods/exports.ts';
import { workspaceMethods } from './methods/workspaces.ts';
import { fileMethods } from './methods/files.ts';
import { composeMethods } from './methods/compose.ts';
import { containerDetailMethods } from './methods/container-details.ts';
import { containerMethods } from './methods/containers.ts';
import { engineMethods } from './methods/engine.ts';
import { gpuMethods } from './methods/gpu.ts';
import { imageMethods } from './methods/images.ts';
import { networkMethods } from './methods/networks.ts';
import { outputMethods } from './methods/outputs.ts';
import { pipelineMethods } from './methods/pipelines.ts';
import { systemMethods } from './methods/system.ts';
import { taskMethods } from './methods/tasks.ts';
import { volumeMethods } from './methods/volumes.ts';
import { trackingMethods } from './methods/tracking.ts';

export type { MethodKind, MethodSpec } from './method-spec.ts';

/**
 * Every method the UI, the CLI and the web host can call: one file per area in methods/. Inputs are
 * strict objects: unknown keys (and `__proto__`) are rejected. Types are inferred from here.
 */
export const contract = {
  ...composeMethods,
  ...appMethods,
  ...engineMethods,
  ...containerMethods,
  ...imageMethods,
  ...taskMethods,
  ...gpuMethods,
  ...containerDetailMethods,
  ...volumeMethods,
  ...networkMethods,
  ...systemMethods,
  ...pipelineMethods,
  ...outputMethods,
  ...workspaceMethods,
  ...fileMethods,
  ...catalogMethods,
  ...mlflowMethods,
  ...environmentMethods,
  ...exportMethods,
  ...monitoringMethods,
  ...trackingMethods,
  ...endpointMethods,
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type StreamMethod = { [K in MethodName]: Contract[K]['kind'] extends 'stream' ? K : never }[MethodName];
export type CallMethod = Exclude<MethodName, StreamMethod>;
/** What a caller passes (defaults optional). */
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (defaults applied). */
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
/** A call's result, or one message of a stream. */
export type OutputOf<M extends MethodName> = z.output<Contract[M]['output']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
