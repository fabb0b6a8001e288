import { integerFlag } from '../args.ts';
import { CliError, type Command } from '../command.ts';

const tracking: Command = {
  name: 'tracking',
  group: 'Tracking',
  usage: 'benchtop tracking serve [--port N]',
  summary: "Serve MLflow's tracking API for this home (MLFLOW_TRACKING_URI)",
  description:
    "Serves MLflow's REST API (runs, metrics, artifacts, logged models, the model registry) for this home in the foreground and prints two lines, MLFLOW_TRACKING_URI=… and MLFLOW_TRACKING_TOKEN=…, for any MLflow 3 client. It listens on loopback and the Docker bridge's gateway, never on every address. Ctrl-C stops it.",
  flags: [{ name: 'port', value: 'N', description: "This home's tracking port, kept for next time (steps and environments keep the address they were given).", default: 'the home\'s port' }],
  subcommands: [{ name: 'serve', usage: 'benchtop tracking serve [--port N]', summary: 'Serve in the foreground and print the URI and a token', flags: ['port'] }],
  examples: [
    { command: 'benchtop tracking serve', description: 'Serve and print MLFLOW_TRACKING_URI and MLFLOW_TRACKING_TOKEN.' },
    { command: 'benchtop tracking serve --port 5600', description: "Serve on port 5600, now and from now on, for this home." },
  ],
  async run({ args, flags, io, core, signal }) {
    if (args[0] !== 'serve' || args.length > 1) throw new CliError('Usage: benchtop tracking serve [--port N]', 2);
    const port = integerFlag(flags, 'port');
    const app = await core();
    // --port changes this home's port for good: environments and steps keep the address they were given.
    if (port !== undefined) app.tracking.setPort(port);
    const endpoint = await app.tracking.ensureServing();
    io.stdout.write(`MLFLOW_TRACKING_URI=${endpoint.hostUri}\n`);
    io.stdout.write(`MLFLOW_TRACKING_TOKEN=${app.tracking.issueToken({ kind: 'all' }, 'tracking serve')}\n`);
    if (endpoint.servedBy === 'another-process') {
      // Nothing to hold: the other process answers on this home's port; the token works there too.
      io.stderr.write(`Another Benchtop process of this home already serves ${endpoint.hostUri}: use it (the token above is valid there).\n`);
      return 0;
    }
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    return 0;
  },
};

export default tracking;
