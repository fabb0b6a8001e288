import { describe, expect, it } from 'vitest';
import { applyStepForm, formValuesOf } from './step-form-model.ts';

const text = `apiVersion: benchtop/v1
kind: Pipeline
metadata: { name: form }
steps:
  prep: { image: x, command: [sh] }
  # trains the model
  train:
    image: busybox # pinned later
    command: [sh, -c]
    args: ['echo a']
    env:
      SEED: '1' # keep
      DROP: 'yes'
    retry: { limit: 1, backoff: { duration: 1s } }
`;

describe('step form model', () => {
  it('reads a step into form values', () => {
    expect(formValuesOf(text, 'train')).toMatchObject({ name: 'train', image: 'busybox', command: 'sh\n-c', args: 'echo a', env: 'SEED=1\nDROP=yes', retryLimit: '1', cache: 'default', depends: [] });
    expect(formValuesOf(text, 'ghost')).toBeNull();
    expect(formValuesOf('steps: [', 'train')).toBeNull();
  });

  it('writes only the changed fields, keeping comments, order and the rest of a nested mapping', () => {
    const before = formValuesOf(text, 'train');
    if (!before) throw new Error('no values');
    const out = applyStepForm(text, before, { ...before, image: 'benchtop-test/busybox', env: 'SEED=2\nNEW=v', retryLimit: '3', gpu: '1', depends: ['prep'], cache: 'off', name: 'fit' });
    expect(out).toContain('  # trains the model\n  fit:\n    image: benchtop-test/busybox # pinned later\n    depends: [prep]\n    command: [sh, -c]\n');
    expect(out).toContain("      SEED: '2' # keep\n      NEW: v\n");
    expect(out).not.toContain('DROP');
    expect(out).toContain('    retry: { limit: 3, backoff: { duration: 1s } }\n');
    expect(out).toContain('    resources: { gpu: 1 }\n');
    expect(out).toContain('    cache: false\n');
    expect(applyStepForm(text, before, before)).toBe(text);
  });
});
