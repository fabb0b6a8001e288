import { existsSync, statSync } from 'node:fs';
import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import { toApiError } from '../engine/errors.ts';
import { buildImage, type BuildDeps } from '../images/build.ts';
import { pullImage } from '../images/pull.ts';
import type { TaskRegistry } from '../tasks/registry.ts';
import type { Emit } from './lifecycle.ts';

/** What obtaining an environment's image needs: the task tray for pulls and builds, and the builder. */
export interface ImageDeps {
  tasks: TaskRegistry;
  build: BuildDeps;
}

export type ImageSpec =
  | { kind: 'reference'; reference: string }
  | { kind: 'build'; dockerfile: string; context: string; args: Record<string, string>; target: string | null; tag: string }
  /** Reproduce: exactly this image ID (pulled by repo digest when missing and one is known). */
  | { kind: 'pinned'; id: string; reference: string; repoDigests: string[] };

/**
 * The environment's image on this engine: a reference that is there or pulled, a Dockerfile built
 * (removed again by `cleanup` when the launch fails), or a locked image ID (pulled by digest).
 */
export async function obtainImage(deps: ImageDeps, docker: Docker, spec: ImageSpec, name: string, emit: Emit, signal: AbortSignal, cleanup: (() => Promise<void>)[]): Promise<{ reference: string }> {
  if (spec.kind === 'reference') {
    if (await imageExists(docker, spec.reference)) return { reference: spec.reference };
    emit({ type: 'step', message: `Pulling ${spec.reference}` });
    const task = deps.tasks.start({ kind: 'pull', title: `Pull ${spec.reference} (${name})`, signal });
    try {
      await pullImage(docker, spec.reference, () => {}, task.signal, { task });
      task.succeed(`Pulled ${spec.reference}`);
    } catch (error) {
      if (task.signal.aborted) task.cancelled();
      else task.fail(error instanceof Error ? error.message : String(error));
      throw new ApiError('not_found', `The image ${spec.reference} is not on this machine and could not be pulled (${error instanceof Error ? error.message : String(error)}): load or build it, or fix "image" in the config.`, { image: spec.reference });
    }
    return { reference: spec.reference };
  }
  if (spec.kind === 'pinned') {
    const local = await docker.getImage(spec.id).inspect().catch(() => null);
    if (local) return { reference: (local.RepoTags ?? []).find((tag) => tag !== '<none>:<none>') ?? spec.id };
    const byDigest = spec.repoDigests[0];
    if (!byDigest) {
      throw new ApiError('not_found', `The locked image ${spec.id} (${spec.reference}, built locally) is not on this engine and has no registry digest to pull: load it (docker save / docker load) or launch the config again to rebuild it.`, { image: spec.id });
    }
    emit({ type: 'step', message: `Pulling ${byDigest}` });
    try {
      await pullImage(docker, byDigest, () => {}, signal);
    } catch (error) {
      throw new ApiError('not_found', `The locked image ${byDigest} is not on this engine and could not be pulled (${error instanceof Error ? error.message : String(error)}): make the registry reachable or load the image, then reproduce again.`, { image: byDigest });
    }
    const pulled = await docker.getImage(byDigest).inspect();
    if (pulled.Id !== spec.id) throw new ApiError('conflict', `${byDigest} resolved to ${pulled.Id}, not the locked ${spec.id}: the lockfile and the registry disagree.`);
    return { reference: byDigest };
  }
  if (!existsSync(spec.dockerfile)) throw new ApiError('invalid_input', `The Dockerfile ${spec.dockerfile} named by "build.dockerfile" does not exist: fix the path (it is relative to the devcontainer.json).`, { dockerfile: spec.dockerfile });
  if (!existsSync(spec.context) || !statSync(spec.context).isDirectory()) throw new ApiError('invalid_input', `The build context ${spec.context} named by "build.context" is not a folder: fix the path (it is relative to the devcontainer.json).`, { context: spec.context });
  const existed = await imageExists(docker, spec.tag);
  emit({ type: 'step', message: `Building ${spec.tag} from ${spec.dockerfile}` });
  const task = deps.tasks.start({ kind: 'build', title: `Build ${spec.tag} (${name})`, signal });
  let result;
  try {
    result = await buildImage(
      deps.build,
      { context: spec.context, dockerfile: spec.dockerfile, tags: [spec.tag], buildArgs: spec.args, ...(spec.target ? { target: spec.target } : {}), builder: 'auto', labels: {} },
      (event) => {
        if (event.type === 'log') for (const line of event.lines) emit({ type: 'output', source: 'build', line: line.text });
      },
      task.signal,
      task,
    );
  } catch (error) {
    if (task.signal.aborted) task.cancelled();
    else task.fail(error instanceof Error ? error.message : String(error));
    throw error;
  }
  if (result.type === 'failed') {
    task.fail(result.message);
    throw new ApiError('invalid_input', `The image build failed${result.failedStep ? ` at ${result.failedStep}` : ''}: ${result.message} Fix the Dockerfile and start again.`, { output: result.stepOutput });
  }
  task.succeed(`Built ${spec.tag}`);
  if (!existed) cleanup.push(() => docker.getImage(spec.tag).remove({ force: true }).then(() => undefined));
  return { reference: spec.tag };
}

async function imageExists(docker: Docker, reference: string): Promise<boolean> {
  try {
    await docker.getImage(reference).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw toApiError(error, `look up the image ${reference}`);
  }
}

