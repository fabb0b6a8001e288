import { describe, expect, it } from 'vitest';
import { evaluateWhen, whenSyntaxError } from './when.ts';

describe('when', () => {
  it.each([
    ['true', true],
    ['false', false],
    ['3 > 2', true],
    ['0.91 >= 0.95', false],
    ["abc == 'abc'", true],
    ['1.0 == 1', true],
    ['a != b && !(2 < 1)', true],
    ['false || (x == y)', false],
  ])('%s → %s', (expression, expected) => {
    expect(evaluateWhen(expression)).toBe(expected);
  });

  it('explains what is wrong', () => {
    expect(() => evaluateWhen('abc')).toThrow(/"abc" is not true or false/);
    expect(() => evaluateWhen('a < 2')).toThrow(/< compares numbers/);
    expect(() => evaluateWhen("'open")).toThrow(/not closed/);
  });

  it('checks syntax with placeholders in place', () => {
    expect(whenSyntaxError('${params.x} == 1 && ${steps.a.outputs.params.ok}')).toBeNull();
    expect(whenSyntaxError('(a == b')).toBe('a "(" is not closed');
    expect(whenSyntaxError('a b')).toBe('"b" follows a value without an operator between them');
  });
});
