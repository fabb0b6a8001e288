import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BuildxOutputParser } from './buildx-parser.ts';
import { buildxArgs } from './buildx.ts';

const recorded = readFileSync(new URL('./fixtures/buildx-plain-failure.txt', import.meta.url), 'utf8');

describe('BuildxOutputParser on recorded --progress=plain output', () => {
  it('finds the failing step, its output and the final message, whatever the chunking', () => {
    for (const size of [7, 64, recorded.length]) {
      const parser = new BuildxOutputParser();
      for (let i = 0; i < recorded.length; i += size) parser.push(recorded.slice(i, i + size));
      parser.end();
      expect(parser.failure()).toEqual({
        message: 'failed to solve: process "/bin/sh -c echo \\"loss went NaN\\" && exit 3" did not complete successfully: exit code: 3',
        failedStep: '[3/3] RUN echo "loss went NaN" && exit 3',
        stepOutput: ['loss went NaN'],
      });
    }
  });
  it('tags lines with their step and counts finished steps', () => {
    const parser = new BuildxOutputParser();
    parser.push(recorded.split('#6 [3/3]')[0]);
    const update = parser.update();
    expect(update?.step).toBe('[2/3] RUN echo preparing');
    expect(update?.fraction).toBeCloseTo(2 / 3);
    expect(update?.lines.find((l) => l.text === '#5 0.212 preparing')?.step).toBe('[2/3] RUN echo preparing');
    const errorLines = (() => {
      parser.push(recorded.slice(recorded.indexOf('#6 [3/3]')));
      parser.end();
      return parser.update()?.lines.filter((l) => l.error) ?? [];
    })();
    expect(errorLines.map((l) => l.step)).toEqual(['[3/3] RUN echo "loss went NaN" && exit 3', '[3/3] RUN echo "loss went NaN" && exit 3']);
  });
  it('a non-zero exit without an ERROR line still fails', () => {
    const parser = new BuildxOutputParser();
    parser.push('#1 [1/1] FROM scratch\n');
    parser.failWith('docker buildx exited with code 1.');
    expect(parser.failure()).toMatchObject({ message: 'docker buildx exited with code 1.', failedStep: '[1/1] FROM scratch' });
  });
});

describe('buildxArgs', () => {
  it('passes tags, build args, labels and target to docker buildx build', () => {
    expect(buildxArgs({ contextDir: '/ctx', dockerfile: 'docker/Dockerfile', tags: ['a:1', 'b'], buildArgs: { N: '2' }, labels: { k: 'v' }, target: 'train', iidFile: '/tmp/iid' })).toEqual([
      'buildx', 'build', '--progress=plain', '--load', '--iidfile', '/tmp/iid', '-f', '/ctx/docker/Dockerfile',
      '-t', 'a:1', '-t', 'b', '--build-arg', 'N=2', '--label', 'k=v', '--target', 'train', '/ctx',
    ]);
  });
});
