import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors.ts';
import type { PullProgress } from '../../../shared/domain/images.ts';
import { explainPullError } from '../images/pull-errors.ts';
import { PullProgressTracker, type PullMessage } from '../images/pull-progress.ts';
import { isNoSuchImage, MissingImageError, MissingImagePuller, missingImageMessage, pullStatusLine } from './pull-missing-image.ts';

// No registry is reachable from the test host, so a pull that succeeds cannot happen for real: the
// retry-after-pull logic runs here against a plain-object stand-in of the engine (inspect + pull),
// and the status lines are pure logic over a recorded pull stream (images/fixtures). The failing
// pull against the real engine is pull-missing-image.int.test.ts.

/** What dockerode rejects with for an image the engine does not hold (GET /images/X/json). */
const noSuchImage = (image: string) => Object.assign(new Error(`(HTTP code 404) no such image - No such image: ${image}`), { statusCode: 404, json: { message: `No such image: ${image}` } });

function engineStandIn(options: { registry?: Record<string, string>; failWith?: unknown; hold?: boolean } = {}) {
  const local = new Map<string, string>();
  const calls: string[] = [];
  let release: () => void = () => undefined;
  const engine = {
    calls,
    local,
    release: () => release(),
    async inspect(image: string) {
      calls.push(`inspect ${image}`);
      const id = local.get(image);
      if (!id) throw noSuchImage(image);
      return { Id: id };
    },
    async pull(image: string, onProgress: (progress: PullProgress) => void, signal: AbortSignal) {
      calls.push(`pull ${image}`);
      if (options.hold) {
        await new Promise<void>((resolve, reject) => {
          release = resolve;
          signal.addEventListener('abort', () => reject(new ApiError('cancelled', `Cancelled the pull of ${image}.`)), { once: true });
        });
      }
      if (options.failWith) throw options.failWith;
      const id = options.registry?.[image];
      if (!id) throw explainPullError(image, 'manifest unknown', 404);
      const progress: PullProgress = { image, layers: [], fraction: 1, etaSeconds: 0, bytesPerSecond: null, messages: [], done: true, imageId: id };
      onProgress(progress);
      local.set(image, id);
      return progress;
    },
  };
  return engine;
}

