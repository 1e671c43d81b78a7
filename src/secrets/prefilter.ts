import type { SecretRule } from './rule';

/**
 * The rules' keyword prefilter, run over raw bytes before anything is decoded. Pure.
 *
 * `runSecretRules` skips a rule unless one of its `keywords` occurs in the text (case-insensitively);
 * a blob in which no keyword of any rule occurs therefore can't produce a hit from a keyword
 * rule, and decoding it would be wasted. The keywords are taken from the rules themselves, so a
 * new detector is covered by declaring its keywords.
 *
 * Why bytes give the same answer as the decoded text: keywords are ASCII; the text is the blob's
 * bytes decoded as UTF-8 or, failing that, windows-1252, and both map every ASCII byte to the same
 * character and every other byte (sequence) to non-ASCII characters. A case-insensitive JavaScript
 * regular expression without the `u` flag never folds a non-ASCII character to an ASCII one
 * (ECMA-262 Canonicalize), so the keywords present in the text are exactly the ASCII-folded
 * keywords present in the bytes. A rule with a non-ASCII keyword, or a content rule without
 * keywords, turns the prefilter off (`undefined` from `keywordsIn`): those rules always get text.
 */
export interface BytePrefilter {
  /**
   * The rules' keywords present in `bytes`, lower-cased, exactly as `runSecretRules` would find them in
   * the decoded text; an empty set means no keyword rule can match. Undefined when the rules
   * can't be decided on bytes (see above): then every blob needs decoding.
   */
  keywordsIn(bytes: Uint8Array): ReadonlySet<string> | undefined;
  /**
   * How many times each keyword occurs in `bytes` (every start position, overlaps included; a
   * keyword absent is absent from the map), or undefined like `keywordsIn`. Counts add up over
   * pieces cut at line breaks (no keyword holds one), so a file's next version can be counted from
   * its changed lines (history/version-delta.ts).
   */
  keywordCounts(bytes: Uint8Array): Map<string, number> | undefined;
}

/** ASCII upper case to lower case; every other byte unchanged. */
const FOLD = new Uint8Array(256);
for (let i = 0; i < 256; i++) FOLD[i] = i >= 65 && i <= 90 ? i + 32 : i;

const EMPTY: ReadonlySet<string> = new Set();

/**
 * Builds the prefilter for `rules`. Path rules (`appliesToPath`) don't need a keyword: the caller
 * decodes a blob whenever one of them applies to a path the blob was seen under.
 */
export function createBytePrefilter(rules: readonly SecretRule[]): BytePrefilter {
  const keywords = new Set<string>();
  let decidable = true;
  for (const rule of rules) {
    if (rule.keywords === undefined) {
      if (rule.appliesToPath === undefined) decidable = false;
      continue;
    }
    for (const keyword of rule.keywords) {
      // runSecretRules compares the lower-cased match with the keyword as written: searching the
      // lower-cased keyword finds it whenever runSecretRules could.
      const lower = keyword.toLowerCase();
      // eslint-disable-next-line no-control-regex
      if (lower === '' || !/^[\x00-\x7f]+$/.test(lower)) decidable = false;
      else keywords.add(lower);
    }
  }
  if (!decidable) return { keywordsIn: () => undefined, keywordCounts: () => undefined };
  if (keywords.size === 0) return { keywordsIn: () => EMPTY, keywordCounts: () => new Map() };
  if ([...keywords].some((keyword) => keyword.includes('\n'))) {
    const search = createMultiSearch([...keywords]);
    return { keywordsIn: (bytes) => search.keywordsIn(bytes), keywordCounts: () => undefined };
  }
  return createMultiSearch([...keywords]);
}

/**
 * Wu-Manber multi-pattern search over 2-byte blocks: a window of the shortest keyword's length
 * slides by the distance its last block allows, and only windows whose last block ends some
 * keyword's prefix are compared. The shift table is indexed by raw bytes, with every case variant
 * of a keyword's letters entered, so the hot loop does no case folding (only the comparison of a
 * candidate does). One pass finds every keyword present.
 */
