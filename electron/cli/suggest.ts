/** Edit distance with adjacent transpositions (`comopse` is one edit from `compose`). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The closest candidate when it is close enough to be a typo (or a prefix of exactly one), else null. */
export function closest(word: string, candidates: readonly string[]): string | null {
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3) + 1));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== null && bestDistance <= limit) return best;
  const prefixed = candidates.filter((c) => c.startsWith(word));
  return word.length >= 2 && prefixed.length === 1 ? prefixed[0] : null;
}

/** ` Did you mean X?` or the empty string. */
export function didYouMean(word: string, candidates: readonly string[], format: (s: string) => string = (s) => s): string {
  const found = closest(word, candidates);
  return found === null ? '' : ` Did you mean ${format(found)}?`;
}
