import { describe, expect, it } from 'vitest';
import { parseDotenv } from './dotenv.ts';

describe('parseDotenv', () => {
  it('reads the env-file format: comments, quotes, escapes, bare names, references to earlier lines', () => {
    const text = [
      '# comment',
      'export USER=admin',
      'PASSWORD="p@ss # not a comment"',
      "LITERAL='${USER} stays'",
      'URL=postgres://${USER}@db # inline comment',
      'MULTI="a\\nb"',
      'EMPTY=',
      'BARE',
    ].join('\n');
    const entries = parseDotenv(text, (name) => (name === 'HOST_ONLY' ? 'h' : undefined));
    expect(Object.fromEntries(entries.map((e) => [e.name, e.value]))).toEqual({
      USER: 'admin',
      PASSWORD: 'p@ss # not a comment',
      LITERAL: '${USER} stays',
      URL: 'postgres://admin@db',
      MULTI: 'a\nb',
      EMPTY: '',
      BARE: null,
    });
  });

  it('says which line is wrong', () => {
    expect(() => parseDotenv('OK=1\nnot valid=2')).toThrow(/"not valid" is not a variable name/);
    try {
      parseDotenv('OK=1\nX="open');
    } catch (error) {
      expect((error as { line: number }).line).toBe(2);
    }
  });
});
