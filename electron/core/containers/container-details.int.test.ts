import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecClientMessage, ExecEvent, StatsSample } from '../../../shared/domain/container-details.ts';
import type { ClientMessages } from '../api/dispatcher.ts';
import { EngineConnection } from '../engine/connection.ts';
import { HIGH_WATERMARK_BYTES } from '../exec/flow-control.ts';
import { createContainerDetailHandlers } from './detail-handlers.ts';

// Against the real engine: the busybox test image, containers labelled benchtop.test=1.
const engine = new EngineConnection({ env: process.env });
const handlers = createContainerDetailHandlers(engine);
const names: string[] = [];
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}`;

function run(name: string, script: string): string {
  names.push(name);
  return execFileSync('docker', ['run', '-d', '--name', name, '--label', 'benchtop.test=1', 'benchtop-test/busybox', 'sh', '-c', script], { encoding: 'utf8' }).trim();
}
const IDLE = 'trap "exit 0" TERM; while true; do sleep 1 & wait $!; done';

/** A client-message channel the test writes into, as a transport would. */
function channel() {
  const listeners = new Set<(message: ExecClientMessage) => void>();
  const messages: ClientMessages<ExecClientMessage> = {
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { messages, send: (message: ExecClientMessage) => listeners.forEach((listener) => listener(message)) };
}

/** Opens containers.exec; collects its text output and events. */
function openExec(input: Parameters<(typeof handlers)['containers.exec']>[0]) {
  const { messages, send } = channel();
  const controller = new AbortController();
  const events: ExecEvent[] = [];
  let text = '';
  let bytes = 0;
  const decoder = new TextDecoder();
  const done = handlers['containers.exec'](
    input,
    {
      next: (value) => {
        if (value instanceof Uint8Array) {
          bytes += value.byteLength;
          if (text.length < 1_000_000) text += decoder.decode(value, { stream: true });
        }
        else events.push(value);
      },
      end: () => {},
    },
    controller.signal,
    messages,
  );
  const waitFor = async (test: () => boolean, what: string) => {
    for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 50));
    if (!test()) throw new Error(`Timed out waiting for ${what}; output so far: ${JSON.stringify(text)}`);
  };
  return { send, done, events, output: () => text, bytes: () => bytes, waitFor, abort: () => controller.abort() };
}

beforeAll(async () => {
  expect((await engine.connect()).connected).toBe(true);
});
afterAll(() => {
  for (const name of names) execFileSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
  engine.close();
});

describe('exec with a TTY', () => {
  it('runs the shell (sh here: no bash), echoes, resizes and reports the exit code', async () => {
    const name = unique('it-exec');
    const id = run(name, IDLE);
    const exec = openExec({ id, command: [], tty: true, cols: 80, rows: 24, flowControl: true, reconnect: false });
    await exec.waitFor(() => exec.events.some((e) => e.type === 'started'), 'the shell');
    expect(exec.events[0]).toEqual({ type: 'started', command: ['/bin/sh'], tty: true });
    exec.send({ type: 'input', data: 'echo hel""lo\r' });
    await exec.waitFor(() => exec.output().includes('hello'), 'hello');
    exec.send({ type: 'resize', cols: 123, rows: 45 });
    await new Promise((r) => setTimeout(r, 200));
    exec.send({ type: 'input', data: 'stty size\r' });
    await exec.waitFor(() => exec.output().includes('45 123'), 'the new size');
    exec.send({ type: 'input', data: 'exit 7\r' });
    await exec.done;
    expect(exec.events.at(-1)).toEqual({ type: 'exited', exitCode: 7 });
  });

  it('without a TTY: stdin from bytes and eof, stdout as bytes, stderr apart, the exit code', async () => {
    const name = unique('it-pipe');
    const id = run(name, IDLE);
    const exec = openExec({ id, command: ['sh', '-c', 'cat; echo oops >&2; exit 3'], tty: false, cols: 80, rows: 24, flowControl: false, reconnect: false });
    await exec.waitFor(() => exec.events.some((e) => e.type === 'started'), 'the command');
    exec.send({ type: 'bytes', base64: Buffer.from('piped input\n').toString('base64') });
    exec.send({ type: 'eof' });
    await exec.done;
    expect(exec.output()).toBe('piped input\n');
    const stderr = exec.events.filter((e) => e.type === 'stderr').map((e) => Buffer.from(e.base64, 'base64').toString()).join('');
    expect(stderr).toBe('oops\n');
    expect(exec.events.at(-1)).toEqual({ type: 'exited', exitCode: 3 });
  });

  it('reconnects after the container restarts', async () => {
    const name = unique('it-reconnect');
    const id = run(name, IDLE);
    const exec = openExec({ id, command: [], tty: true, cols: 80, rows: 24, flowControl: false, reconnect: true });
    await exec.waitFor(() => exec.events.filter((e) => e.type === 'started').length === 1, 'the shell');
    execFileSync('docker', ['restart', '-t', '1', name]);
    await exec.waitFor(() => exec.events.filter((e) => e.type === 'started').length === 2, 'the shell after the restart');
    exec.send({ type: 'input', data: 'echo back""again\r' });
    await exec.waitFor(() => exec.output().includes('backagain'), 'output after the restart');
    exec.abort();
    await exec.done.catch(() => {});
  });

  it('pauses a flood of output past the high watermark until the client acknowledges it', async () => {
    const name = unique('it-flood');
    const id = run(name, IDLE);
    const exec = openExec({ id, command: ['sh', '-c', 'seq 1 200000'], tty: true, cols: 80, rows: 24, flowControl: true, reconnect: false });
    await exec.waitFor(() => exec.bytes() > HIGH_WATERMARK_BYTES, 'the first half megabyte');
    await new Promise((r) => setTimeout(r, 500));
    const held = exec.bytes();
    await new Promise((r) => setTimeout(r, 500));
    // Paused: at most what was already in the pipe arrives after the pause.
    expect(exec.bytes() - held).toBeLessThan(256 * 1024);
    expect(held).toBeLessThan(HIGH_WATERMARK_BYTES + 1024 * 1024);
    // Acknowledging everything lets the rest through (about 1.5 MB in all: a TTY is slow here,
    // about 300 KB/s even for `docker exec -t`).
    const ackAll = setInterval(() => exec.send({ type: 'ack', bytes: 1 << 29 }), 20);
    await exec.done;
    clearInterval(ackAll);
    expect(exec.bytes()).toBe(1_488_895); // seq 1 200000 with \r\n line ends
    expect(exec.events.at(-1)).toEqual({ type: 'exited', exitCode: 0 });
  }, 60_000);

  it('refuses a stopped container when not reconnecting', async () => {
    const name = unique('it-stopped');
    run(name, 'exit 0');
    execFileSync('docker', ['wait', name]);
    const exec = openExec({ id: name, command: [], tty: true, cols: 80, rows: 24, flowControl: false, reconnect: false });
    await expect(exec.done).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/is not running: start it/) });
  });
});

describe('stats', () => {
  it('streams samples whose CPU and counters move for a busy container', async () => {
    const name = unique('it-stats');
    const id = run(name, 'while true; do echo x >/dev/null; done');
    const samples: StatsSample[] = [];
    const controller = new AbortController();
    const done = handlers['containers.stats']({ id }, { next: (s) => samples.push(s), end: () => {} }, controller.signal);
    for (let i = 0; i < 100 && samples.length < 3; i++) await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    await done;
    expect(samples.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...samples.map((s) => s.cpuPercent))).toBeGreaterThan(5);
    expect(samples.at(-1)!.memoryBytes).toBeGreaterThan(0);
    expect(samples.at(-1)!.memoryLimitBytes).toBeGreaterThan(0);
    expect(samples.at(-1)!.at).toBeGreaterThan(samples[0].at);
  });
});

describe('create and inspect', () => {
  it('creates and starts a container with env, ports, a restart policy; inspect summarises it', async () => {
    const name = unique('it-create');
    names.push(name);
    const created = await handlers['containers.create']({
      image: 'benchtop-test/busybox',
      name,
      command: ['sh', '-c', IDLE],
      env: ['MODEL=resnet', 'EMPTY='],
      ports: [{ hostIp: '127.0.0.1', containerPort: 8080, protocol: 'tcp' }],
      mounts: [{ type: 'volume', source: `${name}-data`, target: '/data', readOnly: false }],
      restartPolicy: 'unless-stopped',
      gpus: { mode: 'none' },
      labels: { 'benchtop.test': '1' },
      start: true,
    });
    expect(created).toMatchObject({ name, started: true });
    const { details, raw } = await handlers['containers.inspect']({ id: name });
    expect(raw.Id).toBe(created.id);
    expect(details).toMatchObject({ name, image: 'benchtop-test/busybox', state: { running: true }, restartPolicy: { name: 'unless-stopped' } });
    expect(details.command).toEqual(['sh', '-c', IDLE]);
    expect(details.env).toEqual(expect.arrayContaining([{ key: 'MODEL', value: 'resnet' }, { key: 'EMPTY', value: '' }]));
    expect(details.ports).toEqual([{ containerPort: 8080, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: expect.any(Number) }]);
    expect(details.mounts).toEqual([{ type: 'volume', source: expect.any(String), destination: '/data', readOnly: false, name: `${name}-data` }]);
    expect(details.networks.map((n) => n.name)).toEqual(['bridge']);
    expect(details.labels['benchtop.test']).toBe('1');
    execFileSync('docker', ['rm', '-f', '-v', name], { stdio: 'ignore' });
    execFileSync('docker', ['volume', 'rm', `${name}-data`], { stdio: 'ignore' });
  });

  it('refuses a name in use and an image that is not local, creating nothing', async () => {
    const name = unique('it-clash');
    run(name, IDLE);
    // Only this test's names: other files running beside this one create and remove labelled containers too.
    const before = execFileSync('docker', ['ps', '-aq', '--filter', `name=${name}`], { encoding: 'utf8' });
    const base = { command: [], env: [], ports: [], mounts: [], restartPolicy: 'no' as const, gpus: { mode: 'none' as const }, labels: { 'benchtop.test': '1' }, start: true };
    await expect(handlers['containers.create']({ ...base, image: 'benchtop-test/busybox', name })).rejects.toMatchObject({
      code: 'conflict',
      message: `A container named ${name} already exists: choose another name or remove it.`,
    });
    await expect(handlers['containers.create']({ ...base, image: 'benchtop-test/no-such-image:1', name: `${name}-2` })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/^The image benchtop-test\/no-such-image:1 is not on this machine.*does not pull/),
    });
    expect(execFileSync('docker', ['ps', '-aq', '--filter', `name=${name}`], { encoding: 'utf8' })).toBe(before);
  });

  it('inspect of a missing container is not_found; image choices list the local test image', async () => {
    await expect(handlers['containers.inspect']({ id: 'benchtop-missing-container' })).rejects.toMatchObject({ code: 'not_found' });
    const choices = await handlers['containers.imageChoices']({});
    expect(choices.map((c) => c.reference)).toContain('benchtop-test/busybox:latest');
  });
});
