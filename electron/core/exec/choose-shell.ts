import type Docker from 'dockerode';
import { runQuietly } from './start-exec.ts';

/** bash when the container has it (`test -x /bin/bash` succeeds), else sh. */
export async function chooseShell(docker: Docker, containerId: string): Promise<string[]> {
  const code = await runQuietly(docker, containerId, ['test', '-x', '/bin/bash']);
  return code === 0 ? ['/bin/bash'] : ['/bin/sh'];
}
