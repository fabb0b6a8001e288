/** What `${…}` in a devcontainer.json can name (the Dev Container specification's variables). */
export interface VariableContext {
  localWorkspaceFolder: string;
  containerWorkspaceFolder: string;
  devcontainerId: string;
  /** The host's environment, for ${localEnv:NAME[:default]}. */
  localEnv: Readonly<Record<string, string | undefined>>;
}

const basename = (path: string) => path.replace(/\/+$/, '').split('/').pop() ?? '';

/**
 * Replaces the variables the host knows. `${containerEnv:…}` (only meaningful inside the container)
 * and `${templateOption:…}` (filled by `devcontainer templates apply`) are left as written.
 */
export function substituteVariables(text: string, context: VariableContext): string {
  return text.replace(/\$\{([^}]+)\}/g, (whole, body: string) => {
    const [kind, ...rest] = body.split(':');
    switch (kind) {
      case 'localWorkspaceFolder':
        return context.localWorkspaceFolder;
      case 'localWorkspaceFolderBasename':
        return basename(context.localWorkspaceFolder);
      case 'containerWorkspaceFolder':
        return context.containerWorkspaceFolder;
      case 'containerWorkspaceFolderBasename':
        return basename(context.containerWorkspaceFolder);
      case 'devcontainerId':
        return context.devcontainerId;
      case 'localEnv':
      case 'env': {
        const [name, ...fallback] = rest;
        return context.localEnv[name ?? ''] ?? fallback.join(':');
      }
      default:
        return whole;
    }
  });
}

/** Applies substituteVariables to every string inside a JSON value. */
export function substituteDeep<T>(value: T, context: VariableContext): T {
  if (typeof value === 'string') return substituteVariables(value, context) as T;
  if (Array.isArray(value)) return value.map((item) => substituteDeep(item, context)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteDeep(item, context)])) as T;
  }
  return value;
}