describe('MissingImagePuller (the executor asks through it: its image inspect, then a pull on "No such image")', () => {
  it('an image that is here costs exactly the one request the executor makes anyway', async () => {
    const engine = engineStandIn();
    engine.local.set('busybox:1.36', 'sha256:here');
    const puller = new MissingImagePuller(engine.pull);
    await expect(puller.orPull('busybox:1.36', () => engine.inspect('busybox:1.36'), () => undefined, { params: [] })).resolves.toEqual({ Id: 'sha256:here' });
    expect(engine.calls).toEqual(['inspect busybox:1.36']);
  });

  it('pulls a missing image once, then asks again once; its lines go to the step', async () => {
    const engine = engineStandIn({ registry: { 'busybox:1.36': 'sha256:pulled' } });
    const lines: string[] = [];
    const puller = new MissingImagePuller(engine.pull);
    await expect(puller.orPull('busybox:1.36', () => engine.inspect('busybox:1.36'), (line) => lines.push(line), { params: ['image'] })).resolves.toEqual({ Id: 'sha256:pulled' });
    expect(engine.calls).toEqual(['inspect busybox:1.36', 'pull busybox:1.36', 'inspect busybox:1.36']);
    expect(lines).toEqual(['image not on this machine: pulling busybox:1.36…', 'pulled busybox:1.36, starting']);
  });

  it('steps that need the same missing image share one pull', async () => {
    const engine = engineStandIn({ registry: { 'busybox:1.36': 'sha256:pulled' }, hold: true });
    const puller = new MissingImagePuller(engine.pull);
    const ask = () => engine.inspect('busybox:1.36');
    const both = Promise.all([puller.orPull('busybox:1.36', ask, () => undefined, { params: [] }), puller.orPull('busybox:1.36', ask, () => undefined, { params: [] })]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    engine.release();
    expect(await both).toEqual([{ Id: 'sha256:pulled' }, { Id: 'sha256:pulled' }]);
    expect(engine.calls.filter((c) => c.startsWith('pull'))).toEqual(['pull busybox:1.36']);
  });

  it('other engine errors are not a missing image: no pull', async () => {
    const engine = engineStandIn();
    const puller = new MissingImagePuller(engine.pull);
    const busy = Object.assign(new Error('(HTTP code 500) server error - something else'), { statusCode: 500 });
    await expect(puller.orPull('x:1', () => Promise.reject(busy), () => undefined, { params: [] })).rejects.toBe(busy);
    expect(engine.calls).toEqual([]);
  });

  it('a failed pull becomes the precise error; the next attempt (a retry of the step) pulls again', async () => {
    const engine = engineStandIn({ registry: {} });
    const puller = new MissingImagePuller(engine.pull);
    const ask = () => engine.inspect('benchtop-test/typo:1');
    const failure = await puller.orPull('benchtop-test/typo:1', ask, () => undefined, { params: ['image'] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MissingImageError);
    expect((failure as Error).message).toBe(
      'Image benchtop-test/typo:1 is not on this machine and pulling it failed: the registry docker.io has no such image or tag. Check the name and the tag (the engine said: manifest unknown). To run this step: run it with an image that is here (--param image=IMAGE, or the image field of the Run dialog), pull it where a registry answers (benchtop pull benchtop-test/typo:1), load it (docker load -i FILE, then docker tag it as benchtop-test/typo:1), or build it; then run again.',
    );
    await expect(puller.orPull('benchtop-test/typo:1', ask, () => undefined, { params: [] })).rejects.toBeInstanceOf(MissingImageError);
    expect(engine.calls.filter((c) => c.startsWith('pull'))).toHaveLength(2);
  });

  it('asks again only once: an image still missing after its pull gives the engine\'s answer', async () => {
    const puller = new MissingImagePuller(async () => undefined);
    await expect(puller.orPull('ghost:1', () => Promise.reject(noSuchImage('ghost:1')), () => undefined, { params: [] })).rejects.toMatchObject({ statusCode: 404 });
  });

  it('cancel() (the run is cancelled) stops the pull; the error is the pull\'s cancel, not a missing image', async () => {
    const engine = engineStandIn({ registry: { 'big:1': 'sha256:big' }, hold: true });
    const puller = new MissingImagePuller(engine.pull);
    const pending = puller.orPull('big:1', () => engine.inspect('big:1'), () => undefined, { params: [] });
    await new Promise((resolve) => setTimeout(resolve, 10));
    puller.cancel();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(engine.local.has('big:1')).toBe(false);
  });

  it('status lines reach the step at most once a second, and the last one always', async () => {
    let now = 0;
    const lines: string[] = [];
    const step = (fraction: number, done = false): PullProgress => ({
      image: 'busybox:1.36',
      layers: [{ id: 'a', state: done ? 'complete' : 'downloading', status: 'Downloading', current: fraction * 1000, total: 1000 }],
      fraction: done ? 1 : fraction,
      etaSeconds: null,
      bytesPerSecond: null,
      messages: [],
      done,
      imageId: done ? 'sha256:x' : null,
    });
    const puller = new MissingImagePuller(async (_image, onProgress) => {
      for (const [at, fraction] of [[0, 0.1], [300, 0.2], [1100, 0.5], [1500, 0.9]] as const) {
        now = at;
        onProgress(step(fraction));
      }
      now = 1600;
      onProgress(step(1, true));
    }, () => now);
    let pulled = false;
    await puller.orPull('busybox:1.36', async () => (pulled ? 'ok' : Promise.reject(noSuchImage('busybox:1.36'))), (line) => {
      lines.push(line);
      pulled = line.startsWith('pulled');
    }, { params: [] });
    expect(lines).toEqual([
      'image not on this machine: pulling busybox:1.36…',
      'pulling busybox:1.36: 10 % of 1.0 kB (0 of 1 layer)',
      'pulling busybox:1.36: 50 % of 1.0 kB (0 of 1 layer)',
      'pulled busybox:1.36, starting',
    ]);
  });
});

describe('pullStatusLine on a recorded pull (python:3.12-slim, images/fixtures)', () => {
  const recorded = readFileSync(new URL('../images/fixtures/pull-python-3.12-slim.jsonl', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { at: number; message: PullMessage });
  const lineAfter = (count: number) => {
    let now = 0;
    const tracker = new PullProgressTracker('python:3.12-slim', () => now);
    for (const { at, message } of recorded.slice(0, count)) {
      now = at;
      tracker.apply(message);
    }
    return pullStatusLine(tracker.snapshot());
  };

  it('says what is pulled before any layer moves, then the fraction, the layers, the rate and the time left; a layer already here is not counted', () => {
    expect(lineAfter(1)).toBe('image not on this machine: pulling python:3.12-slim…');
    expect(lineAfter(8)).toBe('pulling python:3.12-slim: 10 % (0 of 2 layers), 4.0 MB/s, about 2 s left');
    // Every layer's size known: the total shows.
    expect(lineAfter(12)).toBe('pulling python:3.12-slim: 32 % of 16.0 MB (0 of 2 layers), 4.4 MB/s, about 2 s left');
    // Downloads done, extracting: no rate any more.
    expect(lineAfter(recorded.length - 2)).toBe('pulling python:3.12-slim: 99 % of 16.0 MB (2 of 2 layers)');
  });

  it('a finished pull says so', () => {
    const tracker = new PullProgressTracker('python:3.12-slim');
    for (const { message } of recorded) tracker.apply(message);
    tracker.finish('sha256:abc');
    expect(pullStatusLine(tracker.snapshot())).toBe('pulled python:3.12-slim, starting');
  });
});

describe('the missing-image error', () => {
  it('isNoSuchImage: the engine\'s 404 "No such image" only (inspect and create say it alike)', () => {
    expect(isNoSuchImage(noSuchImage('x:1'))).toBe(true);
    expect(isNoSuchImage(Object.assign(new Error('No such image: x:1'), { statusCode: 404 }))).toBe(true);
    expect(isNoSuchImage(Object.assign(new Error('No such container: abc'), { statusCode: 404 }))).toBe(false);
    expect(isNoSuchImage(Object.assign(new Error('No such image: x:1'), { statusCode: 500 }))).toBe(false);
    expect(isNoSuchImage(null)).toBe(false);
  });

  it('names the registry\'s refusal and the ways out; the engine\'s text without dockerode\'s prefix', () => {
    const refused = explainPullError('localhost:1/nope:1', '(HTTP code 500) server error - Get "http://localhost:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused', 500);
    expect(missingImageMessage('localhost:1/nope:1', refused, { params: [] })).toBe(
      'Image localhost:1/nope:1 is not on this machine and pulling it failed: the registry localhost:1 is unreachable from the Docker engine. Check the network connection (or the engine\'s proxy settings) and try again (the engine said: Get "http://localhost:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused). To run this step: pull it where a registry answers (benchtop pull localhost:1/nope:1), load it (docker load -i FILE, then docker tag it as localhost:1/nope:1), or build it; then run again.',
    );
    const denied = explainPullError('acme/private:2', 'pull access denied for acme/private, repository does not exist or may require \'docker login\'');
    expect(missingImageMessage('acme/private:2', denied, { params: ['trainer_image'] })).toContain('refused access: the image does not exist or is private. Check the name, or sign in with "docker login docker.io"');
    expect(missingImageMessage('acme/private:2', denied, { params: ['trainer_image'] })).toContain('--param trainer_image=IMAGE');
  });
});
