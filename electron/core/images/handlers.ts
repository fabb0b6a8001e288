import type { imageMethods } from '../../../shared/api/methods/images.ts';
import { withDefaultTag } from '../../../shared/domain/image-reference.ts';
import { shortImageId } from '../../../shared/domain/images.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { EngineConnection } from '../engine/connection.ts';
import { runAsTask, type TaskRegistry } from '../tasks/registry.ts';
import { buildImage } from './build.ts';
import { detectBuildx, type BuildxInfo } from './buildx.ts';
import { streamImageChanges } from './changes.ts';
import { ImageNudges } from './nudges.ts';
import { pullImage } from './pull.ts';
import type { ImageService } from './service.ts';
import { dockerCliEnv } from '../engine/cli-env.ts';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';

export interface ImageHandlerDeps {
  engine: EngineConnection;
  images: ImageService;
  tasks: TaskRegistry;
  /** Seam for tests: how the buildx plugin is detected (once per core). */
  detectBuildx?: () => Promise<BuildxInfo>;
}

export function createImageHandlers(deps: ImageHandlerDeps): HandlersFor<keyof typeof imageMethods> {
  const { engine, images, tasks } = deps;
  let buildx: Promise<BuildxInfo> | null = null;
  const nudges = new ImageNudges();
  const detect = () => (buildx ??= (deps.detectBuildx ?? (() => detectBuildx(dockerCliEnv(engine))))());

  return {
    'images.list': ({ all }) => images.list(all),
    'images.changes': (_input, sink, signal) => streamImageChanges(images, engine.events, sink, signal, nudges),
    'images.inspect': ({ id }) => images.inspect(id),

    'images.pull': async ({ image }, sink, signal) => {
      const reference = withDefaultTag(image);
      const docker = await engine.client();
      await runAsTask(
        tasks,
        { kind: 'pull', title: `Pull ${reference}`, signal },
        (task) => pullImage(docker, reference, (progress) => sink.next(progress), task.signal, { task }),
        (final) => `Pulled ${reference}${final.imageId ? ` (${shortImageId(final.imageId)})` : ''}`,
      );
    },

    'images.builders': async () => {
      const info = await detect();
      return { buildx: info.available, buildxVersion: info.version, preferred: info.available ? 'buildx' : 'classic' };
    },

    'images.build': async (input, sink, signal) => {
      const name = input.tags[0] ?? input.context.split(/[\\/]/).filter(Boolean).pop() ?? input.context;
      const task = tasks.start({ kind: 'build', title: `Build ${name}`, signal });
      try {
        const result = await buildImage({ client: () => engine.client(), buildx: detect, cliEnv: () => dockerCliEnv(engine), onImagesMade: (ids) => nudges.nudge(ids) }, input, (event) => sink.next(event), task.signal, task);
        if (result.type === 'failed') task.fail(result.failedStep ? `${result.failedStep}: ${result.message}` : result.message);
        else task.succeed(result.type === 'succeeded' && result.imageId ? `Built ${shortImageId(result.imageId)}` : 'Built');
      } catch (error) {
        if (task.signal.aborted) task.cancelled();
        else task.fail(error instanceof Error ? error.message : String(error));
        if (!signal.aborted) throw error;
      }
    },

    'images.remove': ({ id, force }) => images.remove(id, force),
    'images.tag': async ({ source, target }) => {
      await images.tag(source, target);
      return { source, target: withDefaultTag(target) };
    },
    'images.prunePreview': ({ mode, labels }) => images.prunePreview(mode, labels),
    'images.prune': ({ mode, labels }) =>
      runAsTask(
        tasks,
        { kind: 'prune', title: mode === 'dangling' ? 'Prune dangling images' : 'Prune unused images' },
        () => images.prune(mode, labels),
        (result) => `Removed ${result.deleted.length} layers and images, freed ${formatBytes(result.spaceReclaimed)}`,
      ),
  };
}
