import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { integerFlag } from '../args.ts';
import { CliError, type Command } from '../command.ts';
import { listenOnRememberedPort, WEB_PORT_SETTING } from '../../webhost/remembered-port.ts';
import { startWebHost } from '../../webhost/server.ts';
import { isWellFormedToken } from '../../webhost/token.ts';

/** BENCHTOP_RENDERER_DIR serves another build of the UI (parallel test runs build to their own folder). */
const RENDERER_DIR = process.env.BENCHTOP_RENDERER_DIR ?? fileURLToPath(new URL('../../../dist/renderer/', import.meta.url));

const web: Command = {
  name: 'web',
  group: 'Host',
  usage: 'benchtop web [--port N] [--host ADDRESS]',
  summary: 'Serve the app to a browser behind a one-time token URL',
  description: `Prints the URL with its token and serves until Ctrl-C. It keeps its port across restarts (the home's setting ${WEB_PORT_SETTING}, chosen at the first start); when that port is taken it says so and serves on a free one. Listening beyond loopback gives whoever has the token your Docker engine.`,
  flags: [
    { name: 'port', value: 'N', description: 'The port to listen on, saved for the next starts (0: any free one, this time only).', default: 'the saved port' },
    { name: 'host', value: 'ADDRESS', description: 'The address to listen on.', default: '127.0.0.1' },
  ],
  examples: [
    { command: 'benchtop web', description: 'Serve on the saved loopback port (a free one the first time) and print the URL.' },
    { command: 'benchtop web --port 8080', description: 'Serve on 127.0.0.1:8080, and from now on by default.' },
  ],
  async run({ flags, io, core, signal }) {
    const flagPort = integerFlag(flags, 'port');
    if (flagPort !== undefined && flagPort > 65535) throw new CliError(`--port ${flagPort} is not a TCP port (0–65535).`, 2);
    const host = typeof flags.host === 'string' ? flags.host : '127.0.0.1';
    if (!existsSync(RENDERER_DIR)) throw new CliError('The UI is not built: run `npm run build:renderer` (npm run web does it for you).');
    const app = await core();
    // The web host serves the tracking endpoint too (as the desktop app does); failing to is not fatal.
    await app.tracking.ensureServing().catch((error: unknown) => io.stderr.write(`warning: the MLflow tracking endpoint is not served: ${String(error)}\n`));
    // BENCHTOP_WEB_TOKEN keeps the token across restarts (a page left open reconnects to the restarted host; scripts).
    const token = process.env.BENCHTOP_WEB_TOKEN?.trim() || undefined;
    if (token && !isWellFormedToken(token)) throw new CliError('BENCHTOP_WEB_TOKEN must be at least 16 characters of A-Z, a-z, 0-9, "-" and "_".', 2);
    const { server, notes } = await listenOnRememberedPort({
      flagPort,
      settings: app.store,
      listen: (port) => startWebHost({ dispatcher: app.dispatcher, host, port, token, staticDir: RENDERER_DIR, log: app.log, apps: { resolveApp: app.resolveApp, isPublishedPort: app.isPublishedPort }, downloads: app.outputs }),
    }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliError(`Port ${flagPort} is taken by another program: free it, or choose another with --port N (0: any free port).`);
      throw error;
    });
    for (const note of notes) (note.startsWith('warning:') ? io.stderr : io.stdout).write(`${note}\n`);
    // A long-lived host: runs a killed host left are taken over, schedules tick.
    app.startBackgroundWork();
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
      io.stderr.write(`warning: listening on ${host}: anyone who can reach it and has the token controls your Docker engine.\n`);
    }
    io.stdout.write(`Benchtop is running. Open this URL in your browser:\n${server.url}\n`);
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    await server.close();
    return 0;
  },
};

export default web;
