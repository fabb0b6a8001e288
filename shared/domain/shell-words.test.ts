import { describe, expect, it } from 'vitest';
import { splitShellWords } from './shell-words.ts';

describe('splitShellWords', () => {
  it('splits on blanks and honours quotes and escapes', () => {
    expect(splitShellWords(`sh -c 'while true; do echo x >/dev/null; done'`)).toEqual({ words: ['sh', '-c', 'while true; do echo x >/dev/null; done'] });
    expect(splitShellWords(`python  train.py --name "run \\"7\\"" a\\ b ''`)).toEqual({ words: ['python', 'train.py', '--name', 'run "7"', 'a b', ''] });
    expect(splitShellWords('   ')).toEqual({ words: [] });
  });

  it('reports an unclosed quote with its position', () => {
    expect(splitShellWords(`echo 'oops`)).toEqual({ error: 'The single quote at character 6 is never closed.' });
    expect(splitShellWords(`echo "oops`)).toEqual({ error: 'The double quote at character 6 is never closed.' });
  });
});

describe('splitShellWords, the edges compose strings reach', () => {
  it('keeps an escaped newline inside double quotes and a trailing backslash', () => {
    expect(splitShellWords('echo "a\\\nb"')).toEqual({ words: ['echo', 'a\nb'] });
    expect(splitShellWords('echo a\\')).toEqual({ words: ['echo', 'a\\'] });
  });
});
