import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type Docker from 'dockerode';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { stringify } from 'yaml';
import { ApiError } from '../../../shared/api/errors.ts';
import { CONTAINER_MODEL_DIR, CONTAINER_SERVER_PATH, ENDPOINT_LABEL, ENDPOINT_MODEL_LABEL, ENDPOINT_VERSION_LABEL, scoringCommand } from './endpoint-container.ts';
import { SCORING_SERVER_NAME } from './scoring-server-file.ts';
import type { ServingConfig } from './serving-config.ts';

export const EXPORT_PORT = 8080;
/** A ConfigMap holds at most 1 MiB; leave room for the keys and the object around them. */
const CONFIGMAP_LIMIT = 900 * 1024;

export interface ExportSource {
  name: string;
  hostPort: number;
  config: ServingConfig;
  /** The image as the endpoint runs it (an image ID for pipeline versions). */
  image: string;
  modelDir: string;
  serverPath: string;
}

export interface EndpointExport {
  format: 'compose' | 'kubernetes';
  text: string;
  /** Files written (empty for a preview). */
  files: string[];
  notes: string[];
}

/** The image by digest: `repo@sha256:…` when it came from a registry, else its ID (this engine only). */
export async function pinnedImage(docker: Docker, image: string): Promise<{ reference: string; registry: boolean; tag: string | null }> {
  const info = await docker.getImage(image).inspect();
  const repoDigest = info.RepoDigests?.[0];
  if (repoDigest) return { reference: repoDigest, registry: true, tag: info.RepoTags?.[0] ?? null };
  return { reference: info.Id, registry: false, tag: info.RepoTags?.[0] ?? null };
}

const healthCommand = `import urllib.request; urllib.request.urlopen('http://127.0.0.1:${EXPORT_PORT}/ping', timeout=2)`;

/**
 * A compose project that runs the endpoint with `docker compose up`: the image pinned by digest,
 * the version's files and the scoring server copied beside compose.yaml and mounted read-only, the
 * port on 127.0.0.1, a health check and a restart policy.
 */
export function composeText(source: ExportSource, image: string): string {
  const service = {
    image,
    entrypoint: scoringCommand([]).map((part) => part.replaceAll('$', () => '$$')),
    command: ['--model', CONTAINER_MODEL_DIR, '--host', '0.0.0.0', '--port', String(EXPORT_PORT)],
    environment: { BENCHTOP_SERVING_CONFIG: JSON.stringify(source.config).replaceAll('$', () => '$$') },
    working_dir: CONTAINER_MODEL_DIR,
    volumes: [`./model:${CONTAINER_MODEL_DIR}:ro`, `./${SCORING_SERVER_NAME}:${CONTAINER_SERVER_PATH}:ro`],
    ports: [`127.0.0.1:${source.hostPort}:${EXPORT_PORT}`],
    restart: 'unless-stopped',
    healthcheck: { test: ['CMD-SHELL', `"$$(command -v python3 || command -v python)" -c "${healthCommand}"`], interval: '10s', timeout: '5s', retries: 3, start_period: '60s' },
    labels: { [ENDPOINT_LABEL]: source.name, [ENDPOINT_MODEL_LABEL]: source.config.model, [ENDPOINT_VERSION_LABEL]: String(source.config.version) },
  };
  return `# ${source.config.model} v${source.config.version} served by Benchtop's scoring server (MLflow's scoring protocol).\n# docker compose up -d, then POST http://127.0.0.1:${source.hostPort}/invocations\n${stringify({ services: { [source.name]: service } }, { lineWidth: 0 })}`;
}

interface ModelFile {
  path: string;
  bytes: Buffer;
}

async function readTree(dir: string): Promise<ModelFile[]> {
  const files: ModelFile[] = [];
  const walk = async (at: string): Promise<void> => {
    for (const name of (await readdir(at)).sort()) {
      const full = join(at, name);
      const info = await stat(full);
      if (info.isDirectory()) await walk(full);
      else files.push({ path: relative(dir, full).split('\\').join('/'), bytes: await readFile(full) });
    }
  };
  await walk(dir);
  return files;
}

/**
 * Kubernetes objects for the endpoint: a ConfigMap with the scoring server and the version's files
 * (models under 900 kB: a ConfigMap holds at most 1 MiB), a Deployment that mounts them read-only
 * and probes /ping, and a ClusterIP Service. Each is checked with kubernetes-models before anything
 * is written.
 */
