import { describe, expect, it } from 'vitest';
import { interpolate, InterpolationError } from './interpolation.ts';

const vars: Record<string, string> = { SET: 'value', EMPTY: '', OTHER: 'other' };
const lookup = (name: string) => vars[name];
const run = (text: string) => interpolate(text, lookup);

describe('interpolate', () => {
  it('substitutes $VAR and ${VAR}', () => {
    expect(run('a $SET b ${SET}c')).toBe('a value b valuec');
  });

  it('applies the six operators as compose-go does', () => {
    expect(run('${UNSET:-d}|${EMPTY:-d}|${SET:-d}')).toBe('d|d|value');
    expect(run('${UNSET-d}|${EMPTY-d}|${SET-d}')).toBe('d||value');
    expect(run('${SET:+alt}|${EMPTY:+alt}|${UNSET:+alt}')).toBe('alt||');
    expect(run('${SET+alt}|${EMPTY+alt}|${UNSET+alt}')).toBe('alt|alt|');
    expect(run('${SET:?boom}|${SET?boom}|${EMPTY?boom}')).toBe('value|value|');
    expect(() => run('${EMPTY:?set EMPTY please}')).toThrow(/required variable EMPTY is missing a value: set EMPTY please/);
    expect(() => run('${UNSET?needed}')).toThrow(InterpolationError);
  });

  it('nests defaults and evaluates only the branch it needs', () => {
    expect(run('${UNSET:-${ALSO_UNSET:-~/invokeai}}')).toBe('~/invokeai');
    expect(run('${UNSET:-${OTHER}}')).toBe('other');
    expect(run('${SET:-${UNSET:?never evaluated}}')).toBe('value');
  });

  it('turns $$ into $ and leaves a $ that starts no name alone', () => {
    expect(run('echo $$HOME $$(cat /run/secrets/x)')).toBe('echo $HOME $(cat /run/secrets/x)');
    expect(run('tmp=$(mktemp) cost=$5 end$')).toBe('tmp=$(mktemp) cost=$5 end$');
  });

  it('reports unset variables and uses an empty string', () => {
    const unset: string[] = [];
    expect(interpolate('x${NOPE}y', lookup, (name) => unset.push(name))).toBe('xy');
    expect(unset).toEqual(['NOPE']);
  });

  it('rejects a malformed braced expression', () => {
    expect(() => run('${NAME:-world')).toThrow(/invalid interpolation format/);
    expect(() => run('${1abc}')).toThrow(/invalid interpolation format/);
    expect(() => run('${SET%%x}')).toThrow(/invalid interpolation format/);
  });
});
