import type { composeMethods } from '../../../shared/api/methods/compose.ts';
import { isAbsolute } from 'node:path';
import { ApiError } from '../../../shared/api/errors.ts';
import type { HandlersFor } from '../api/dispatcher.ts';
import type { EngineConnection } from '../engine/connection.ts';
import { detectBuildx, type BuildxInfo } from '../images/buildx.ts';
import type { TaskRegistry } from '../tasks/registry.ts';
import { readComposeFile, saveComposeFile } from './compose-file-text.ts';
import type { ComposeStackService } from './service.ts';
import { buildStackImages, pullStackImages } from './stack-images.ts';
import { dockerCliEnv } from '../engine/cli-env.ts';

export function createComposeHandlers(compose: ComposeStackService, engine: EngineConnection, tasks: TaskRegistry): HandlersFor<keyof typeof composeMethods> {
  let buildx: Promise<BuildxInfo> | null = null;
  const buildDeps = { client: () => engine.client(), buildx: () => (buildx ??= detectBuildx(dockerCliEnv(engine))), cliEnv: () => dockerCliEnv(engine) };
  return {
    'compose.readFile': ({ file }) => readComposeFile(file),
    'compose.validateText': async ({ file, text, profiles }) => {
      if (!isAbsolute(file)) throw new ApiError('invalid_input', `The compose file path "${file}" is relative: give the absolute path.`);
      return { problems: compose.validateText(file, text, profiles) };
    },
    'compose.saveFile': ({ file, text, version }) => saveComposeFile(file, text, version),
    'compose.pull': async (source, sink, signal) => {
      await pullStackImages(await engine.client(), tasks, compose.load(source), (p) => sink.next(p), signal);
    },
    'compose.build': async (source, sink, signal) => {
      await buildStackImages(buildDeps, tasks, compose.load(source), (p) => sink.next(p), signal);
    },
    'compose.stacks': () => compose.stacks(),
    'compose.config': async ({ partial, ...source }) => (partial ? compose.loadPartial(source) : compose.load(source)),
    'compose.plan': (source) => compose.plan(source),
    'compose.up': ({ forceRecreate, removeOrphans, ...source }, sink, signal) => compose.up(source, (p) => sink.next(p), signal, { forceRecreate, removeOrphans }),
    'compose.down': ({ project, volumes, timeout }, sink, signal) => compose.down(project, volumes, (p) => sink.next(p), signal, { timeout }),
    'compose.stop': async ({ project }) => ({ project, containers: await compose.act(project, 'stop') }),
    'compose.start': async ({ project }) => ({ project, containers: await compose.act(project, 'start') }),
    'compose.restart': async ({ project }) => ({ project, containers: await compose.act(project, 'restart') }),
    'compose.restartService': async ({ project, service }) => ({ project, containers: await compose.act(project, 'restart', service) }),
    'compose.scale': ({ service, replicas, ...source }, sink, signal) => compose.scale(source, service, replicas, (p) => sink.next(p), signal),
  };
}
