import { emptyRunOptions, REFERENCE_CLI, type RunOptions } from './model.ts';
import { parseDockerBytes } from '../domain/docker-bytes.ts';
import { parseMountString, parsePortMapping } from './values.ts';

interface FlagSpec {
  /** Long name, and the short alias where docker has one. */
  names: string[];
  /** Whether the flag takes a value (the next word, or after `=`). */
  value: boolean;
  apply(options: RunOptions, value: string): string | null;
}

const splitPair = (value: string): [string, string] => {
  const eq = value.indexOf('=');
  return eq === -1 ? [value, ''] : [value.slice(0, eq), value.slice(eq + 1)];
};

const FLAGS: FlagSpec[] = [
  {
    names: ['--gpus'],
    value: true,
    apply: (o, v) => {
      if (!/^(all|\d+|(count=\w+|device=[\w,:-]+|"?device=[\w,:-]+"?|capabilities=\w+)(,.*)?)$/.test(v.trim())) return `--gpus ${v}: use all, a count, or device=ID[,ID…]`;
      o.gpus = v.trim();
      return null;
    },
  },
  {
    names: ['--shm-size'],
    value: true,
    apply: (o, v) => {
      const bytes = parseDockerBytes(v);
      if (bytes === null) return `--shm-size ${v} is not a size (e.g. 2g, 512m)`;
      o.shmSizeBytes = bytes;
      return null;
    },
  },
  {
    names: ['--env', '-e'],
    value: true,
    apply: (o, v) => {
      const [key, value] = splitPair(v);
      if (!key) return `-e ${v}: give NAME=value`;
      o.env[key] = v.includes('=') ? value : '';
      return null;
    },
  },
  {
    names: ['--publish', '-p'],
    value: true,
    apply: (o, v) => {
      const port = parsePortMapping(v, null, false);
      if (typeof port === 'string') return `-p ${v}: ${port}`;
      o.publish.push(port);
      return null;
    },
  },
  { names: ['--name'], value: true, apply: (o, v) => (/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(v) ? ((o.name = v), null) : `--name ${v} is not a valid container name`) },
  { names: ['--cap-add'], value: true, apply: (o, v) => (o.capAdd.push(v), null) },
  { names: ['--cap-drop'], value: true, apply: (o, v) => (o.capDrop.push(v), null) },
  { names: ['--security-opt'], value: true, apply: (o, v) => (o.securityOpt.push(v), null) },
  { names: ['--ipc'], value: true, apply: (o, v) => ((o.ipc = v), null) },
  { names: ['--pid'], value: true, apply: (o, v) => ((o.pid = v), null) },
  {
    names: ['--ulimit'],
    value: true,
    apply: (o, v) => {
      const match = v.match(/^([a-z]+)=(-?\d+)(?::(-?\d+))?$/);
      if (!match) return `--ulimit ${v}: give NAME=SOFT[:HARD]`;
      o.ulimits.push({ name: match[1], soft: Number(match[2]), hard: Number(match[3] ?? match[2]) });
      return null;
    },
  },
  { names: ['--device'], value: true, apply: (o, v) => (o.devices.push(v), null) },
  { names: ['--runtime'], value: true, apply: (o, v) => ((o.runtime = v), null) },
  { names: ['--network', '--net'], value: true, apply: (o, v) => ((o.network = v), null) },
  {
    names: ['--label', '-l'],
    value: true,
    apply: (o, v) => {
      const [key, value] = splitPair(v);
      o.labels[key] = value;
      return null;
    },
  },
  { names: ['--privileged'], value: false, apply: (o) => ((o.privileged = true), null) },
  { names: ['--init'], value: false, apply: (o) => ((o.init = true), null) },
  { names: ['--rm'], value: false, apply: () => null },
  { names: ['--user', '-u'], value: true, apply: (o, v) => ((o.user = v), null) },
  { names: ['--hostname', '-h'], value: true, apply: (o, v) => ((o.hostname = v), null) },
  { names: ['--add-host'], value: true, apply: (o, v) => (o.addHosts.push(v), null) },
  { names: ['--workdir', '-w'], value: true, apply: (o, v) => ((o.workdir = v), null) },
  {
    names: ['--memory', '-m'],
    value: true,
    apply: (o, v) => {
      const bytes = parseDockerBytes(v);
      if (bytes === null) return `--memory ${v} is not a size (e.g. 8g)`;
      o.memoryBytes = bytes;
      return null;
    },
  },
  {
    names: ['--cpus'],
    value: true,
    apply: (o, v) => {
      const cpus = Number(v);
      if (!Number.isFinite(cpus) || cpus <= 0) return `--cpus ${v} is not a positive number`;
      o.nanoCpus = Math.round(cpus * 1e9);
      return null;
    },
  },
  {
    names: ['--mount'],
    value: true,
    apply: (o, v) => {
      const mount = parseMountString(v);
      if (typeof mount === 'string') return `--mount: ${mount}`;
      o.mounts.push(mount);
      return null;
    },
  },
  {
    names: ['--volume', '-v'],
    value: true,
    apply: (o, v) => {
      const [source, target, mode] = v.split(':');
      if (!target) return `-v ${v}: give SOURCE:TARGET[:ro]`;
      o.mounts.push({ type: source.startsWith('/') || source.startsWith('.') ? 'bind' : 'volume', source, target, readOnly: (mode ?? '').split(',').includes('ro') });
      return null;
    },
  },
];

const SUPPORTED = FLAGS.map((f) => f.names[0]).join(', ');

export interface RunArgsProblem {
  /** Index of the runArgs entry the problem is about. */
  index: number;
  message: string;
}

/**
 * `runArgs` as `docker run` reads them: `--flag value`, `--flag=value`, `-e value`, `-eVALUE`.
 * Flags outside the supported list are refused by name (the container would not be what the
 * file asks for otherwise).
 */
export function parseRunArgs(args: readonly string[]): { options: RunOptions; problems: RunArgsProblem[] } {
  const options = emptyRunOptions();
  const problems: RunArgsProblem[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const at = i;
    if (!word.startsWith('-')) {
      problems.push({ index: i, message: `runArgs: "${word}" is not a flag (runArgs holds docker run flags only; the image comes from "image" or "build")` });
      continue;
    }
    let name = word;
    let inline: string | null = null;
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      if (eq !== -1) {
        name = word.slice(0, eq);
        inline = word.slice(eq + 1);
      }
    } else if (word.length > 2) {
      name = word.slice(0, 2);
      inline = word.slice(2).replace(/^=/, '');
    }
    const spec = FLAGS.find((f) => f.names.includes(name));
    if (!spec) {
      problems.push({ index: i, message: `runArgs: Benchtop does not support the docker run flag ${name} (it supports ${SUPPORTED}); remove it, or start this config with ${REFERENCE_CLI}` });
      continue;
    }
    let value = '';
    if (spec.value) {
      if (inline !== null) value = inline;
      else if (i + 1 < args.length) value = args[++i];
      else {
        problems.push({ index: i, message: `runArgs: ${name} needs a value` });
        continue;
      }
    } else if (inline !== null && inline !== 'true') {
      problems.push({ index: i, message: `runArgs: ${name} takes no value` });
      continue;
    }
    const problem = spec.apply(options, value);
    if (problem) problems.push({ index: at, message: `runArgs: ${problem}` });
  }
  return { options, problems };
}
