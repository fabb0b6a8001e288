import { integerFlag } from '../args.ts';
import { CliError, type Command } from '../command.ts';

const tracking: Command = {
  name: 'tracking',
  usage: 'benchtop tracking serve [--port N]',
  summary: "Serve MLflow's tracking API for this home in the foreground; prints MLFLOW_TRACKING_URI and MLFLOW_TRACKING_TOKEN. Ctrl-C stops.",
  valueFlags: ['port'],
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
