import { describe, expect, it } from 'vitest';
import { ClassicBuildParser } from './classic-build-parser.ts';

describe('ClassicBuildParser', () => {
  it('tags output with its step, follows the step counter and reports the failing step with its output', () => {
    const parser = new ClassicBuildParser();
    parser.push({ stream: 'Step 1/3 : FROM benchtop-test/busybox\n' });
    parser.push({ stream: ' ---> f476df70424f\nStep 2/3 : RUN echo hi && ' });
    parser.push({ stream: 'exit 3\n' });
    parser.push({ stream: ' ---> Running in 0c1d\n' });
    parser.push({ stream: 'hi\nprogress 10%\rprogress 100%\n' });
    parser.push({ errorDetail: { code: 3, message: "The command '/bin/sh -c echo hi && exit 3' returned a non-zero code: 3" }, error: 'x' });
    parser.end();
    const update = parser.update();
    expect(update?.step).toBe('Step 2/3 : RUN echo hi && exit 3');
    expect(update?.fraction).toBeCloseTo(1 / 3);
    expect(update?.lines.map((l) => l.text)).toContain('progress 100%');
    expect(update?.lines.at(-1)).toEqual({ text: "The command '/bin/sh -c echo hi && exit 3' returned a non-zero code: 3", step: 'Step 2/3 : RUN echo hi && exit 3', error: true });
    expect(parser.failure()).toEqual({
      message: "The command '/bin/sh -c echo hi && exit 3' returned a non-zero code: 3",
      failedStep: 'Step 2/3 : RUN echo hi && exit 3',
      stepOutput: ['hi', 'progress 100%'],
    });
    expect(parser.update()).toBeNull();
  });
  it('takes the image id from aux and reaches 100 % on success', () => {
    const parser = new ClassicBuildParser();
    parser.push({ stream: 'Step 1/1 : FROM scratch\n' });
    parser.push({ aux: { ID: 'sha256:abc' } });
    parser.push({ stream: 'Successfully built abc\n' });
    expect(parser.imageId()).toBe('sha256:abc');
    expect(parser.update()?.fraction).toBe(1);
    expect(parser.failure()).toBeNull();
  });
});
