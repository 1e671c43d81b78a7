import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BlobScan } from '../../src/history/blob-scan';
import {
  CACHE_VERSION,
  cacheFileText,
  parseCache,
  unpackScans,
  type CachedHistory,
} from '../../src/history/cache';
import { saveCache } from '../../src/history/cache-file';
import { silentLogger } from '../../src/core/logger';
import { mulberry32, testSeed } from '../helpers/secret-generators';

const hex = (random: () => number) =>
  Array.from({ length: 40 }, () => Math.floor(random() * 16).toString(16)).join('');

/** Scans as a full scan leaves them: most blobs clean, a few with hits, in the order met. */
function scansOf(cleanCount: number, random: () => number): Map<string, BlobScan> {
  const scans = new Map<string, BlobScan>();
  for (let i = 0; i < cleanCount; i++) {
    scans.set(hex(random), { c: [] });
    if (i % 5000 === 17)
      scans.set(hex(random), {
        c: [
          {
            ruleId: 'DDG101',
            line: i,
            message: 'a "quoted" message\\ with a backslash',
            severity: 'high',
            secretHash: hex(random),
            evidence: 'dj…(50)',
          },
        ],
        ...(i % 2 === 0 ? { p: { DDG105: [] } } : {}),
      });
  }
  return scans;
}

const history: CachedHistory = {
  tips: ['a'.repeat(40)],
  commitCount: 3,
  blobCount: 2,
  commits: [['b'.repeat(40), '2024-01-01T00:00:00Z']],
  occurrences: { ['c'.repeat(40)]: [['app/settings.py', 0]] },
};

describe('the cache file text', () => {
  it('is JSON.stringify of the cache file, written in pieces', () => {
    const random = mulberry32(testSeed());
    for (const cleanCount of [0, 1, 8191, 8192, 8193, 20000]) {
      const scans = scansOf(cleanCount, random);
      const clean = [...scans].filter(([, scan]) => scan.c.length === 0 && !scan.p);
      const blobs = Object.fromEntries(
        [...scans].filter(([, scan]) => scan.c.length > 0 || scan.p),
      );
      for (const withHistory of [undefined, history]) {
        const pieces = [...cacheFileText(scans, 'rules-hash', withHistory)];
        expect(pieces.join('')).toBe(
          JSON.stringify({
            version: CACHE_VERSION,
            rulesHash: 'rules-hash',
            blobs,
            clean: clean.map(([id]) => id).join(' '),
            ...(withHistory ? { history: withHistory } : {}),
          }),
        );
        // No piece holds the clean ids whole.
        expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThanOrEqual(8192 * 41);
      }
    }
  });

  it('is read back as the scans it was written from, through the file', async () => {
    const scans = scansOf(30000, mulberry32(testSeed()));
    const dir = mkdtempSync(join(tmpdir(), 'ddg-cache-text-'));
    const file = join(dir, 'sub', 'history.json');
    await saveCache(file, cacheFileText(scans, 'rules-hash', history), silentLogger);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['history.json']);
    const parsed = parseCache(readFileSync(file, 'utf8'), 'rules-hash');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.cache.history).toEqual(history);
    const restored = unpackScans(parsed.cache);
    expect([...restored.keys()].sort()).toEqual([...scans.keys()].sort());
    for (const [id, scan] of scans) expect(restored.get(id)).toEqual(scan);
  });
});
