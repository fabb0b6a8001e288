import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import type { BuildEvent, Builder } from '../../../shared/domain/images.ts';
import type { TaskHandle } from '../tasks/registry.ts';
import { readBuildContext } from './build-context.ts';
import type { BuildOutputParser } from './build-log.ts';
import { BuildxOutputParser } from './buildx-parser.ts';
import { buildxArgs, runDockerCli, type BuildxInfo } from './buildx.ts';
import { ClassicBuildParser, type ClassicBuildMessage } from './classic-build-parser.ts';
import { readJsonStream } from './json-stream.ts';

export interface BuildRequest {
  context: string;
  dockerfile: string;
  tags: string[];
  buildArgs: Record<string, string>;
  target?: string;
  builder: 'auto' | Builder;
  labels: Record<string, string>;
}

export interface BuildDeps {
  client(): Promise<Docker>;
  buildx(): Promise<BuildxInfo>;
  /** Environment for the docker CLI (DOCKER_HOST pointing at the connected engine). */
  cliEnv(): NodeJS.ProcessEnv;
  /** Images the build made that the engine may not announce with an event. */
  onImagesMade?(ids: string[]): void;
}

/** Log lines reach the caller at most this often. */
const EMIT_EVERY_MS = 50;

/**
 * Builds an image from a folder: through `docker buildx build` when the plugin is there (or asked
 * for), else through the Engine API's classic builder with the context tarred (.dockerignore
 * applied). Streams 'started', 'log'… and ends with 'succeeded' or 'failed' (the failing step and
 * its output). Resolves in both cases; rejects only when it could not start, or with `cancelled`.
 */
export async function buildImage(deps: BuildDeps, request: BuildRequest, emit: (event: BuildEvent) => void, signal: AbortSignal, task?: TaskHandle): Promise<BuildEvent> {
  const context = await readBuildContext(request.context, request.dockerfile, signal);
  let builder: Builder;
  if (request.builder === 'auto') builder = (await deps.buildx()).available ? 'buildx' : 'classic';
  else builder = request.builder;
  if (builder === 'buildx' && !(await deps.buildx()).available) {
    throw new ApiError('invalid_input', 'The docker buildx plugin is not installed here: build with the classic builder, or install docker-buildx.');
  }
  emit({ type: 'started', builder, contextFiles: context.files.length, contextBytes: context.bytes });
  task?.line(`${builder === 'buildx' ? 'BuildKit (docker buildx)' : 'Classic builder (Engine API)'}: ${context.files.length} files`);

  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (parser: BuildOutputParser) => {
    timer = null;
    const update = parser.update();
    if (!update) return;
    emit({ type: 'log', ...update });
    task?.progress(update.fraction);
    if (update.step) task?.line(update.step);
  };
  const schedule = (parser: BuildOutputParser) => {
    if (timer === null) timer = setTimeout(() => flush(parser), EMIT_EVERY_MS);
  };

  let parser: BuildOutputParser;
  let leftBehind: string | null = null;
  if (builder === 'classic') {
    const classic = new ClassicBuildParser();
    parser = classic;
    const docker = await deps.client();
    let stream: NodeJS.ReadableStream;
    try {
      stream = (await docker.buildImage(
        { context: context.dir, src: context.files },
        {
          t: request.tags,
          dockerfile: context.dockerfile,
          buildargs: request.buildArgs,
          labels: request.labels,
          target: request.target,
          rm: true,
          forcerm: true,
          abortSignal: signal,
        } as unknown as Docker.ImageBuildOptions,
      )) as NodeJS.ReadableStream;
    } catch (error) {
      if (signal.aborted) throw new ApiError('cancelled', 'Cancelled the build.');
      const failure = error as { json?: { message?: string }; message?: string };
      const message = failure.json?.message ?? failure.message ?? String(error);
      const failed: BuildEvent = { type: 'failed', message: `The engine refused the build: ${message}`, failedStep: null, stepOutput: [] };
      emit(failed);
      return failed;
    }
    await readJsonStream(
      stream,
      (value) => {
        classic.push(value as ClassicBuildMessage);
        schedule(classic);
      },
      signal,
    );
    classic.end();
    leftBehind = classic.lastStepImage();
  } else {
    const buildx = new BuildxOutputParser();
    parser = buildx;
    const tmp = await mkdtemp(join(tmpdir(), 'benchtop-build-'));
    const iidFile = join(tmp, 'iid');
    try {
      const code = await runDockerCli({
        args: buildxArgs({ contextDir: context.dir, dockerfile: context.dockerfile, tags: request.tags, buildArgs: request.buildArgs, target: request.target, labels: request.labels, iidFile }),
        env: deps.cliEnv(),
        onOutput: (chunk) => {
          buildx.push(chunk);
          schedule(buildx);
        },
        signal,
      });
      buildx.end();
      if (code !== 0) buildx.failWith(`docker buildx exited with code ${code}.`);
      else buildx.setImageId((await readFile(iidFile, 'utf8').catch(() => '')).trim() || null);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
  if (timer !== null) clearTimeout(timer);
  flush(parser);
  if (signal.aborted) throw new ApiError('cancelled', 'Cancelled the build.');

  const failure = parser.failure();
  const made = failure ? leftBehind : parser.imageId();
  if (made) deps.onImagesMade?.([made]);
  const result: BuildEvent = failure ? { type: 'failed', ...failure } : { type: 'succeeded', imageId: parser.imageId(), tags: request.tags };
  emit(result);
  return result;
}
