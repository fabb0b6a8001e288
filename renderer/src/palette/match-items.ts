import type { PaletteItem } from './palette-item.ts';

/**
 * Every word of the query must appear in the label or keywords (case-insensitive). A label match
 * scores above a keyword match, a match at a word start above one inside a word, and a label
 * starting with the query above all. Stable: equal scores keep source order.
 */
export function matchItems(items: readonly PaletteItem[], query: string, limit = 50): PaletteItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return items.slice(0, limit);
  const scored: { item: PaletteItem; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    const label = item.label.toLowerCase();
    const keywords = (item.keywords ?? '').toLowerCase();
    let score = 0;
    for (const word of words) {
      const at = label.indexOf(word);
      if (at !== -1) score += at === 0 || /[\s\-_./:]/.test(label[at - 1]) ? 4 : 2;
      else if (keywords.includes(word)) score += 1;
      else return;
    }
    if (label.startsWith(query.toLowerCase().trim())) score += 3;
    scored.push({ item, score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.slice(0, limit).map((s) => s.item);
}
