import Dockerode from 'dockerode';

export const TEST_IMAGE = 'benchtop-test/busybox';

/** A client for the local engine and helpers that label (and later remove) every container they make. */
export function testEngine() {
  const docker = new Dockerode({ socketPath: process.env.BENCHTOP_TEST_DOCKER_SOCKET ?? '/var/run/docker.sock' });
  const created: Dockerode.Container[] = [];

  async function create(script: string, options: { tty?: boolean } = {}): Promise<Dockerode.Container> {
    const container = await docker.createContainer({
      Image: TEST_IMAGE,
      Cmd: ['sh', '-c', script],
      Tty: options.tty ?? false,
      Labels: { 'benchtop.test': '1' },
    });
    created.push(container);
    return container;
  }

  return {
    docker,
    create,
    /** Creates, starts and waits for a container running `script`. */
    async runToEnd(script: string, options: { tty?: boolean } = {}): Promise<Dockerode.Container> {
      const container = await create(script, options);
      await container.start();
      await container.wait();
      return container;
    },
    async removeAll(): Promise<void> {
      await Promise.all(created.splice(0).map((c) => c.remove({ force: true }).catch(() => {})));
    },
  };
}
