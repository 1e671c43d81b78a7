/** Shannon entropy in bits per character (code points), the usual "looks random" measure. */
export function shannonEntropy(value: string): number {
  const chars = Array.from(value);
  if (chars.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of chars) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / chars.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Number of distinct code points (Django's W009 asks for at least 5). */
export function uniqueCharCount(value: string): number {
  return new Set(Array.from(value)).size;
}
