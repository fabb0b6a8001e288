import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { formatBytes } from '../../../shared/domain/format-bytes.ts';
import type { PullProgress } from '../../../shared/domain/images.ts';

/**
 * A step whose image is not on this machine: pull it (if-not-present, as `docker run` and
 * Airflow's DockerOperator do), then ask the engine once more. Nothing is asked of the engine
 * beforehand: the executor's own request (its image inspect) fails with the engine's 404 "No such
 * image", and only then does a pull start. The pull itself is `../images/pull.ts` (the one pull
 * of Benchtop: Images page, compose, environments): this file only decides when, shares one pull
 * between the steps that need the same image, words its progress as a step's status line, and
 * words its failure as what to do.
 */

/** Pulls `image`, reporting progress; rejects with the explained pull error (images/pull-errors.ts). */
export type ImagePull = (image: string, onProgress: (progress: PullProgress) => void, signal: AbortSignal) => Promise<unknown>;

/** What the failure message may suggest: the run params the step's `image` is made of (`--param NAME=…`). */
export interface PullHint {
  params: readonly string[];
}

/** The engine's answer for an image it does not hold: 404 "No such image: X" (inspect and create alike). */
export function isNoSuchImage(error: unknown): boolean {
  const failure = error as { statusCode?: number; message?: string; json?: { message?: string } | null } | null;
  if (!failure || failure.statusCode !== 404) return false;
  return /no such image/i.test(`${failure.json?.message ?? ''} ${failure.message ?? ''}`);
}

/** The step's status line for a pull's progress, e.g. "pulling busybox:1.36: 45 % of 2.2 MB (1 of 2 layers), 1.1 MB/s, about 2 s left". */
export function pullStatusLine(progress: PullProgress): string {
  if (progress.done) return `pulled ${progress.image}, starting`;
  const fetched = progress.layers.filter((layer) => layer.state !== 'exists');
  if (fetched.length === 0 || progress.fraction === null) return `image not on this machine: pulling ${progress.image}…`;
  const complete = fetched.filter((layer) => layer.state === 'complete').length;
  const known = fetched.every((layer) => layer.total !== null);
  const size = known ? ` of ${formatBytes(fetched.reduce((sum, layer) => sum + (layer.total ?? 0), 0))}` : '';
  // The rate and time left speak of downloads: none once every layer is fetched (extracting).
  const downloading = fetched.some((layer) => layer.state === 'downloading' || layer.state === 'waiting');
  const rate = downloading && progress.bytesPerSecond && progress.bytesPerSecond > 0 ? `, ${formatBytes(progress.bytesPerSecond)}/s` : '';
  const eta = downloading && progress.etaSeconds !== null && progress.etaSeconds > 0 ? `, about ${progress.etaSeconds} s left` : '';
  const layers = `${complete} of ${fetched.length} layer${fetched.length === 1 ? '' : 's'}`;
  return `pulling ${progress.image}: ${Math.floor(progress.fraction * 100)} %${size} (${layers})${rate}${eta}`;
}

/** The step's error when its image is missing and the pull failed: the image, the registry's answer, what to do. */
export function missingImageMessage(image: string, pullError: unknown, hint: PullHint): string {
  const said = pullError instanceof Error ? pullError.message : String(pullError);
  const why = said.replace(/^Could not pull \S+: /, '').replace(/([^.!?])$/, '$1.');
  const details = (pullError as { details?: { engineMessage?: string } } | null)?.details;
  // dockerode prefixes the engine's text with "(HTTP code 500) server error - ".
  const engineSaid = details?.engineMessage?.replace(/^\(HTTP code \d+\)[^-]*- /, '');
  const engine = engineSaid && !why.includes(engineSaid) ? ` (the engine said: ${engineSaid})` : '';
  const param = hint.params[0];
  const choices = [
    param ? `run it with an image that is here (--param ${param}=IMAGE, or the ${param} field of the Run dialog)` : null,
    `pull it where a registry answers (benchtop pull ${image})`,
    `load it (docker load -i FILE, then docker tag it as ${image})`,
    'or build it',
  ].filter(Boolean);
  return `Image ${image} is not on this machine and pulling it failed: ${why.replace(/\.$/, '')}${engine}. To run this step: ${choices.join(', ')}; then run again.`;
}

/** The failure of a missing image's pull, worded by missingImageMessage. */
export class MissingImageError extends Error {
  readonly image: string;
  constructor(image: string, cause: unknown, hint: PullHint) {
    super(missingImageMessage(image, cause, hint), { cause });
    this.name = 'MissingImageError';
    this.image = image;
  }
}

/**
 * The attempt's log when the pull failed (no container ever wrote it): the pull's status lines, then
 * the error, so that the step's Logs tab (and `benchtop logs`) tell the same story as its status.
 * Best effort: a log that cannot be written changes nothing of the step's outcome.
 */
export async function writePullFailureLog(logPath: string, lines: readonly string[], error: MissingImageError): Promise<void> {
  try {
    await mkdir(dirname(logPath), { recursive: true });
    await writeFile(logPath, [...lines, error.message, ''].join('\n'));
  } catch {
    // The step's message and the attempt's reason still say it.
  }
}

/** A status line reaches the step at most this often (each one is a store write and an event). */
const LINE_EVERY_MS = 1_000;

/**
 * Pulls missing images for one run. `orPull(image, ask)` runs `ask`; when the engine answers "No
 * such image", it pulls the image (one pull per image at a time, shared by every caller) and runs
 * `ask` once more. `cancel()` (the run's cancel) stops the pulls under way.
 */
export class MissingImagePuller {
  readonly #pull: ImagePull;
  readonly #now: () => number;
  readonly #controller = new AbortController();
  readonly #pulls = new Map<string, Promise<void>>();

  constructor(pull: ImagePull, now: () => number = Date.now) {
    this.#pull = pull;
    this.#now = now;
  }

  /** `onLine`: the pull's status lines (throttled; the last one always comes), for the step that asked. */
  async orPull<T>(image: string, ask: () => Promise<T>, onLine: (line: string) => void, hint: PullHint): Promise<T> {
    try {
      return await ask();
    } catch (error) {
      if (!isNoSuchImage(error)) throw error;
    }
    await this.#pullOnce(image, onLine, hint);
    return ask();
  }

  cancel(): void {
    this.#controller.abort();
  }

  #pullOnce(image: string, onLine: (line: string) => void, hint: PullHint): Promise<void> {
    let pending = this.#pulls.get(image);
    if (pending) return pending;
    let last = -Infinity;
    let lastLine = '';
    const report = (progress: PullProgress) => {
      const line = pullStatusLine(progress);
      const at = this.#now();
      if (line === lastLine || (!progress.done && at - last < LINE_EVERY_MS)) return;
      last = at;
      lastLine = line;
      onLine(line);
    };
    onLine(`image not on this machine: pulling ${image}…`);
    pending = this.#pull(image, report, this.#controller.signal).then(
      () => undefined,
      (error: unknown) => {
        if (this.#controller.signal.aborted) throw error;
        throw new MissingImageError(image, error, hint);
      },
    );
    this.#pulls.set(image, pending);
    // A failed pull may be tried again (a retry of the step); a finished one is not needed again.
    pending.then(
      () => this.#pulls.delete(image),
      () => this.#pulls.delete(image),
    );
    return pending;
  }
}
