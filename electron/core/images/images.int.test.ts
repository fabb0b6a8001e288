import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildEvent, ImageChange, PullProgress } from '../../../shared/domain/images.ts';
import type { TaskChange } from '../../../shared/domain/tasks.ts';
import { createCore, type Core } from '../app.ts';

// Real engine at /var/run/docker.sock; nothing is pulled (no registry is reachable here).
const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const TEST_LABEL = { 'benchtop.test': '1', 'benchtop.test.run': RUN };
let core: Core;
const folders: string[] = [];
/** Image ids a build printed (" ---> id"): a failed classic build leaves its last good step behind, untagged. */
const stepImages = new Set<string>();

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'benchtop-build-test-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function invoke<T>(method: string, input: unknown): Promise<T> {
  const envelope = await core.dispatcher.invoke(method, input);
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error);
  return envelope.value as T;
}

/** Runs a stream to its end; resolves with every value and the error it ended with. */
function collect<T>(method: string, input: unknown, until?: (value: T) => boolean): Promise<{ values: T[]; error: { code: string; message: string; details?: unknown } | undefined }> {
  return new Promise((resolve) => {
    const values: T[] = [];
    const handle = core.dispatcher.open(method, input, {
      next: (value) => {
        values.push(value as T);
        if (until?.(value as T)) {
          handle.close();
          resolve({ values, error: undefined });
        }
      },
      end: (error) => resolve({ values, error: error as never }),
    });
  });
}

async function build(context: string, tags: string[], extra: Record<string, unknown> = {}) {
  const result = await collect<BuildEvent>('images.build', { context, tags, labels: TEST_LABEL, builder: 'classic', ...extra });
  for (const event of result.values) {
    if (event.type !== 'log') continue;
    for (const line of event.lines) {
      const id = /^ ---> ([0-9a-f]{12})$/.exec(line.text)?.[1];
      if (id) stepImages.add(id);
    }
  }
  return result;
}

beforeAll(async () => {
  core = await createCore({ transport: 'cli', home: mkdtempSync(join(tmpdir(), 'benchtop-images-int-')), validateOutputs: true });
});

