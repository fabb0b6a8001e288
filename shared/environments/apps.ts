import type { Node } from 'jsonc-parser';
import { z } from 'zod';

/**
 * The apps an environment serves (JupyterLab, TensorBoard, a web demo), as declared in
 * `customizations.benchtop.apps` of a devcontainer.json or a template's devcontainer. Each app has a
 * port in the container, the path a person opens (with `{token}`), a health check, and optionally
 * how it is told its base path, so it can be served under `/apps/<environment>/<app>/` of one origin.
 */
export const appHealthSpecSchema = z.object({
  /** Path probed, relative to the app's base path, with `{token}` (e.g. `api/status?token={token}`). Healthy = a 2xx answer. */
  path: z.string(),
  /** Give up waiting for the first healthy answer after this long: the app shows unhealthy. */
  startupSeconds: z.number().int().min(1).max(3600),
  /** Between probes once healthy. */
  intervalSeconds: z.number().int().min(1).max(3600),
});

export const appSpecSchema = z.object({
  /** Lower-case id, the last part of `/apps/<environment>/<name>/`. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
  label: z.string(),
  port: z.number().int().min(1).max(65535),
  /** What "Open" opens, relative to the base path, with `{token}`; `''` for the base path itself. */
  path: z.string(),
  /** The container variable that receives a generated token (the same variable, the same token). */
  tokenEnv: z.string().nullable(),
  /**
   * How the app learns its base path: `value` (with `{basePath}`) is appended, space-separated, to
   * the container variable `env`. Without it the app is served at its root and the proxy strips
   * the prefix (fine for apps whose links are relative).
   */
  basePath: z.object({ env: z.string(), value: z.string() }).nullable(),
  health: appHealthSpecSchema,
});
export type AppSpec = z.infer<typeof appSpecSchema>;
export type AppHealthSpec = z.infer<typeof appHealthSpecSchema>;

/** What the container label keeps per app: the spec with the token filled in (tokens are never in lockfiles). */
export const launchedAppSchema = appSpecSchema.extend({ token: z.string().nullable() });
export type LaunchedApp = z.infer<typeof launchedAppSchema>;

export const APP_STATES = ['stopped', 'starting', 'healthy', 'unhealthy'] as const;
export type AppState = (typeof APP_STATES)[number];

export const appHealthSchema = z.object({
  name: z.string(),
  state: z.enum(APP_STATES),
  /** Why it is not healthy (the last probe's answer or error), or null. */
  reason: z.string().nullable(),
  /** The container's last log lines, when unhealthy. */
  logTail: z.array(z.string()),
  checkedAt: z.number().nullable(),
});
export type AppHealth = z.infer<typeof appHealthSchema>;

export const DEFAULT_STARTUP_SECONDS = 120;
export const DEFAULT_INTERVAL_SECONDS = 10;

/** `/apps/<environment id>/<app name>/`: where the web host serves the app, and the base path it is told. */
export function appBasePath(environmentId: string, appName: string): string {
  return `/apps/${environmentId}/${appName}/`;
}

/** The path (from the origin) a person opens: base path when the app knows it, else `/`, then its own path with the token. */
export function appOpenPath(app: LaunchedApp, environmentId: string): string {
  const base = app.basePath ? appBasePath(environmentId, app.name) : '/';
  return `${base}${fill(app.path, app.token).replace(/^\/+/, '')}`;
}

/** The health probe's path on the app's own port. */
export function appHealthPath(app: LaunchedApp, environmentId: string): string {
  const base = app.basePath ? appBasePath(environmentId, app.name) : '/';
  return `${base}${fill(app.health.path, app.token).replace(/^\/+/, '')}`;
}

function fill(text: string, token: string | null): string {
  return text.replaceAll('{token}', token === null ? '' : encodeURIComponent(token));
}

/** Container variables an environment's apps add: tokens and base paths (appended to what the config sets). */
export function appEnvironment(apps: readonly LaunchedApp[], environmentId: string, configEnv: Readonly<Record<string, string>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const app of apps) {
    if (app.tokenEnv && app.token !== null) env[app.tokenEnv] = app.token;
    if (app.basePath) {
      const value = app.basePath.value.replaceAll('{basePath}', appBasePath(environmentId, app.name));
      const before = env[app.basePath.env] ?? configEnv[app.basePath.env] ?? '';
      env[app.basePath.env] = before ? `${before} ${value}` : value;
    }
  }
  return env;
}

