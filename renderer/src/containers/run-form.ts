import type { CreateContainerInput, MountRequest, PortPublish, RestartPolicyName } from '../../../shared/domain/container-details.ts';
import type { GpuRequest } from '../../../shared/domain/gpu-request.ts';
import { splitShellWords } from '../../../shared/domain/shell-words.ts';

export interface MountRow {
  type: 'bind' | 'volume';
  source: string;
  target: string;
  readOnly: boolean;
}

/** What the Run dialog holds while a person types. */
export interface RunForm {
  image: string;
  name: string;
  command: string;
  env: string[];
  ports: string[];
  mounts: MountRow[];
  restartPolicy: RestartPolicyName;
  gpus: GpuRequest;
}

export const EMPTY_RUN_FORM: RunForm = { image: '', name: '', command: '', env: [], ports: [], mounts: [], restartPolicy: 'no', gpus: { mode: 'none' } };

/** A field the person must fix, and why. */
export interface FormProblem {
  field: string;
  message: string;
}

const PORT_SPEC = /^(?:(?:(\[[0-9a-fA-F:.]+\]|[0-9.]+):)?(\d{1,5})?:)?(\d{1,5})(?:\/(tcp|udp|sctp))?$/;

/** `8080:80`, `127.0.0.1:8080:80/udp`, `80` (any free host port), `:80`. */
export function parsePortSpec(text: string): PortPublish | { error: string } {
  const match = PORT_SPEC.exec(text.trim());
  if (!match) return { error: `"${text}" is not a port mapping: write HOST:CONTAINER[/tcp|udp], e.g. 8080:80.` };
  const [, ip, host, container, protocol] = match;
  const containerPort = Number(container);
  const hostPort = host ? Number(host) : undefined;
  for (const port of [containerPort, hostPort]) {
    if (port !== undefined && (port < 1 || port > 65535)) return { error: `Port ${port} in "${text}" is outside 1–65535.` };
  }
  return {
    containerPort,
    protocol: (protocol ?? 'tcp') as PortPublish['protocol'],
    ...(hostPort !== undefined ? { hostPort } : {}),
    ...(ip ? { hostIp: ip.replace(/^\[|\]$/g, '') } : {}),
  };
}

/** The form as `containers.create` input, or the first problem to fix. */
export function toCreateInput(form: RunForm): { input: CreateContainerInput } | { problem: FormProblem } {
  const image = form.image.trim();
  if (!image) return { problem: { field: 'Image', message: 'Choose an image to run.' } };
  const name = form.name.trim();
  if (name && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) {
    return { problem: { field: 'Name', message: 'A container name starts with a letter or digit and holds only letters, digits, _ . -' } };
  }
  const split = splitShellWords(form.command);
  if ('error' in split) return { problem: { field: 'Command', message: split.error } };

  const env: string[] = [];
  for (const [index, entry] of form.env.entries()) {
    if (!entry.trim()) continue;
    if (!/^[^=\s][^=]*=/.test(entry)) return { problem: { field: `Environment variable ${index + 1}`, message: `"${entry}" is not KEY=VALUE.` } };
    env.push(entry);
  }
  const ports: PortPublish[] = [];
  for (const [index, spec] of form.ports.entries()) {
    if (!spec.trim()) continue;
    const parsed = parsePortSpec(spec);
    if ('error' in parsed) return { problem: { field: `Port ${index + 1}`, message: parsed.error } };
    ports.push(parsed);
  }
  const mounts: MountRequest[] = [];
  for (const [index, row] of form.mounts.entries()) {
    if (!row.source.trim() && !row.target.trim()) continue;
    if (!row.source.trim()) return { problem: { field: `Mount ${index + 1} source`, message: row.type === 'bind' ? 'Give the host path to mount.' : 'Give the volume name.' } };
    if (row.type === 'bind' && !row.source.startsWith('/')) return { problem: { field: `Mount ${index + 1} source`, message: 'A bind mount needs an absolute host path (starting with /).' } };
    if (!row.target.startsWith('/')) return { problem: { field: `Mount ${index + 1} target`, message: 'The path inside the container must be absolute (start with /).' } };
    mounts.push({ type: row.type, source: row.source.trim(), target: row.target.trim(), readOnly: row.readOnly });
  }
  return {
    input: {
      image,
      ...(name ? { name } : {}),
      command: split.words,
      env,
      ports,
      mounts,
      restartPolicy: form.restartPolicy,
      gpus: form.gpus,
      labels: {},
      start: true,
    },
  };
}
