import { describe, expect, it } from 'vitest';
import { EMPTY_RUN_FORM, parsePortSpec, toCreateInput } from './run-form.ts';

describe('parsePortSpec', () => {
  it('reads the docker -p forms', () => {
    expect(parsePortSpec('8080:80')).toEqual({ hostPort: 8080, containerPort: 80, protocol: 'tcp' });
    expect(parsePortSpec('127.0.0.1:5353:53/udp')).toEqual({ hostIp: '127.0.0.1', hostPort: 5353, containerPort: 53, protocol: 'udp' });
    expect(parsePortSpec('8888')).toEqual({ containerPort: 8888, protocol: 'tcp' });
    expect(parsePortSpec('127.0.0.1::80')).toEqual({ hostIp: '127.0.0.1', containerPort: 80, protocol: 'tcp' });
  });

  it('explains what is wrong', () => {
    expect(parsePortSpec('http')).toEqual({ error: '"http" is not a port mapping: write HOST:CONTAINER[/tcp|udp], e.g. 8080:80.' });
    expect(parsePortSpec('70000:80')).toEqual({ error: 'Port 70000 in "70000:80" is outside 1–65535.' });
  });
});

describe('toCreateInput', () => {
  it('turns the form into create input, skipping blank rows', () => {
    const result = toCreateInput({
      ...EMPTY_RUN_FORM,
      image: ' benchtop-test/busybox ',
      name: 'trainer',
      command: `sh -c 'echo hi'`,
      env: ['A=1', ''],
      ports: ['8080:80', ' '],
      mounts: [{ type: 'volume', source: 'data', target: '/data', readOnly: true }, { type: 'bind', source: '', target: '', readOnly: false }],
      restartPolicy: 'always',
    });
    expect(result).toEqual({
      input: {
        image: 'benchtop-test/busybox',
        name: 'trainer',
        command: ['sh', '-c', 'echo hi'],
        env: ['A=1'],
        ports: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
        mounts: [{ type: 'volume', source: 'data', target: '/data', readOnly: true }],
        restartPolicy: 'always',
        gpus: { mode: 'none' },
        labels: {},
        start: true,
      },
    });
  });

  it('names the field to fix', () => {
    expect(toCreateInput(EMPTY_RUN_FORM)).toEqual({ problem: { field: 'Image', message: 'Choose an image to run.' } });
    expect(toCreateInput({ ...EMPTY_RUN_FORM, image: 'x', env: ['NOVALUE'] })).toMatchObject({ problem: { field: 'Environment variable 1' } });
    expect(toCreateInput({ ...EMPTY_RUN_FORM, image: 'x', command: `echo "x` })).toMatchObject({ problem: { field: 'Command' } });
    expect(toCreateInput({ ...EMPTY_RUN_FORM, image: 'x', mounts: [{ type: 'bind', source: 'rel', target: '/a', readOnly: false }] })).toMatchObject({
      problem: { field: 'Mount 1 source' },
    });
  });
});
