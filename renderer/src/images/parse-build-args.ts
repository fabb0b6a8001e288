/** "KEY=VALUE" per line (blank lines and # comments skipped) → record, or the first problem. */
export function parseBuildArgs(text: string): { args: Record<string, string>; problem: string | null } {
  const args: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq === -1 ? line : line.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return { args, problem: `Line ${i + 1}: "${line}" is not KEY=VALUE (a key is letters, digits and _).` };
    args[key] = eq === -1 ? '' : line.slice(eq + 1);
  }
  return { args, problem: null };
}
