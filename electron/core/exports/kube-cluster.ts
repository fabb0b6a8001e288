import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ApiError } from '../../../shared/api/errors.ts';
import type { FollowEvent } from '../../../shared/api/methods/exports.ts';
import type { ArgoObject } from './argo-export.ts';

const GROUP = 'argoproj.io';
const VERSION = 'v1alpha1';
const FINAL_PHASES = new Set(['Succeeded', 'Failed', 'Error']);
const FINAL_NODE_PHASES = new Set(['Succeeded', 'Failed', 'Error', 'Skipped', 'Omitted']);

export interface KubeContextInfo {
  name: string;
  cluster: string;
  server: string | null;
  namespace: string | null;
  user: string;
}

/** KUBECONFIG (a list of files, as kubectl reads it), else ~/.kube/config; null when neither exists. */
export function kubeconfigFiles(env: NodeJS.ProcessEnv): string[] {
  if (env.KUBECONFIG) return env.KUBECONFIG.split(delimiter).filter((file) => file.length > 0);
  const file = join(env.HOME ?? homedir(), '.kube', 'config');
  return existsSync(file) ? [file] : [];
}

/** The user's kubeconfig; throws a not_found ApiError that says where it looked when there is none. */
export function loadKubeConfig(env: NodeJS.ProcessEnv): { config: KubeConfig; files: string[] } {
  const files = kubeconfigFiles(env);
  if (files.length === 0) throw new ApiError('not_found', 'No kubeconfig: set KUBECONFIG or create ~/.kube/config (e.g. with your cluster\'s `kubectl config` or its cloud CLI).');
  const config = new KubeConfig();
  try {
    config.loadFromFile(files[0]);
    for (const file of files.slice(1)) {
      const more = new KubeConfig();
      more.loadFromFile(file);
      config.mergeConfig(more);
    }
  } catch (error) {
    throw new ApiError('invalid_input', `Cannot read the kubeconfig ${files.join(delimiter)}: ${(error as Error).message}`);
  }
  return { config, files };
}

export function listContexts(config: KubeConfig): KubeContextInfo[] {
  return config.getContexts().map((context) => ({
    name: context.name,
    cluster: context.cluster,
    server: config.getCluster(context.cluster)?.server ?? null,
    namespace: context.namespace ?? null,
    user: context.user,
  }));
}

/** The kubeconfig switched to `context`; the namespace given, else the context's, else "default". */
export function useContext(config: KubeConfig, context: string, namespace: string | undefined): { config: KubeConfig; namespace: string } {
  const found = config.getContextObject(context);
  if (!found) {
    const known = config.getContexts().map((c) => c.name);
    throw new ApiError('not_found', `The kubeconfig has no context "${context}"${known.length ? `; it has ${known.join(', ')}` : ''}. List them with \`kubectl config get-contexts\`.`);
  }
  config.setCurrentContext(context);
  return { config, namespace: namespace ?? found.namespace ?? 'default' };
}

/** Creates the Workflow; resolves with the name and uid the API server gave it. */
export async function createWorkflow(config: KubeConfig, namespace: string, workflow: ArgoObject): Promise<{ name: string; uid: string | null }> {
  const api = config.makeApiClient(CustomObjectsApi);
  try {
    const created = (await api.createNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural: 'workflows', body: { ...workflow, metadata: { ...workflow.metadata, namespace } } })) as { metadata?: { name?: string; uid?: string } };
    if (!created.metadata?.name) throw new ApiError('internal', 'The cluster created the workflow but did not return its name.');
    return { name: created.metadata.name, uid: created.metadata.uid ?? null };
  } catch (error) {
    throw clusterError(error, `create a Workflow in namespace ${namespace}`);
  }
}

interface NodeStatus {
  id: string;
  name?: string;
  displayName?: string;
  type?: string;
  phase?: string;
  message?: string;
}
interface WorkflowStatus {
  phase?: string;
  message?: string;
  nodes?: Record<string, NodeStatus>;
}

export interface FollowOptions {
  /** Fetch each pod's log when its node ends. */
  logs: boolean;
  /** First poll interval; doubles while nothing changes, up to maxIntervalMs. */
  intervalMs?: number;
  maxIntervalMs?: number;
}

