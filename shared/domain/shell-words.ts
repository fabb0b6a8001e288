/**
 * Splits a command line into words as a POSIX shell would quote it — single quotes keep
 * everything, double quotes allow \" \\ \$ \` and an escaped newline, a backslash outside quotes
 * escapes the next character (a trailing one stays a backslash) — without expanding anything. An
 * unclosed quote is an error. The Run dialog, devcontainer.json and compose's string commands all
 * split with this one parser.
 */
export function splitShellWords(line: string): { words: string[] } | { error: string } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === "'") {
      const close = line.indexOf("'", i + 1);
      if (close === -1) return { error: `The single quote at character ${i + 1} is never closed.` };
      word += line.slice(i + 1, close);
      inWord = true;
      i = close;
    } else if (char === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`\n'.includes(line[j + 1])) j++;
        word += line[j];
      }
      if (j >= line.length) return { error: `The double quote at character ${i + 1} is never closed.` };
      inWord = true;
      i = j;
    } else if (char === '\\') {
      word += i + 1 < line.length ? line[++i] : char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return { words };
}
