import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } from './content-security-policy.ts';

function directive(name: string): string[] {
  const found = CONTENT_SECURITY_POLICY.split(';').map((part) => part.trim().split(/\s+/)).find((words) => words[0] === name);
  return found ? found.slice(1) : [];
}

describe('CONTENT_SECURITY_POLICY', () => {
  it('locks scripts to our own files', () => {
    expect(directive('script-src')).toEqual(["'self'"]);
    expect(directive('default-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(directive('script-src').join(' ')).not.toContain('unsafe');
  });

  it('forbids plugins, base rewriting, framing and form posts', () => {
    expect(directive('object-src')).toEqual(["'none'"]);
    expect(directive('base-uri')).toEqual(["'none'"]);
    expect(directive('frame-ancestors')).toEqual(["'none'"]);
    expect(directive('form-action')).toEqual(["'none'"]);
  });

  it('lets the page talk only to its own origin', () => {
    expect(directive('connect-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/\*|https?:|ws:/);
  });

  it('is built from the directive table', () => {
    expect(CONTENT_SECURITY_POLICY.split('; ')).toHaveLength(Object.keys(CSP_DIRECTIVES).length);
    expect(Object.isFrozen(CSP_DIRECTIVES)).toBe(true);
  });
});
