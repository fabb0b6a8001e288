import { z } from 'zod';
import { containerStateSchema, type ContainerSummary } from '../domain/containers.ts';
import { appBasePath, appOpenPath, parseAppsLabel } from './apps.ts';
import { DEVCONTAINER_LABEL, ENV_LABEL } from './labels.ts';
import { basenameOf } from './paths.ts';

export const environmentPortSchema = z.object({
  containerPort: z.number().int(),
  hostPort: z.number().int(),
  url: z.string(),
});

export const environmentSummarySchema = z.object({
  /** Stable for one (project folder, config) pair. */
  id: z.string(),
  name: z.string(),
  kind: z.enum(['image', 'build', 'compose', 'template', 'external']),
  containerId: z.string(),
  containerName: z.string(),
  state: containerStateSchema,
  status: z.string(),
  image: z.string(),
  localFolder: z.string(),
  configFile: z.string(),
  templateId: z.string().nullable(),
  composeProject: z.string().nullable(),
  lockFile: z.string().nullable(),
  /** The app a template serves, with the URL (token included) once its port is published. */
  app: z.object({ label: z.string(), containerPort: z.number().int(), url: z.string().nullable() }).nullable(),
  /** The apps it declares (`customizations.benchtop.apps`): where each opens directly and through the web host. */
  apps: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      containerPort: z.number().int(),
      hostPort: z.number().int().nullable(),
      /** Direct URL on this machine with the token (desktop app), once the port is published. */
      url: z.string().nullable(),
      /** Same-origin path through the web host: `/apps/<environment>/<app>/…` with the token. */
      webPath: z.string(),
    }),
  ),
  ports: z.array(environmentPortSchema),
  /** false: VS Code or the devcontainer CLI made it; Benchtop shows it and can stop/start/remove it. */
  managed: z.boolean(),
  created: z.number(),
});
export type EnvironmentSummary = z.infer<typeof environmentSummarySchema>;

const appLabelSchema = z.object({ label: z.string(), port: z.number().int(), path: z.string() });

/** A stable id for (project folder, config file), as the reference CLI pairs its two labels. */
export function environmentId(localFolder: string, configFile: string): string {
  // FNV-1a, 64 bits as two halves: short, stable, no crypto needed in shared/.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const text = `${localFolder}\u0000${configFile}`;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`.slice(0, 12);
}

function kindOf(labels: Record<string, string>): EnvironmentSummary['kind'] {
  const kind = labels[ENV_LABEL.kind];
  return kind === 'image' || kind === 'build' || kind === 'compose' || kind === 'template' ? kind : 'external';
}

/** The published host port of a container port, once (IPv4 and IPv6 are reported apart). */
function publishedPorts(container: ContainerSummary): z.infer<typeof environmentPortSchema>[] {
  const seen = new Set<number>();
  const result: z.infer<typeof environmentPortSchema>[] = [];
  for (const port of container.ports) {
    if (port.type !== 'tcp' || port.publicPort === null || seen.has(port.privatePort)) continue;
    seen.add(port.privatePort);
    result.push({ containerPort: port.privatePort, hostPort: port.publicPort, url: `http://localhost:${port.publicPort}/` });
  }
  return result.sort((a, b) => a.containerPort - b.containerPort);
}

/**
 * The environments among the engine's containers: every container with the devcontainer labels
 * (ours, VS Code's, the devcontainer CLI's). Pure, so the page derives them from the live list.
 */
export function environmentsFromContainers(containers: readonly ContainerSummary[]): EnvironmentSummary[] {
  const result: EnvironmentSummary[] = [];
  for (const container of containers) {
    const labels = container.labels;
    const localFolder = labels[DEVCONTAINER_LABEL.localFolder];
    if (!localFolder) continue;
    const configFile = labels[DEVCONTAINER_LABEL.configFile] ?? '';
    const ports = publishedPorts(container);
    let app: EnvironmentSummary['app'] = null;
    const appLabel = labels[ENV_LABEL.app];
    if (appLabel) {
      try {
        const parsed = appLabelSchema.parse(JSON.parse(appLabel));
        const published = ports.find((p) => p.containerPort === parsed.port);
        app = { label: parsed.label, containerPort: parsed.port, url: published ? `http://localhost:${published.hostPort}${parsed.path}` : null };
      } catch {
        app = null;
      }
    }
    const id = labels[ENV_LABEL.id] ?? environmentId(localFolder, configFile);
    const apps = parseAppsLabel(labels[ENV_LABEL.apps]).map((launched) => {
      const hostPort = ports.find((p) => p.containerPort === launched.port)?.hostPort ?? null;
      const relative = appOpenPath(launched, id).slice(launched.basePath ? appBasePath(id, launched.name).length : 1);
      return {
        name: launched.name,
        label: launched.label,
        containerPort: launched.port,
        hostPort,
        url: hostPort === null ? null : `http://localhost:${hostPort}${appOpenPath(launched, id)}`,
        webPath: `${appBasePath(id, launched.name)}${relative}`,
      };
    });
    result.push({
      id,
      name: labels[ENV_LABEL.name] ?? basenameOf(localFolder),
      kind: kindOf(labels),
      containerId: container.id,
      containerName: container.name,
      state: container.state,
      status: container.status,
      image: container.image,
      localFolder,
      configFile,
      templateId: labels[ENV_LABEL.template] ?? null,
      composeProject: container.composeProject,
      lockFile: labels[ENV_LABEL.lockFile] ?? null,
      app,
      apps,
      ports,
      managed: labels[ENV_LABEL.id] !== undefined,
      created: container.created,
    });
  }
  return result.sort((a, b) => b.created - a.created || a.name.localeCompare(b.name));
}
