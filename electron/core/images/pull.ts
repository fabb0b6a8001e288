import type Docker from 'dockerode';
import { ApiError } from '../../../shared/api/errors.ts';
import { withDefaultTag } from '../../../shared/domain/image-reference.ts';
import type { PullProgress } from '../../../shared/domain/images.ts';
import type { TaskHandle } from '../tasks/registry.ts';
import { explainPullError } from './pull-errors.ts';
import { PullProgressTracker, type PullMessage } from './pull-progress.ts';
import { readJsonStream } from './json-stream.ts';

/** Progress reaches the caller at most this often (the engine sends a message per chunk). */
const EMIT_EVERY_MS = 100;

export interface PullOptions {
  now?: () => number;
  task?: TaskHandle;
}

/**
 * Pulls an image through POST /images/create, folding its progress into `onProgress`. Resolves
 * with the final progress (image id set); rejects with an explained ApiError; on abort the
 * request is dropped and it rejects with `cancelled`.
 */
export async function pullImage(docker: Docker, image: string, onProgress: (progress: PullProgress) => void, signal: AbortSignal, options: PullOptions = {}): Promise<PullProgress> {
  const reference = withDefaultTag(image);
  const tracker = new PullProgressTracker(reference, options.now);
  const task = options.task;
  let lastEmit = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const emit = () => {
    timer = null;
    lastEmit = Date.now();
    const progress = tracker.snapshot();
    task?.progress(progress.fraction);
    onProgress(progress);
  };
  const scheduleEmit = () => {
    if (timer !== null) return;
    const wait = Math.max(0, EMIT_EVERY_MS - (Date.now() - lastEmit));
    timer = setTimeout(emit, wait);
  };

  let stream: NodeJS.ReadableStream;
  try {
    stream = (await docker.pull(reference, { abortSignal: signal })) as NodeJS.ReadableStream;
  } catch (error) {
    if (signal.aborted) throw new ApiError('cancelled', `Cancelled the pull of ${reference}.`);
    const failure = error as { statusCode?: number; json?: { message?: string }; message?: string };
    throw explainPullError(reference, failure.json?.message ?? failure.message ?? String(error), failure.statusCode);
  }

  let streamError: string | null = null;
  try {
    await readJsonStream(
      stream,
      (value) => {
        const message = value as PullMessage;
        if (message.error || message.errorDetail?.message) {
          streamError = message.errorDetail?.message ?? message.error ?? 'unknown error';
          return;
        }
        if (tracker.apply(message)) {
          if (message.status && !message.id) task?.line(message.status);
          scheduleEmit();
        }
      },
      signal,
    );
  } catch (error) {
    if (timer !== null) clearTimeout(timer);
    throw explainPullError(reference, error instanceof Error ? error.message : String(error));
  }
  if (timer !== null) clearTimeout(timer);
  if (signal.aborted) throw new ApiError('cancelled', `Cancelled the pull of ${reference}. Layers already downloaded stay in the engine's cache.`);
  if (streamError !== null) throw explainPullError(reference, streamError);

  let imageId: string | null = null;
  try {
    imageId = ((await docker.getImage(reference).inspect()) as { Id: string }).Id;
  } catch {
    // The pull said it finished; an id we cannot read is not a failure of the pull.
  }
  tracker.finish(imageId);
  const final = tracker.snapshot();
  onProgress(final);
  return final;
}
