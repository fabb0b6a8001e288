import { describe, expect, it } from 'vitest';
import { referenceProblem, withDefaultTag } from './image-reference.ts';

describe('image references', () => {
  it('accepts what docker accepts', () => {
    for (const ok of ['alpine', 'python:3.12-slim', 'ghcr.io/acme/model:v1.2', 'localhost:5000/x/y:latest', `x@sha256:${'a'.repeat(64)}`, 'a__b/c-d.e']) {
      expect(referenceProblem(ok), ok).toBeNull();
    }
  });
  it('refuses the rest with a reason', () => {
    expect(referenceProblem('')).toBe('is empty');
    expect(referenceProblem('Alpine')).toMatch(/lowercase/);
    expect(referenceProblem('a b')).toMatch(/not a valid image reference/);
    expect(referenceProblem(`x@sha256:${'a'.repeat(64)}`, true)).toMatch(/name\[:tag\]/);
  });
  it('adds :latest only when there is no tag or digest', () => {
    expect(withDefaultTag('alpine')).toBe('alpine:latest');
    expect(withDefaultTag('localhost:5000/x')).toBe('localhost:5000/x:latest');
    expect(withDefaultTag('x:1')).toBe('x:1');
    expect(withDefaultTag('x@sha256:ab')).toBe('x@sha256:ab');
  });
});