export async function kubernetesObjects(source: ExportSource, image: { reference: string; registry: boolean }): Promise<{ objects: Record<string, unknown>[]; notes: string[] }> {
  const notes: string[] = [];
  const files = await readTree(source.modelDir);
  const server = await readFile(source.serverPath);
  const total = files.reduce((sum, f) => sum + f.bytes.length, server.length);
  if (total > CONFIGMAP_LIMIT) {
    throw new ApiError(
      'invalid_input',
      `${source.config.model} v${source.config.version} has ${Math.round(total / 1024)} kB of files; a ConfigMap holds at most 1 MiB. Export as compose, or bake the files into an image (COPY them to ${CONTAINER_MODEL_DIR}) and serve that.`,
    );
  }
  const labels = { app: source.name, [ENDPOINT_LABEL]: source.name };
  const binaryData: Record<string, string> = {};
  const items: { key: string; path: string }[] = [{ key: 'scoring-server', path: SCORING_SERVER_NAME }];
  files.forEach((file, i) => {
    binaryData[`f${i}`] = file.bytes.toString('base64');
    items.push({ key: `f${i}`, path: `model/${file.path}` });
  });
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${source.name}-model`, labels }, data: { 'scoring-server': server.toString('utf8') }, binaryData };
  if (!image.registry) {
    notes.push(`The image ${image.reference} was built on this machine and has no registry digest: push it to a registry the cluster can pull from and put its repo@sha256 digest in the Deployment.`);
  }
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: source.name, labels: { ...labels, [ENDPOINT_MODEL_LABEL]: source.config.model.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 63), [ENDPOINT_VERSION_LABEL]: String(source.config.version) } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: source.name } },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'scoring',
              image: image.reference,
              imagePullPolicy: image.registry ? 'IfNotPresent' : 'Never',
              command: scoringCommand([]).slice(0, 4),
              args: ['--model', CONTAINER_MODEL_DIR, '--host', '0.0.0.0', '--port', String(EXPORT_PORT)],
              env: [{ name: 'BENCHTOP_SERVING_CONFIG', value: JSON.stringify(source.config) }],
              workingDir: CONTAINER_MODEL_DIR,
              ports: [{ name: 'http', containerPort: EXPORT_PORT }],
              readinessProbe: { httpGet: { path: '/ping', port: 'http' }, periodSeconds: 5 },
              livenessProbe: { httpGet: { path: '/ping', port: 'http' }, periodSeconds: 10, initialDelaySeconds: 30 },
              volumeMounts: [{ name: 'model', mountPath: '/opt/benchtop', readOnly: true }],
            },
          ],
          volumes: [{ name: 'model', configMap: { name: `${source.name}-model`, items } }],
        },
      },
    },
  };
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: source.name, labels },
    spec: { type: 'ClusterIP', selector: { app: source.name }, ports: [{ name: 'http', port: EXPORT_PORT, targetPort: 'http' }] },
  };
  const problems: string[] = [];
  for (const [object, make] of [
    [configMap, (data: never) => new ConfigMap(data)],
    [deployment, (data: never) => new Deployment(data)],
    [service, (data: never) => new Service(data)],
  ] as const) {
    try {
      make(object as never).validate();
    } catch (error) {
      problems.push(`${object.kind}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (problems.length > 0) throw new ApiError('internal', `The Kubernetes manifests did not validate: ${problems.join('; ')}`, { problems });
  return { objects: [configMap, deployment, service], notes };
}

/** Builds the export and, with `dir`, writes it there (compose: compose.yaml, model/, the server; Kubernetes: kubernetes.yaml). */
export async function exportEndpoint(docker: Docker, source: ExportSource, format: 'compose' | 'kubernetes', dir?: string): Promise<EndpointExport> {
  if (dir !== undefined && !isAbsolute(dir)) throw new ApiError('invalid_input', `"${dir}" is not an absolute path: give the full path of the folder to write into.`);
  const image = await pinnedImage(docker, source.image);
  const notes: string[] = [];
  let text: string;
  if (format === 'compose') {
    text = composeText(source, image.reference);
    if (!image.registry) notes.push(`The image is pinned by its ID (${image.reference.slice(0, 19)}…): it runs on this engine; push it to a registry to run it elsewhere.`);
  } else {
    const built = await kubernetesObjects(source, image);
    notes.push(...built.notes);
    text = built.objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
  }
  const files: string[] = [];
  if (dir !== undefined) {
    await mkdir(dir, { recursive: true });
    if (format === 'compose') {
      const target = join(dir, 'compose.yaml');
      await writeFile(target, text);
      files.push(target);
      for (const file of await readTree(source.modelDir)) {
        const path = join(dir, 'model', ...file.path.split('/'));
        await mkdir(join(path, '..'), { recursive: true });
        await writeFile(path, file.bytes);
        files.push(path);
      }
      const server = join(dir, SCORING_SERVER_NAME);
      await copyFile(source.serverPath, server);
      files.push(server);
    } else {
      const target = join(dir, 'kubernetes.yaml');
      await writeFile(target, text);
      files.push(target);
    }
  }
  return { format, text, files, notes };
}
