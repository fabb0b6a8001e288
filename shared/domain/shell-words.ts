/**
 * Splits a command line into words as a POSIX shell would quote it — single quotes keep
 * everything, double quotes allow \" \\ \$ \`, a backslash outside quotes escapes the next
 * character — without expanding anything. An unclosed quote is an error.
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
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1])) j++;
        word += line[j];
      }
      if (j >= line.length) return { error: `The double quote at character ${i + 1} is never closed.` };
      inWord = true;
      i = j;
    } else if (char === '\\') {
      if (i + 1 < line.length) word += line[++i];
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
