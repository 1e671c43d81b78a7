import { describe, expect, it } from 'vitest';
import { CACHE_VERSION, computeRulesHash, parseCache } from '../../src/history/cache';
import { decodeBlob, isBinaryContent } from '../../src/core/text-decode';
import { createProgressReporter } from '../../src/history/progress';
import { createRawLogParser, type RawChange } from '../../src/history/raw-log';
import { testRules, testTokenRule } from './test-rules';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const Z = '0'.repeat(40);

function parse(tokens: string[]) {
  const commits: string[] = [];
  const changes: (RawChange & { commit: string })[] = [];
  const feed = createRawLogParser({
    onCommit: (sha, date) => commits.push(`${sha} ${date}`),
    onChange: (change) => changes.push({ ...change, commit: commits.at(-1) ?? '' }),
  });
  for (const token of tokens) feed(Buffer.from(token, 'utf8'));
  return { commits, changes };
}

describe('createRawLogParser', () => {
  it('reads adds, edits, deletions and a merge combined diff, skipping links and submodules', () => {
    const { commits, changes } = parse([
      `\x01${A} 2024-01-01T00:00:00+00:00`,
      `\n:000000 100644 ${Z} ${B} A`,
      'dir/with space\tand tab.py',
      `:000000 100755 ${Z} ${A} A`,
      'run.sh',
      `:000000 100664 ${Z} ${C} A`,
      'legacy.txt',
      `:000000 100600 ${Z} ${C} A`,
      'not-a-git-mode',
      `:100644 000000 ${B} ${Z} D`,
      'gone.py',
      `:000000 120000 ${Z} ${C} A`,
      'link',
      `:000000 160000 ${Z} ${C} A`,
      'vendor/sub',
      `\x01${C} 2024-01-02T00:00:00+00:00`,
      '',
      `::100644 100644 100644 ${A} ${B} ${C} MM`,
      'settings.py',
    ]);
    expect(commits).toEqual([`${A} 2024-01-01T00:00:00+00:00`, `${C} 2024-01-02T00:00:00+00:00`]);
    expect(changes).toEqual([
      { path: 'dir/with space\tand tab.py', blob: B, parentBlobs: [], commit: commits[0] },
      { path: 'run.sh', blob: A, parentBlobs: [], commit: commits[0] },
      { path: 'legacy.txt', blob: C, parentBlobs: [], commit: commits[0] },
      { path: 'not-a-git-mode', parentBlobs: [], commit: commits[0] },
      { path: 'gone.py', parentBlobs: [B], commit: commits[0] },
      { path: 'link', parentBlobs: [], commit: commits[0] },
      { path: 'vendor/sub', parentBlobs: [], commit: commits[0] },
      { path: 'settings.py', blob: C, parentBlobs: [A, B], commit: commits[1] },
    ]);
  });
});

describe('decodeBlob', () => {
  it('skips binary content (more than 4 NULs in the first 8000 bytes), not a stray NUL', () => {
    expect(isBinaryContent(Uint8Array.from([65, 0, 66, 0, 0, 0, 0]))).toBe(true);
    // One NUL pasted into a script does not hide it (git's one-NUL rule did).
    expect(isBinaryContent(Uint8Array.from([65, 0, 66]))).toBe(false);
    expect(decodeBlob(Uint8Array.from([65, 0, 66]))).toBe('A\u0000B');
    const late = new Uint8Array(9000).fill(65);
    late.fill(0, 8500, 8600);
    expect(isBinaryContent(late)).toBe(false);
    expect(decodeBlob(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0, 0]))).toBeUndefined();
  });

  it('decodes UTF-16 with a byte-order mark, NULs and all', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('KEY=value\n', 'utf16le')]);
    expect(isBinaryContent(le)).toBe(false);
    expect(decodeBlob(le)).toBe('KEY=value\n');
    const be = Buffer.from([0xfe, 0xff, 0, 0x41, 0, 0x0a]);
    expect(decodeBlob(be)).toBe('A\n');
  });

  it('decodes UTF-8 and falls back to Latin-1 for invalid UTF-8', () => {
    expect(decodeBlob(new TextEncoder().encode('caf\u00e9\n'))).toBe('caf\u00e9\n');
    expect(decodeBlob(Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a]))).toBe('caf\u00e9\n');
  });

  it('drops a multi-byte character cut by the size limit instead of switching to Latin-1', () => {
    const bytes = new TextEncoder().encode('\u00e9t\u00e9');
    expect(decodeBlob(bytes.subarray(0, 4), true)).toBe('\u00e9t');
    // The decoder is reset between blobs.
    expect(decodeBlob(new TextEncoder().encode('ok'))).toBe('ok');
  });

  it('gives ASCII blobs (the native fast path) the text UTF-8 decoding gives, views of a larger buffer included', () => {
    // A 32-bit LCG (exact with Math.imul), its high bits taken: the low bits of an LCG repeat.
    let seed = 11;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 16) % n;
    };
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    let decoded = 0;
    for (let round = 0; round < 200; round++) {
      // ASCII with CR, LF, tabs and stray NULs, read out of the middle of a bigger chunk (as a
      // blob is read out of git's output).
      const chunk = Uint8Array.from({ length: 64 + next(400) }, () =>
        next(50) === 0 ? 0 : 1 + next(127),
      );
      const start = next(32);
      const blob = chunk.subarray(start, chunk.length - next(32));
      if (isBinaryContent(blob)) continue;
      expect(decodeBlob(blob, round % 3 === 0)).toBe(utf8.decode(blob));
      decoded++;
    }
    expect(decoded).toBeGreaterThan(50);
    // One non-ASCII byte leaves the fast path: UTF-8, else Latin-1, as before.
    expect(decodeBlob(Uint8Array.from([0x41, 0xc3, 0xa9]))).toBe('A\u00e9');
    expect(decodeBlob(Uint8Array.from([0x41, 0xe9]))).toBe('A\u00e9');
  });
});

