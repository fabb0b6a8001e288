/**
 * The engine floor of the scheduler, compose and env benches: the least engine work their scenario
 * needs, sent through the Engine API by a client that does nothing else (no store, no logs, no
 * lookups, no events). Benchtop cannot beat it; a target below it is a target on the engine's own
 * container start, not on Benchtop. Each bench runs its floor in the same loop as the two sides it
 * compares and prints it beside its ratio.
 */
import Docker from 'dockerode';
import { LABEL } from '../../electron/core/compose/labels.ts';

const docker = new Docker();

/**
 * `chains` chains of `length` containers running `true`, one at a time per chain: each container
 * created while its upstream runs, then started, waited for (exit 0 required), removed beside the
 * next start. The scheduler bench's pipeline, with nothing but the engine calls.
 */
export async function chainsFloor(image: string, chains: number, length: number): Promise<number> {
  const started = performance.now();
  await Promise.all(Array.from({ length: chains }, () => oneChain(image, length)));
  return performance.now() - started;
}

async function oneChain(image: string, length: number): Promise<void> {
  const create = () => docker.createContainer({ Image: image, Cmd: ['true'], Labels: { 'benchtop.test': '1' } });
  let next = create();
  const removals: Promise<unknown>[] = [];
  for (let i = 0; i < length; i++) {
    const container = await next;
    await container.start();
    if (i < length - 1) next = create();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    if (StatusCode !== 0) throw new Error(`floor: a container exited ${StatusCode}`);
    removals.push(container.remove({ force: true }));
  }
  await Promise.all(removals);
}

/** A project network, then every service's container created at once, then all started at once: `up` with nothing else. */
export async function stackFloor(project: string, services: { name: string; image: string; cmd: string[]; labels: Record<string, string> }[]): Promise<number> {
  const started = performance.now();
  const network = `${project}_default`;
  await docker.createNetwork({ Name: network, Labels: { [LABEL.project]: project } });
  const containers = await Promise.all(
    services.map((service) =>
      docker.createContainer({
        name: `${project}-${service.name}-1`,
        Image: service.image,
        Cmd: service.cmd,
        Labels: { ...service.labels, [LABEL.project]: project },
        HostConfig: { NetworkMode: network },
      }),
    ),
  );
  await Promise.all(containers.map((container) => container.start()));
  return performance.now() - started;
}

/**
 * A container that idles, publishing `port` and bind-mounting `folder`, started, then `command`
 * run in it by exec and waited for (a devcontainer's postStartCommand), then `ready` (the port
 * answering). Returns the time and the container id (the caller removes it).
 */
export async function startAndExecFloor(options: { image: string; folder: string; target: string; port: number; containerPort: number; command: string; labels: Record<string, string> }, ready: () => Promise<boolean>): Promise<{ ms: number; id: string }> {
  const started = performance.now();
  const containerPort = `${options.containerPort}/tcp`;
  const container = await docker.createContainer({
    Image: options.image,
    Cmd: ['sh', '-c', "trap 'exit 0' TERM; while sleep 1 & wait $!; do :; done"],
    Labels: options.labels,
    ExposedPorts: { [containerPort]: {} },
    HostConfig: { PortBindings: { [containerPort]: [{ HostIp: '127.0.0.1', HostPort: String(options.port) }] }, Mounts: [{ Type: 'bind', Source: options.folder, Target: options.target }] },
  });
  await container.start();
  const exec = await container.exec({ Cmd: ['sh', '-c', options.command], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  await new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.resume();
  });
  const { ExitCode } = await exec.inspect();
  if (ExitCode !== 0) throw new Error(`floor: "${options.command}" exited ${ExitCode}`);
  if (!(await ready())) throw new Error(`floor: port ${options.port} never answered`);
  return { ms: performance.now() - started, id: container.id };
}

export async function removeContainer(id: string): Promise<void> {
  await docker.getContainer(id).remove({ force: true });
}