/**
 * Polls the Workflow with backoff (1 s doubling to 10 s while nothing changes, back to 1 s on a
 * change) and reports its phase, each node's phase change and, when a pod node ends, its log
 * (read through the core API). Resolves with the final phase, or null when the signal stopped it.
 */
export async function followWorkflow(config: KubeConfig, namespace: string, name: string, emit: (event: FollowEvent) => void, signal: AbortSignal, options: FollowOptions): Promise<string | null> {
  const custom = config.makeApiClient(CustomObjectsApi);
  const core = config.makeApiClient(CoreV1Api);
  const seen = new Map<string, string>();
  const logged = new Set<string>();
  let workflowPhase: string | null = null;
  const base = options.intervalMs ?? 1000;
  let interval = base;
  while (!signal.aborted) {
    let status: WorkflowStatus;
    try {
      const object = (await custom.getNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural: 'workflows', name })) as { status?: WorkflowStatus };
      status = object.status ?? {};
    } catch (error) {
      throw clusterError(error, `read Workflow ${name} in namespace ${namespace}`);
    }
    let changed = false;
    const at = new Date().toISOString();
    for (const node of Object.values(status.nodes ?? {})) {
      if (node.type !== 'Pod' || !node.phase || seen.get(node.id) === node.phase) continue;
      seen.set(node.id, node.phase);
      changed = true;
      emit({ type: 'node', node: node.id, displayName: node.displayName ?? node.name ?? node.id, phase: node.phase, message: node.message ?? null, at });
      if (options.logs && FINAL_NODE_PHASES.has(node.phase) && node.phase !== 'Skipped' && node.phase !== 'Omitted' && !logged.has(node.id)) {
        logged.add(node.id);
        const text = await podLog(core, namespace, name, node);
        if (text !== null) emit({ type: 'log', node: node.id, displayName: node.displayName ?? node.name ?? node.id, text });
      }
    }
    const phase = status.phase ?? 'Pending';
    if (phase !== workflowPhase) {
      workflowPhase = phase;
      changed = true;
      emit({ type: 'workflow', phase, message: status.message ?? null, at });
    }
    if (FINAL_PHASES.has(phase)) return phase;
    interval = changed ? base : Math.min(interval * 2, options.maxIntervalMs ?? 10_000);
    await sleep(interval, signal);
  }
  return null;
}

/** The pod of a node, found by the labels and annotations Argo's controller sets on it. */
async function podLog(core: CoreV1Api, namespace: string, workflow: string, node: NodeStatus): Promise<string | null> {
  try {
    const pods = await core.listNamespacedPod({ namespace, labelSelector: `workflows.argoproj.io/workflow=${workflow}` });
    const pod = pods.items.find((p) => p.metadata?.annotations?.['workflows.argoproj.io/node-id'] === node.id || p.metadata?.annotations?.['workflows.argoproj.io/node-name'] === node.name);
    if (!pod?.metadata?.name) return null;
    return await core.readNamespacedPodLog({ namespace, name: pod.metadata.name, container: 'main' });
  } catch {
    // A pod already garbage-collected (podGC) has no log left to read; the phase was reported.
    return null;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** A client-node failure as an ApiError that says what the cluster answered and what to check. */
function clusterError(error: unknown, what: string): ApiError {
  if (error instanceof ApiError) return error;
  const code = (error as { code?: number }).code;
  const body = (error as { body?: unknown }).body;
  const reason = typeof body === 'string' ? safeMessage(body) : body !== null && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : null;
  if (code === 401 || code === 403) return new ApiError('invalid_input', `The cluster refused to ${what} (HTTP ${code}${reason ? `: ${reason}` : ''}): check the context's credentials and RBAC.`);
  if (code === 404) return new ApiError('not_found', `Cannot ${what} (HTTP 404${reason ? `: ${reason}` : ''}): is Argo Workflows installed on this cluster (its CRDs) and does the namespace exist?`);
  if (typeof code === 'number') return new ApiError('invalid_input', `The cluster refused to ${what} (HTTP ${code}${reason ? `: ${reason}` : ''}).`);
  return new ApiError('internal', `Cannot reach the cluster to ${what}: ${(error as Error).message ?? String(error)}. Check the context's server address and your network.`);
}

function safeMessage(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : null;
  } catch {
    return body.slice(0, 200) || null;
  }
}
