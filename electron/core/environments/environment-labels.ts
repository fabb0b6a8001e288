import type { LifecycleView } from './lifecycle.ts';

/** What a later Start needs to run postStartCommand again. */
export function onStartLabel(resolved: LifecycleView): string {
  return JSON.stringify({
    command: resolved.lifecycle.postStartCommand,
    user: resolved.remoteUser ?? resolved.containerUser,
    workdir: resolved.workspaceFolder,
    env: resolved.remoteEnv,
  });
}

/** `devcontainer.metadata`: the image's own snippets (an array or one object), then this config's. */
export function metadataLabel(fromImage: string | undefined, snippet: Record<string, unknown>): string {
  let base: unknown[] = [];
  if (fromImage) {
    try {
      const parsed = JSON.parse(fromImage) as unknown;
      base = Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      base = [];
    }
  }
  return JSON.stringify([...base, snippet]);
}