function createMultiSearch(keywords: readonly string[]): BytePrefilter {
  const patterns = keywords.map((keyword) => Buffer.from(keyword, 'latin1'));
  const min = Math.min(...patterns.map((pattern) => pattern.length));
  if (min < 2) return createShortSearch(keywords);
  const shift = new Uint8Array(65536).fill(min - 1);
  /** Blocks some pattern starts with: a window that starts otherwise is passed by at once. */
  const opening = new Uint8Array(65536);
  /** Indexes of the patterns whose first `min` bytes end with a block, by that block. */
  const lists: number[][] = Array.from({ length: 65536 }, () => []);
  const cases = (byte: number) => (byte >= 97 && byte <= 122 ? [byte, byte - 32] : [byte]);
  patterns.forEach((pattern, p) => {
    for (let q = 1; q < min; q++) {
      const distance = min - 1 - q;
      for (const a of cases(pattern[q - 1]!))
        for (const b of cases(pattern[q]!)) {
          const block = (a << 8) | b;
          if (distance < shift[block]!) shift[block] = distance;
        }
    }
    for (const a of cases(pattern[min - 2]!))
      for (const b of cases(pattern[min - 1]!)) lists[(a << 8) | b]!.push(p);
    for (const a of cases(pattern[0]!))
      for (const b of cases(pattern[1]!)) opening[(a << 8) | b] = 1;
  });
  // Flat arrays for the hot loop: block b's candidates are candidates[first[b], first[b + 1]),
  // pattern p's bytes are bytes[offsets[p], offsets[p] + lengths[p]).
  const first = new Int32Array(65537);
  const flat: number[] = [];
  for (let block = 0; block < 65536; block++) {
    first[block] = flat.length;
    flat.push(...lists[block]!);
  }
  first[65536] = flat.length;
  const candidates = Int32Array.from(flat);
  const offsets = new Int32Array(patterns.length);
  const lengths = new Int32Array(patterns.length);
  let total = 0;
  patterns.forEach((pattern, p) => {
    offsets[p] = total;
    lengths[p] = pattern.length;
    total += pattern.length;
  });
  const all = new Uint8Array(total);
  patterns.forEach((pattern, p) => all.set(pattern, offsets[p]));

  /**
   * One pass over `bytes`: with `counts`, counts every occurrence of each pattern; without, stops
   * once every keyword was seen. Returns the keywords seen.
   */
  const search = (bytes: Uint8Array, counts?: Int32Array): Set<string> | undefined => {
    const n = bytes.length;
    let found: Set<string> | undefined;
    let i = min - 1;
    while (i < n) {
      const block = (bytes[i - 1]! << 8) | bytes[i]!;
      const distance = shift[block]!;
      if (distance !== 0) {
        i += distance;
        continue;
      }
      const start = i - min + 1;
      if (opening[(bytes[start]! << 8) | bytes[start + 1]!] === 0) {
        i++;
        continue;
      }
      for (let c = first[block]!, end = first[block + 1]!; c < end; c++) {
        const p = candidates[c]!;
        const length = lengths[p]!;
        if (start + length > n) continue;
        const offset = offsets[p]!;
        let j = 0;
        while (j < length && FOLD[bytes[start + j]!] === all[offset + j]) j++;
        if (j !== length) continue;
        if (counts) {
          counts[p]!++;
          continue;
        }
        const keyword = keywords[p]!;
        found ??= new Set();
        if (!found.has(keyword)) {
          found.add(keyword);
          if (found.size === patterns.length) return found;
        }
      }
      i++;
    }
    return found;
  };

  return {
    keywordCounts(bytes) {
      const counts = new Int32Array(patterns.length);
      search(bytes, counts);
      const map = new Map<string, number>();
      counts.forEach((count, p) => {
        if (count > 0) map.set(keywords[p]!, count);
      });
      return map;
    },
    keywordsIn: (bytes) => search(bytes) ?? EMPTY,
  };
}

/** One-byte keywords: a plain scan (a rule with such a keyword matches nearly everything). */
function createShortSearch(keywords: readonly string[]): BytePrefilter {
  const patterns = keywords.map((keyword) => ({ keyword, bytes: Buffer.from(keyword, 'latin1') }));
  return {
    keywordCounts(bytes) {
      const counts = new Map<string, number>();
      for (const { keyword, bytes: pattern } of patterns) {
        let count = 0;
        outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
          for (let j = 0; j < pattern.length; j++)
            if (FOLD[bytes[i + j]!] !== pattern[j]) continue outer;
          count++;
        }
        if (count > 0) counts.set(keyword, count);
      }
      return counts;
    },
    keywordsIn(bytes) {
      const found = new Set<string>();
      for (const { keyword, bytes: pattern } of patterns) {
        outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
          for (let j = 0; j < pattern.length; j++)
            if (FOLD[bytes[i + j]!] !== pattern[j]) continue outer;
          found.add(keyword);
          break;
        }
      }
      return found;
    },
  };
}
