/** "key=value" lines (blank lines ignored) → labels; throws a sentence naming the bad line. */
export function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const eq = line.indexOf('=');
    const key = (eq === -1 ? line : line.slice(0, eq)).trim();
    if (!key) throw new Error(`Label line ${index + 1} has no key: write key=value.`);
    labels[key] = eq === -1 ? '' : line.slice(eq + 1).trim();
  });
  return labels;
}
