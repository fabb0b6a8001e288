import { resolve } from 'node:path';
import { integerFlag } from '../args.ts';
import { call } from '../call.ts';
import { CliError, type Command } from '../command.ts';
import { formatTable } from '../format.ts';

const ms = (value: number | null) => (value === null ? '-' : `${value.toFixed(1)}ms`);

const endpoints: Command = {
  name: 'endpoints',
  group: 'Endpoints',
  usage: 'benchtop endpoints [ls|stop|rm|logs|export] …',
  summary: 'Model endpoints: list, stop, remove, logs, export',
  flags: [
    { name: 'json', description: 'Print JSON.' },
    { name: 'tail', value: 'N', description: 'logs: how many of the last lines.', default: '200' },
    { name: 'format', value: 'FORMAT', description: 'export: compose or kubernetes.', complete: ['compose', 'kubernetes'] },
    { name: 'out', value: 'DIR', description: 'export: write the files into this folder instead of printing them.', complete: 'dir' },
  ],
  subcommands: [
    { name: 'ls', aliases: ['list'], usage: 'benchtop endpoints ls [--json]', summary: 'State, model and alias, version, URL, p50/p95 latency, requests per minute, errors', flags: ['json'] },
    { name: 'stop', usage: 'benchtop endpoints stop NAME', summary: 'Stop it (its containers are removed)', flags: [], args: ['endpoint'] },
    { name: 'rm', aliases: ['remove'], usage: 'benchtop endpoints rm NAME', summary: 'Stop it and forget it and its capture', flags: [], args: ['endpoint'] },
    { name: 'logs', usage: 'benchtop endpoints logs NAME [--tail N]', summary: "The scoring server's output", flags: ['tail'], args: ['endpoint'] },
    { name: 'export', usage: 'benchtop endpoints export NAME --format compose|kubernetes [--out DIR]', summary: 'A compose project or Kubernetes manifests, image pinned by digest', flags: ['format', 'out'], args: ['endpoint'] },
  ],
  examples: [
    { command: 'benchtop endpoints ls', description: 'Every endpoint of this home with its latency and traffic.' },
    { command: 'benchtop endpoints export credit --format compose --out deploy/', description: 'A compose.yaml that docker compose up runs.' },
  ],
  json: 'ls: Endpoint objects (name, model, target, version, image, port, url, state, message, stats {p50Ms, p95Ms, requestsPerMinute, requests, errors}); see electron/cli/README.md.',
  async run({ args, flags, io, core }) {
    const [sub = 'ls', name] = args;
    const c = await core();
    const need = (usage: string): string => {
      if (!name) throw new CliError(`Name an endpoint: benchtop endpoints ${usage}.`, 2);
      return name;
    };
    switch (sub) {
      case 'ls':
      case 'list': {
        const list = await call(c, 'endpoints.list', {});
        if (flags.json) {
          io.stdout.write(JSON.stringify(list, null, 2) + '\n');
          return 0;
        }
        if (list.length === 0) {
          io.stdout.write('No endpoints. Start one: benchtop serve MODEL[@ALIAS|:VERSION]\n');
          return 0;
        }
        const rows = list.map((e) => [
          e.name,
          e.state,
          `${e.model}${e.target.kind === 'alias' ? `@${e.target.alias}` : ''}`,
          e.version === null ? '-' : `v${e.version}`,
          e.url,
          ms(e.stats.p50Ms),
          ms(e.stats.p95Ms),
          String(e.stats.requestsPerMinute),
          String(e.stats.errors),
        ]);
        io.stdout.write(formatTable(['NAME', 'STATE', 'MODEL', 'VERSION', 'URL', 'P50', 'P95', 'REQ/MIN', 'ERRORS'], rows) + '\n');
        return 0;
      }
      case 'stop': {
        const endpoint = await call(c, 'endpoints.stop', { name: need('stop NAME') });
        io.stdout.write(`Stopped ${endpoint.name}.\n`);
        return 0;
      }
      case 'rm':
      case 'remove': {
        await call(c, 'endpoints.remove', { name: need('rm NAME') });
        io.stdout.write(`Removed ${name}.\n`);
        return 0;
      }
      case 'logs': {
        const { text } = await call(c, 'endpoints.logs', { name: need('logs NAME'), tail: integerFlag(flags, 'tail') ?? 200 });
        io.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
        return 0;
      }
      case 'export': {
        const format = flags.format;
        if (format !== 'compose' && format !== 'kubernetes') throw new CliError('--format takes compose or kubernetes.', 2);
        const out = typeof flags.out === 'string' ? resolve(flags.out) : undefined;
        const result = await call(c, 'endpoints.export', { name: need('export NAME --format compose|kubernetes'), format, ...(out ? { dir: out } : {}) });
        if (out) io.stdout.write(`Wrote ${result.files.length} files into ${out}\n`);
        else io.stdout.write(result.text);
        for (const note of result.notes) io.stderr.write(`note: ${note}\n`);
        return 0;
      }
      default:
        throw new CliError(`Unknown endpoints command "${sub}": ls, stop, rm, logs or export.`, 2);
    }
  },
};

export default endpoints;