afterAll(async () => {
  const docker = await core.engine.client();
  const mine = await docker.listImages({ all: true, filters: { label: [`benchtop.test.run=${RUN}`] } });
  for (const image of mine) await docker.getImage(image.Id).remove({ force: true }).catch(() => {});
  const base = (await docker.getImage('benchtop-test/busybox').inspect()).Id;
  for (const id of [...stepImages].reverse()) {
    if (base.includes(id)) continue;
    const info = await docker.getImage(id).inspect().catch(() => null);
    if (info && (info.RepoTags ?? []).length === 0) await docker.getImage(id).remove().catch(() => {});
  }
  await core.close();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('images against the real engine', { timeout: 90_000 }, () => {
  it('builds the busybox image from scratch through the classic builder, lists, inspects, tags and removes it', async () => {
    const context = folder({
      Dockerfile: 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nENV PATH=/bin MODEL=tiny\nLABEL org.benchtop.purpose=test\nENTRYPOINT ["/bin/sh", "-c"]\nCMD ["echo hello"]\n',
      '.dockerignore': 'ignored/\n*.tmp\n',
      'notes.tmp': 'not sent',
    });
    copyFileSync('/bin/busybox', join(context, 'busybox'));
    const tag = `benchtop-test/int-${RUN}:v1`;
    const { values, error } = await build(context, [tag]);
    expect(error).toBeUndefined();
    const started = values.find((v) => v.type === 'started');
    expect(started).toMatchObject({ builder: 'classic', contextFiles: 3 }); // Dockerfile, .dockerignore, busybox: not notes.tmp
    const last = values[values.length - 1];
    expect(last.type).toBe('succeeded');
    const imageId = last.type === 'succeeded' ? last.imageId : null;
    expect(imageId).toMatch(/^sha256:/);
    const logText = values.flatMap((v) => (v.type === 'log' ? v.lines.map((l) => l.text) : [])).join('\n');
    expect(logText).toMatch(/Step 3\/\d+ : RUN \["\/bin\/busybox", "--install", "-s", "\/bin"\]/);

    const list = await invoke<Array<{ id: string; repoTags: string[]; containers: number; dangling: boolean }>>('images.list', {});
    expect(list.find((i) => i.id === imageId)).toMatchObject({ repoTags: [tag], containers: 0, dangling: false });

    const details = await invoke<{ env: string[]; entrypoint: string[]; cmd: string[]; labels: Record<string, string>; layers: string[]; history: Array<{ createdBy: string }> }>('images.inspect', { id: tag });
    expect(details.env).toContain('MODEL=tiny');
    expect(details.entrypoint).toEqual(['/bin/sh', '-c']);
    expect(details.cmd).toEqual(['echo hello']);
    expect(details.labels['org.benchtop.purpose']).toBe('test');
    expect(details.layers.length).toBe(2);
    expect(details.history.some((h) => h.createdBy.includes('CMD ["echo hello"]'))).toBe(true);

    await invoke('images.tag', { source: tag, target: `benchtop-test/int-${RUN}:v2` });
    const tagged = await invoke<{ repoTags: string[] }>('images.inspect', { id: imageId });
    expect(tagged.repoTags.sort()).toEqual([tag, `benchtop-test/int-${RUN}:v2`]);

    // In use: the error names the dependant container and offers force.
    const docker = await core.engine.client();
    const user = await docker.createContainer({ Image: tag, name: `benchtop-int-user-${RUN}`, Labels: TEST_LABEL });
    try {
      const refused = await core.dispatcher.invoke('images.remove', { id: imageId });
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.error.code).toBe('conflict');
        expect(refused.error.message).toContain(`benchtop-int-user-${RUN}`);
        expect(refused.error.message).toContain('force');
        expect((refused.error.details as { dependants: unknown[] }).dependants).toHaveLength(1);
      }
    } finally {
      await user.remove({ force: true });
    }
    const removed = await invoke<{ deleted: string[]; untagged: string[] }>('images.remove', { id: imageId, force: true });
    expect(removed.deleted).toContain(imageId);
    expect(removed.untagged.length).toBe(2);
  });

  it('a broken Dockerfile reports the failing step and its output', async () => {
    const context = folder({ Dockerfile: 'FROM benchtop-test/busybox\nRUN echo preparing\nRUN echo "loss went NaN" && exit 3\nRUN echo never\n' });
    const { values, error } = await build(context, [`benchtop-test/broken-${RUN}`]);
    expect(error).toBeUndefined();
    const last = values[values.length - 1];
    expect(last.type).toBe('failed');
    const failedStep = last.type === 'failed' ? last.failedStep : null;
    expect(failedStep).toMatch(/^Step 3\/\d+ : RUN echo "loss went NaN" && exit 3$/);
    if (last.type === 'failed') {
      expect(last.message).toContain('returned a non-zero code: 3');
      expect(last.stepOutput).toContain('loss went NaN');
    }
    const errorLines = values.flatMap((v) => (v.type === 'log' ? v.lines.filter((l) => l.error) : []));
    expect(errorLines[0].step).toBe(failedStep);
  });

  it('the live list shows what a failed build leaves behind (the engine sends no event for it)', async () => {
    const changes: ImageChange[] = [];
    const handle = core.dispatcher.open('images.changes', {}, { next: (v) => changes.push(v as ImageChange), end: () => {} });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const { values } = await build(folder({ Dockerfile: `FROM benchtop-test/busybox\nRUN echo "${RUN}" > /run.txt\nRUN exit 4\n` }), []);
      const leftover = [...values].reverse().flatMap((v) => (v.type === 'log' ? v.lines : [])).map((l) => /^ ---> ([0-9a-f]{12})$/.exec(l.text)?.[1]).find(Boolean);
      expect(leftover).toBeDefined();
      await expect.poll(() => changes.some((c) => c.type === 'upsert' && c.item.id.startsWith(`sha256:${leftover}`) && c.item.dangling), { timeout: 5_000 }).toBe(true);
    } finally {
      handle.close();
    }
  });

  it('a missing folder or Dockerfile is refused with a precise message', async () => {
    const missing = await collect('images.build', { context: '/nonexistent/benchtop', tags: [] });
    expect(missing.error).toMatchObject({ code: 'invalid_input' });
    expect(missing.error?.message).toContain('does not exist');
    const noDockerfile = await collect('images.build', { context: folder({ 'README.md': 'x' }), tags: [] });
    expect(noDockerfile.error?.message).toMatch(/There is no Dockerfile in/);
  });

  it('a pull that cannot reach the registry is explained in plain words and ends the task as failed', async () => {
    const tasksSeen: TaskChange[] = [];
    const tasks = core.dispatcher.open('tasks.changes', {}, { next: (v) => tasksSeen.push(v as TaskChange), end: () => {} });
    const { error } = await collect<PullProgress>('images.pull', { image: `benchtop-nonexistent/nothing-${RUN}:latest` });
    tasks.close();
    expect(error).toBeDefined();
    const reason = (error?.details as { reason: string }).reason;
    // This machine has no DNS for the registry; elsewhere the registry answers "not found/denied".
    expect(['dns', 'unreachable', 'not_found', 'unauthorized']).toContain(reason);
    expect(error?.message).toMatch(/Could not pull benchtop-nonexistent\/nothing-.*:latest: the registry docker\.io /);
    const failed = tasksSeen.flatMap((c) => (c.type === 'upsert' ? [c.item] : [])).find((t) => t.kind === 'pull' && t.state === 'failed');
    expect(failed?.title).toBe(`Pull benchtop-nonexistent/nothing-${RUN}:latest`);
    expect(failed?.error).toBe(error?.message);
  });

  it('an invalid reference is refused before the engine is asked', async () => {
    const { error } = await collect('images.pull', { image: 'Not A Valid/Ref' });
    expect(error).toMatchObject({ code: 'invalid_input' });
  });

  it('the prune preview matches what prune removes (dangling images, scoped by label)', { timeout: 120_000 }, async () => {
    const label = `benchtop.test.prune=${RUN}`;
    const labels = { ...TEST_LABEL, 'benchtop.test.prune': RUN };
    const context = folder({ Dockerfile: 'FROM benchtop-test/busybox\nARG N\nRUN echo "$N" > /n.txt && seq 1 20000 > /numbers.txt\n' });
    const tag = `benchtop-test/prune-${RUN}`;
    // Building the same tag twice leaves the first build dangling.
    for (const n of ['1', '2']) {
      const { values } = await build(context, [tag], { buildArgs: { N: n }, labels });
      expect(values[values.length - 1].type).toBe('succeeded');
    }
    const preview = await invoke<{ images: Array<{ id: string; reclaimable: number }>; spaceReclaimed: number }>('images.prunePreview', { mode: 'dangling', labels: [label] });
    // The first build's image, plus its untagged intermediate parents (classic builder) that go with it.
    expect(preview.images.length).toBeGreaterThanOrEqual(1);
    expect(preview.spaceReclaimed).toBeGreaterThan(100_000);
    const result = await invoke<{ deleted: string[]; spaceReclaimed: number }>('images.prune', { mode: 'dangling', labels: [label] });
    for (const image of preview.images) expect(result.deleted).toContain(image.id);
    expect(result.spaceReclaimed).toBe(preview.spaceReclaimed);
    const after = await invoke<{ images: unknown[]; spaceReclaimed: number }>('images.prunePreview', { mode: 'dangling', labels: [label] });
    expect(after).toMatchObject({ images: [], spaceReclaimed: 0 });

    // Unused mode: the tagged image (no container uses it) goes too.
    const unused = await invoke<{ images: Array<{ id: string }>; spaceReclaimed: number }>('images.prunePreview', { mode: 'unused', labels: [label] });
    expect(unused.images.length).toBeGreaterThanOrEqual(1);
    const unusedResult = await invoke<{ deleted: string[]; spaceReclaimed: number }>('images.prune', { mode: 'unused', labels: [label] });
    for (const image of unused.images) expect(unusedResult.deleted).toContain(image.id);
    expect(unusedResult.spaceReclaimed).toBe(unused.spaceReclaimed);
  });

  it('the live list patches on tag, container create/destroy and delete without re-listing', { timeout: 60_000 }, async () => {
    const changes: ImageChange[] = [];
    let resolveWaiter: (() => void) | null = null;
    let predicate: ((c: ImageChange) => boolean) | null = null;
    const handle = core.dispatcher.open('images.changes', {}, {
      next: (value) => {
        changes.push(value as ImageChange);
        if (predicate?.(value as ImageChange)) resolveWaiter?.();
      },
      end: () => {},
    });
    const waitFor = (p: (c: ImageChange) => boolean) =>
      new Promise<ImageChange>((resolve, reject) => {
        const found = changes.find(p);
        if (found) return resolve(found);
        const timer = setTimeout(() => reject(new Error(`no matching change in ${JSON.stringify(changes.slice(-3))}`)), 20_000);
        predicate = p;
        resolveWaiter = () => {
          clearTimeout(timer);
          resolve(changes.find(p) as ImageChange);
        };
      });
    try {
      await waitFor((c) => c.type === 'snapshot');
      const docker = await core.engine.client();
      // An image of its own, so that other tests' containers on busybox cannot move its count.
      const context = folder({ Dockerfile: 'FROM scratch\nCOPY marker /marker\nCMD ["/marker"]\n', marker: RUN });
      const repo = `benchtop-test/live-${RUN}`;
      const { values } = await build(context, [`${repo}:a`]);
      const last = values[values.length - 1];
      const id = last.type === 'succeeded' ? (last.imageId ?? '') : '';
      await waitFor((c) => c.type === 'upsert' && c.item.id === id && c.item.repoTags.includes(`${repo}:a`) && c.item.containers === 0);
      await docker.getImage(id).tag({ repo, tag: 'b' });
      await waitFor((c) => c.type === 'upsert' && c.item.id === id && c.item.repoTags.includes(`${repo}:b`));
      const container = await docker.createContainer({ Image: `${repo}:a`, Labels: TEST_LABEL });
      await waitFor((c) => c.type === 'upsert' && c.item.id === id && c.item.containers === 1);
      await container.remove({ force: true });
      const mark = changes.length;
      await waitFor((c) => c.type === 'upsert' && c.item.id === id && c.item.containers === 0 && changes.indexOf(c) >= mark);
      await docker.getImage(`${repo}:b`).remove();
      await waitFor((c) => c.type === 'upsert' && c.item.id === id && !c.item.repoTags.includes(`${repo}:b`));
      await docker.getImage(`${repo}:a`).remove();
      await waitFor((c) => c.type === 'remove' && c.key === id);
      expect(changes.filter((c) => c.type === 'snapshot')).toHaveLength(1);
    } finally {
      handle.close();
    }
  });
});
