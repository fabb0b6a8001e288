/**
 * Sorts a Float64Array of finite numbers ascending, in place, by an LSD radix sort on the IEEE-754
 * bits (six 11-bit digits, cache-friendly; digits equal everywhere skipped): a few linear passes instead of
 * a comparison sort, several times faster than TypedArray#sort on a million values.
 */
export function sortFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < 2048) return values.sort();
  const words: Uint32Array = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  // Order-preserving keys: negative numbers get every bit flipped, others just the sign bit.
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1];
    if (hi & 0x80000000) {
      words[2 * i + 1] = ~hi >>> 0;
      words[2 * i] = ~words[2 * i] >>> 0;
    } else words[2 * i + 1] = (hi | 0x80000000) >>> 0;
  }
  let source: Uint32Array = words;
  let target: Uint32Array = new Uint32Array(n * 2);
  const counts = new Uint32Array(2048);
  for (let pass = 0; pass < 6; pass++) {
    // Bit offset of this digit in the 64-bit key: 0, 11, 22 (low word, the third straddles), 33, 44, 55.
    const bit = pass * 11;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[digit(source[2 * i], source[2 * i + 1], bit)]++;
    if (counts[digit(source[0], source[1], bit)] === n) continue;
    let total = 0;
    for (let d = 0; d < 2048; d++) {
      const c = counts[d];
      counts[d] = total;
      total += c;
    }
    for (let i = 0; i < n; i++) {
      const lo = source[2 * i];
      const hi = source[2 * i + 1];
      const at = 2 * counts[digit(lo, hi, bit)]++;
      target[at] = lo;
      target[at + 1] = hi;
    }
    [source, target] = [target, source];
  }
  if (source !== words) words.set(source);
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1];
    if (hi & 0x80000000) words[2 * i + 1] = (hi & 0x7fffffff) >>> 0;
    else {
      words[2 * i + 1] = ~hi >>> 0;
      words[2 * i] = ~words[2 * i] >>> 0;
    }
  }
  return values;
}

/** The 11-bit digit of the key (hi:lo) starting at `bit`. */
function digit(lo: number, hi: number, bit: number): number {
  if (bit + 11 <= 32) return (lo >>> bit) & 0x7ff;
  if (bit >= 32) return (hi >>> (bit - 32)) & 0x7ff;
  return ((lo >>> bit) | (hi << (32 - bit))) & 0x7ff;
}
