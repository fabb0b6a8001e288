/** `a=1, b=2` → {a: '1', b: '2'}; throws on a pair without "=". */
export function parsePairs(text: string, what: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 1) throw new Error(`${what}: write KEY=VALUE pairs separated by commas ("${part}" has no "=").`);
    pairs[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return pairs;
}
