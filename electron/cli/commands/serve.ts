import { parseEndpointReference, type Endpoint } from '../../../shared/serving/endpoint.ts';
import { integerFlag } from '../args.ts';
import { CliError, type Command } from '../command.ts';

const serve: Command = {
  name: 'serve',
  group: 'Endpoints',
  usage: 'benchtop serve NAME[@ALIAS|:VERSION] [--port P] [--name N] [--gpus G] [--image IMAGE] [--sample-rate R]',
  summary: "Serve a model version with MLflow's scoring protocol",
  description:
    "Serves the version in the image that trained it (no rebuild, no network), behind http://127.0.0.1:PORT. NAME@ALIAS follows the alias: when it moves, the new version takes over without a failed request. Stays in the foreground and prints the URL once the endpoint is healthy; Ctrl-C stops and removes it.",
  flags: [
    { name: 'port', value: 'P', description: 'The local port of the endpoint.', default: 'a free one' },
    { name: 'name', value: 'N', description: 'The endpoint name.', default: 'the model name' },
    { name: 'gpus', value: 'G', description: 'GPUs for the scoring container: all, a count, or IDs (a,b).', default: 'none' },
    { name: 'image', value: 'IMAGE', description: 'The image to serve in, for versions with no recorded image (imported or registered by hand).', complete: 'image' },
    { name: 'sample-rate', value: 'R', description: 'The share of requests kept in the capture monitors read (0 to 1).', default: '1' },
  ],
  args: ['model'],
  examples: [
    { command: 'benchtop serve credit@champion', description: 'Serve the champion and follow the alias when it moves.' },
    { command: 'benchtop serve credit:3 --port 5001', description: 'Serve version 3 on port 5001.' },
    { command: 'curl -d \'{"dataframe_split": {"columns": ["x"], "data": [[1]]}}\' -H content-type:application/json localhost:5001/invocations', description: 'Ask it for a prediction.' },
  ],
  async run({ args, flags, io, core, signal }) {
    if (!args[0]) throw new CliError('Name a model: benchtop serve NAME[@ALIAS|:VERSION].', 2);
    const ref = parseEndpointReference(args[0]);
    const port = integerFlag(flags, 'port');
    const sampleRate = typeof flags['sample-rate'] === 'string' ? Number(flags['sample-rate']) : undefined;
    if (sampleRate !== undefined && !(sampleRate >= 0 && sampleRate <= 1)) throw new CliError('--sample-rate takes a number from 0 to 1.', 2);
    const c = await core();
    io.stdout.write(`Starting ${args[0]}…\n`);
    const envelope = await c.dispatcher.invoke('endpoints.serve', {
      model: ref.model,
      ...(ref.version !== undefined ? { version: ref.version } : {}),
      ...(ref.alias !== undefined ? { alias: ref.alias } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(typeof flags.name === 'string' ? { name: flags.name } : {}),
      ...(typeof flags.gpus === 'string' ? { gpus: flags.gpus } : {}),
      ...(typeof flags.image === 'string' ? { image: flags.image } : {}),
      ...(sampleRate !== undefined ? { sampleRate } : {}),
    });
    if (!envelope.ok) {
      // The whole message: a server that never became healthy ends with its last log lines.
      io.stderr.write(`benchtop: ${envelope.error.message}\n`);
      return envelope.error.code === 'invalid_input' ? 2 : 1;
    }
    const endpoint = envelope.value as Endpoint;
    const following = endpoint.target.kind === 'alias' ? ` following @${endpoint.target.alias}` : '';
    io.stdout.write(`Serving ${endpoint.model} v${endpoint.version}${following} at ${endpoint.url} (endpoint ${endpoint.name})\n`);
    io.stdout.write(`  POST ${endpoint.url}/invocations   GET ${endpoint.url}/ping\n`);
    io.stdout.write('Ctrl-C stops it.\n');
    let version = endpoint.version;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const now = c.serving.endpoints.get(endpoint.name);
        if (!now || now.state === 'stopped') {
          clearInterval(timer);
          io.stdout.write('The endpoint was stopped elsewhere.\n');
          resolve();
        } else if (now.version !== version) {
          version = now.version;
          io.stdout.write(`${new Date().toISOString()} now serving v${version}\n`);
        }
      }, 1000);
      const stop = () => {
        clearInterval(timer);
        resolve();
      };
      if (signal.aborted) stop();
      signal.addEventListener('abort', stop, { once: true });
    });
    if (c.serving.endpoints.get(endpoint.name)) {
      await c.serving.stop(endpoint.name);
      io.stdout.write(`Stopped ${endpoint.name}.\n`);
    }
    return 0;
  },
};

export default serve;
