import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import type { ComposeProject } from '../../../shared/domain/compose-model.ts';
import type { StackImageProgress } from '../../../shared/domain/compose-images.ts';
import { withDefaultTag } from '../../../shared/domain/image-reference.ts';
import type { BuildDeps } from '../images/build.ts';
import { buildImage } from '../images/build.ts';
import { pullImage } from '../images/pull.ts';
import { runAsTask, type TaskRegistry } from '../tasks/registry.ts';

/**
 * Pulls the images of the services that do not build theirs, each as a task in the tray (cancel
 * there or by closing the stream). All pulls run; the first failure is rethrown at the end.
 */
export async function pullStackImages(docker: Docker, tasks: TaskRegistry, project: ComposeProject, emit: (p: StackImageProgress) => void, signal: AbortSignal): Promise<number> {
  const images = [...new Set(Object.values(project.services).filter((s) => s.build === null).map((s) => withDefaultTag(s.image)))];
  if (images.length === 0) throw new ApiError('invalid_input', `Every service of ${project.name} builds its image: use Build instead of Pull.`);
  const results = await Promise.allSettled(
    images.map(async (image) => {
      emit({ image, service: null, status: 'pulling' });
      try {
        await runAsTask(tasks, { kind: 'pull', title: `Pull ${image} (${project.name})`, signal }, (task) => pullImage(docker, image, () => {}, task.signal, { task }));
        emit({ image, service: null, status: 'pulled' });
      } catch (error) {
        emit({ image, service: null, status: signal.aborted ? 'cancelled' : 'failed', detail: error instanceof Error ? error.message : String(error) });
        throw error;
      }
    }),
  );
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return images.length;
}

/**
 * Builds the image of every service with `build:` through the app's build path (buildx when
 * installed, else the Engine API), one at a time, each as a task in the tray. A failed build
 * stops the rest: the error names the service and the failing step.
 */
export async function buildStackImages(deps: BuildDeps, tasks: TaskRegistry, project: ComposeProject, emit: (p: StackImageProgress) => void, signal: AbortSignal): Promise<number> {
  const builders = Object.values(project.services).filter((s) => s.build !== null);
  if (builders.length === 0) throw new ApiError('invalid_input', `No service of ${project.name} has a build: section: use Pull to fetch its images.`);
  for (const service of builders) {
    const build = service.build as NonNullable<typeof service.build>;
    if (signal.aborted) throw new ApiError('cancelled', `Cancelled: build of ${project.name}.`);
    emit({ image: service.image, service: service.name, status: 'building' });
    const task = tasks.start({ kind: 'build', title: `Build ${service.image} (${project.name})`, signal });
    let failure: string | null = null;
    try {
      const result = await buildImage(
        deps,
        { context: build.context, dockerfile: build.dockerfile ?? 'Dockerfile', tags: [service.image], buildArgs: build.args, ...(build.target ? { target: build.target } : {}), builder: 'auto', labels: {} },
        () => {},
        task.signal,
        task,
      );
      if (result.type === 'failed') failure = result.failedStep ? `${result.failedStep}: ${result.message}` : result.message;
    } catch (error) {
      if (task.signal.aborted) {
        task.cancelled();
        emit({ image: service.image, service: service.name, status: 'cancelled' });
        throw new ApiError('cancelled', `Cancelled: build of ${service.name} in ${project.name}.`);
      }
      failure = error instanceof Error ? error.message : String(error);
    }
    if (failure !== null) {
      task.fail(failure);
      emit({ image: service.image, service: service.name, status: 'failed', detail: failure });
      throw new ApiError('invalid_input', `The build of ${service.name} failed (${failure}): fix its Dockerfile or build context and build again.`);
    }
    task.succeed(`Built ${service.image}`);
    emit({ image: service.image, service: service.name, status: 'built' });
  }
  return builders.length;
}