/** Reads the apps label of a container; [] when absent or unreadable. */
export function parseAppsLabel(label: string | undefined): LaunchedApp[] {
  if (!label) return [];
  try {
    const parsed = z.array(launchedAppSchema).safeParse(JSON.parse(label));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

type Report = (node: Node | undefined, message: string) => void;

const APP_KEYS = ['name', 'label', 'port', 'path', 'tokenEnv', 'basePath', 'health'];
const HEALTH_KEYS = ['path', 'startupSeconds', 'intervalSeconds'];

/**
 * Checks `customizations.benchtop.apps` (the JSONC node of `customizations`) and returns the apps,
 * reporting each problem at its node (the caller turns them into file:line:column).
 */
export function checkBenchtopApps(customizations: Node | undefined, report: Report): AppSpec[] {
  if (!customizations || customizations.type !== 'object') return [];
  const benchtop = propertyOf(customizations, 'benchtop');
  if (!benchtop) return [];
  if (benchtop.value.type !== 'object') {
    report(benchtop.value, 'customizations.benchtop must be an object, e.g. { "apps": [ … ] }');
    return [];
  }
  const apps: AppSpec[] = [];
  for (const property of benchtop.value.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value) continue;
    if (key.value !== 'apps') {
      report(key, `"${String(key.value)}" is not a property of customizations.benchtop (allowed: apps)`);
      continue;
    }
    if (value.type !== 'array') {
      report(value, 'customizations.benchtop.apps must be an array of { name, label, port, path, health } objects');
      continue;
    }
    const names = new Set<string>();
    (value.children ?? []).forEach((entry, index) => {
      const app = checkApp(entry, `customizations.benchtop.apps[${index}]`, report);
      if (!app) return;
      if (names.has(app.name)) {
        report(entry, `customizations.benchtop.apps[${index}]: the name "${app.name}" is used twice; each app needs its own`);
        return;
      }
      names.add(app.name);
      apps.push(app);
    });
  }
  return apps;
}

function checkApp(node: Node, where: string, report: Report): AppSpec | null {
  if (node.type !== 'object') {
    report(node, `${where} must be an object { name, label, port, path, health }`);
    return null;
  }
  const fields = fieldsOf(node, where, APP_KEYS, report);
  let ok = true;
  const need = <T>(value: T | null, prop: string, what: string): T | null => {
    if (value === null) {
      ok = false;
      const field = fields.get(prop);
      report(field ?? node, `${where}.${prop} ${field ? `must be ${what}` : `is missing: it must be ${what}`}`);
    }
    return value;
  };
  const name = need(stringOf(fields.get('name'), /^[a-z0-9][a-z0-9-]{0,39}$/), 'name', 'a lower-case id (a-z, 0-9, "-"; e.g. "jupyterlab")');
  const label = need(stringOf(fields.get('label')), 'label', 'a string, the button text (e.g. "JupyterLab")');
  const portNode = fields.get('port');
  const port = need(portNode?.type === 'number' && Number.isInteger(portNode.value) && portNode.value >= 1 && portNode.value <= 65535 ? (portNode.value as number) : null, 'port', 'the port in the container, 1-65535');
  const path = fields.has('path') ? need(stringOf(fields.get('path')), 'path', 'a string, relative to the base path (e.g. "lab?token={token}")') : '';
  const tokenEnvNode = fields.get('tokenEnv');
  const tokenEnv = tokenEnvNode ? need(stringOf(tokenEnvNode, /^[A-Za-z_][A-Za-z0-9_]*$/), 'tokenEnv', 'a variable name (e.g. "JUPYTER_TOKEN")') : null;
  let basePath: AppSpec['basePath'] = null;
  const baseNode = fields.get('basePath');
  if (baseNode) {
    const base = fieldsOf(baseNode, `${where}.basePath`, ['env', 'value'], report);
    const env = stringOf(base.get('env'), /^[A-Za-z_][A-Za-z0-9_]*$/);
    const value = stringOf(base.get('value'));
    if (baseNode.type !== 'object' || env === null || value === null || !value.includes('{basePath}')) {
      ok = false;
      report(baseNode, `${where}.basePath must be { "env": VARIABLE, "value": "…{basePath}…" } (e.g. { "env": "NOTEBOOK_ARGS", "value": "--ServerApp.base_url={basePath}" })`);
    } else basePath = { env, value };
  }
  let health: AppSpec['health'] = { path: '', startupSeconds: DEFAULT_STARTUP_SECONDS, intervalSeconds: DEFAULT_INTERVAL_SECONDS };
  const healthNode = fields.get('health');
  if (!healthNode) {
    ok = false;
    report(node, `${where}.health is missing: give { "path": … }, the path that answers 2xx once the app is ready`);
  } else {
    const checks = fieldsOf(healthNode, `${where}.health`, HEALTH_KEYS, report);
    const probe = stringOf(checks.get('path'));
    const seconds = (prop: string, fallback: number): number | null => {
      const value = checks.get(prop);
      if (!value) return fallback;
      return value.type === 'number' && Number.isInteger(value.value) && value.value >= 1 && value.value <= 3600 ? (value.value as number) : null;
    };
    const startup = seconds('startupSeconds', DEFAULT_STARTUP_SECONDS);
    const interval = seconds('intervalSeconds', DEFAULT_INTERVAL_SECONDS);
    if (healthNode.type !== 'object' || probe === null) {
      ok = false;
      report(checks.get('path') ?? healthNode, `${where}.health.path must be a string, relative to the base path (e.g. "api/status?token={token}")`);
    } else if (startup === null || interval === null) {
      ok = false;
      report(checks.get(startup === null ? 'startupSeconds' : 'intervalSeconds'), `${where}.health.${startup === null ? 'startupSeconds' : 'intervalSeconds'} must be a whole number of seconds, 1-3600`);
    } else health = { path: probe, startupSeconds: startup, intervalSeconds: interval };
  }
  if (!ok || name === null || label === null || port === null || path === null) return null;
  return { name, label, port, path, tokenEnv, basePath, health };
}

function propertyOf(node: Node, name: string): { key: Node; value: Node } | null {
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value && key.value === name) return { key, value };
  }
  return null;
}

function fieldsOf(node: Node, where: string, allowed: string[], report: Report): Map<string, Node> {
  const result = new Map<string, Node>();
  if (node.type !== 'object') return result;
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value) continue;
    const prop = String(key.value);
    if (!allowed.includes(prop)) report(key, `"${prop}" is not a property of ${where} (allowed: ${allowed.join(', ')})`);
    else result.set(prop, value);
  }
  return result;
}

function stringOf(node: Node | undefined, pattern?: RegExp): string | null {
  if (!node || node.type !== 'string') return null;
  const value = String(node.value);
  return pattern && !pattern.test(value) ? null : value;
}
