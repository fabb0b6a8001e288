/** The home's setting that keeps `benchtop web` on one port across restarts (so an SSH tunnel and bookmarks keep working). */
export const WEB_PORT_SETTING = 'web.port';

export interface PortSettings {
  getSetting(key: string): unknown;
  setSetting(key: string, value: unknown): void;
}

export interface PortChoice<T> {
  /** What `listen` returned. */
  server: T;
  port: number;
  /** Lines to print: the saved port was taken, so another one serves this time. */
  notes: string[];
}

/** The saved port when it is a usable TCP port, else null (a hand-edited or missing setting). */
export function savedWebPort(settings: PortSettings): number | null {
  const value = settings.getSetting(WEB_PORT_SETTING);
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 65536 ? value : null;
}

/**
 * Listens where the web host should: `--port N` wins (N > 0 is also saved for the next start; 0 is
 * any free port, this time only); else the saved port; else a free port, which is saved. When the
 * saved port is taken, it says so, naming the port and the setting, and listens on a free port this
 * time, keeping the setting (the next start tries it again). A `--port` that is taken is an error.
 */
export async function listenOnRememberedPort<T extends { port: number }>(options: {
  flagPort: number | undefined;
  settings: PortSettings;
  listen(port: number): Promise<T>;
}): Promise<PortChoice<T>> {
  const { flagPort, settings, listen } = options;
  if (flagPort !== undefined) {
    const server = await listen(flagPort);
    if (flagPort > 0) settings.setSetting(WEB_PORT_SETTING, server.port);
    return { server, port: server.port, notes: [] };
  }
  const saved = savedWebPort(settings);
  if (saved === null) {
    const server = await listen(0);
    settings.setSetting(WEB_PORT_SETTING, server.port);
    return { server, port: server.port, notes: [`Chose port ${server.port} and saved it (setting ${WEB_PORT_SETTING}): the next \`benchtop web\` uses it again.`] };
  }
  try {
    const server = await listen(saved);
    return { server, port: server.port, notes: [] };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' && (error as NodeJS.ErrnoException).code !== 'EACCES') throw error;
    const server = await listen(0);
    const why = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'is taken by another program' : 'may not be used by this user';
    return {
      server,
      port: server.port,
      notes: [
        `warning: port ${saved} (saved in this home's settings as ${WEB_PORT_SETTING}) ${why}; serving on port ${server.port} instead, this time only.`,
        `Free port ${saved} to get it back at the next start, or keep another one with \`benchtop web --port N\`.`,
      ],
    };
  }
}