describe('createProgressReporter', () => {
  it('draws one tty line with \\r and ends it when done', () => {
    const out: string[] = [];
    const report = createProgressReporter('tty', (s) => out.push(s));
    report({ blobsScanned: 50, blobsTotal: 100, bytes: 2_000_000, elapsedMs: 1000 });
    report({ blobsScanned: 100, blobsTotal: 100, bytes: 4_000_000, elapsedMs: 2000 });
    expect(out[0]).toBe('\rhistory [############------------] 50/100 blobs, 2.0 MB/s');
    expect(out[1]).toMatch(/^\rhistory \[#{24}\] 100\/100 blobs, 2\.0 MB\/s\n$/);
  });

  it('logs a line at most every 5 s, plus the final one', () => {
    const out: string[] = [];
    const report = createProgressReporter('log', (s) => out.push(s));
    report({ blobsScanned: 1, blobsTotal: 100_000, bytes: 0, elapsedMs: 500 });
    report({ blobsScanned: 2, blobsTotal: 100_000, bytes: 0, elapsedMs: 3000 });
    report({ blobsScanned: 12_345, blobsTotal: 100_000, bytes: 42_100_000, elapsedMs: 6000 });
    report({ blobsScanned: 100_000, blobsTotal: 100_000, bytes: 84_200_000, elapsedMs: 7000 });
    expect(out).toEqual([
      'history: 1/100,000 blobs, 0.0 MB/s',
      'history: 12,345/100,000 blobs, 7.0 MB/s',
      'history: 100,000/100,000 blobs, 12.0 MB/s',
    ]);
  });
});

describe('parseCache', () => {
  const hash = computeRulesHash(testRules, 1024);

  it('depends on the rules and the size limit', () => {
    expect(computeRulesHash([testTokenRule], 1024)).not.toBe(hash);
    expect(computeRulesHash(testRules, 2048)).not.toBe(hash);
    expect(computeRulesHash(testRules, 1024)).toBe(hash);
  });

  it('accepts a valid file and rejects corrupt or stale ones without throwing', () => {
    const valid = { version: CACHE_VERSION, rulesHash: hash, blobs: { [A]: { c: [] } } };
    expect(parseCache(JSON.stringify(valid), hash)).toMatchObject({ ok: true });
    expect(parseCache('{"version":', hash)).toMatchObject({ ok: false });
    expect(parseCache('[]', hash)).toMatchObject({ ok: false });
    expect(
      parseCache(JSON.stringify({ ...valid, version: CACHE_VERSION - 1 }), hash),
    ).toMatchObject({
      ok: false,
      stale: true,
    });
    expect(parseCache(JSON.stringify({ ...valid, rulesHash: 'x' }), hash)).toMatchObject({
      ok: false,
      stale: true,
    });
    expect(
      parseCache(JSON.stringify({ ...valid, blobs: { [A]: { c: [{ line: 1 }] } } }), hash),
    ).toMatchObject({
      ok: false,
    });
    expect(
      parseCache(JSON.stringify({ ...valid, blobs: { 'not-a-sha': { c: [] } } }), hash),
    ).toMatchObject({
      ok: false,
    });
  });
});
