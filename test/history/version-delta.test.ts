import { afterAll, describe, expect, it } from 'vitest';
import { decodeBlob } from '../../src/core/text-decode';
import { scanBlobText, type DetectedSecret, type HitRecord } from '../../src/history/blob-scan';
import { scanHistory } from '../../src/history/scan-history';
import {
  createVersionBase,
  isVersionedText,
  lineHunks,
  scanAgainstBase,
  VersionStore,
  type VersionBase,
} from '../../src/history/version-delta';
import { RecordingLogger } from '../../src/core/logger';
import { createBytePrefilter } from '../../src/secrets/prefilter';
import { hasPythonView, lineViewLines, normalisedViews } from '../../src/secrets/normalise';
import { FAKE_BLOCK_LINES } from '../../src/secrets/hit-context';
import { secretRules } from '../../src/secrets/rules/index';
import { cleanupGitRepos, createGitRepo } from '../helpers/git-repo';
import {
  expandSecretMarkers,
  mulberry32,
  randomString,
  testSeed,
} from '../helpers/secret-generators';

/**
 * A file's next version scanned against an earlier one must give exactly the hits of a scan of
 * its whole text, for every registered rule: random versions of large files mixing prose with
 * every rule's examples, command lines, fake markers, hosts beside passwords and repeated
 * values, edited at random.
 */
const prefilter = createBytePrefilter(secretRules);

afterAll(() => cleanupGitRepos());

function wholeScan(
  path: string,
  bytes: Uint8Array,
): {
  hits: HitRecord[];
  direct: HitRecord[];
  inViews: number;
  keywords: Set<string>;
  counts: Map<string, number>;
} {
  const keywords = new Set(prefilter.keywordsIn(bytes) ?? []);
  const counts = prefilter.keywordCounts(bytes) ?? new Map<string, number>();
  expect(new Set(counts.keys())).toEqual(keywords);
  const text = decodeBlob(bytes) ?? '';
  const inViews = { count: 0 };
  const scan = scanBlobText(
    text,
    [path],
    secretRules,
    undefined,
    new Map(),
    keywords,
    undefined,
    inViews,
  );
  return {
    hits: scan.c,
    direct: scan.c.slice(0, scan.c.length - inViews.count),
    inViews: inViews.count,
    keywords,
    counts,
  };
}

/** Lines to build versions from: prose, every rule's examples with fresh values, and traps. */
function linePool(random: () => number): string[] {
  const pool: string[] = [];
  for (let i = 0; i < 60; i++)
    pool.push(
      `- ${randomString('abcdefghij klmnop', 20 + Math.floor(random() * 60), random)} (#${i})`,
    );
  for (const rule of secretRules) {
    for (const example of [rule.docs.badExample, rule.docs.goodExample]) {
      const { content } = expandSecretMarkers(example.content, random);
      pool.push(...content.split('\n').filter((line) => line.trim() !== ''));
    }
  }
  const key = expandSecretMarkers('{{secret:django-key}}', random).content;
  const traps = [
    '# dummy values for testing only',
    '',
    '',
    `docker run -e DJANGO_SECRET_KEY=${key} -e PASSWORD=${randomString('abcdefXYZ0123456789', 24, random)} web`,
    `heroku config:set API_TOKEN=${randomString('abcdefXYZ0123456789', 32, random)}`,
    'DB_HOST=localhost',
    'DB_HOST=db.internal.example.net',
    `DB_PASSWORD=${randomString('abcdefXYZ0123456789', 20, random)}`,
    'aws_secret_access_key = ' + randomString('ABCDEFabcdef0123456789/+', 40, random),
    `SECRET_KEY=${key}`,
    `django-insecure-${randomString('abcdefghijklmnop0123456789', 50, random)}`,
    'Timezones: Asia/Kolkata, Europe/Paris',
    // Python and YAML structure that whole-file views read across lines.
    '"""',
    'DATABASES = {',
    `    'default': {'ENGINE': 'django.db.backends.postgresql', 'PASSWORD': '${randomString('abcdefXYZ0123456789', 20, random)}'},`,
    '}',
    `API_TOKEN = "${randomString('abcdefXYZ0123456789', 12, random)}" + "${randomString('abcdefXYZ0123456789', 12, random)}"`,
    `SECRET_KEY = (`,
    `    "${key.slice(0, 25)}"`,
    `    "${key.slice(25)}"`,
    ')',
    'environment:',
    `  DB_PASSWORD: >-`,
    `    ${randomString('abcdefXYZ0123456789', 20, random)}`,
    // JSON escapes that hide a value (the JSON view unescapes them).
    `  "webhook": "https:\\/\\/hooks.slack.com\\/services\\/T${randomString('ABCDEF0123456789', 8, random)}\\/B${randomString('ABCDEF0123456789', 8, random)}\\/${randomString('abcdefXYZ0123456789', 24, random)}",`,
    `  "database": "postgres:\\/\\/app:${randomString('abcdefXYZ0123456789', 20, random)}@db.example.net\\/app",`,
    `  "DB_PASSWORD": "\\u0070${randomString('abcdefXYZ0123456789', 20, random)}",`,
  ];
  TRAP_COUNT = traps.length;
  return [...pool, ...traps];
}

/** How many lines at the end of `linePool`'s pool are traps (commands, escapes, structure). */
let TRAP_COUNT = 0;

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

function randomVersion(pool: readonly string[], random: () => number, size = 20_000): string[] {
  const lines: string[] = [];
  for (let length = 0; length < size; length += (lines[lines.length - 1]?.length ?? 0) + 1) {
    const roll = random();
    if (roll < 0.75) lines.push(pool[Math.floor(random() * 60)] ?? '');
    else if (roll < 0.92) lines.push(pick(pool, random));
    else lines.push(pick(pool.slice(-TRAP_COUNT), random));
  }
  return lines;
}

function edit(lines: string[], pool: readonly string[], random: () => number): string[] {
  const next = [...lines];
  const edits = 1 + Math.floor(random() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (next.length + 1));
    const count = 1 + Math.floor(random() * 4);
    const kind = random();
    const fresh = Array.from({ length: count }, () =>
      random() < 0.5 ? (pool[Math.floor(random() * 60)] ?? '') : pick(pool, random),
    );
    if (kind < 0.35) next.splice(at, 0, ...fresh);
    else if (kind < 0.6) next.splice(at, count);
    else if (kind < 0.9) next.splice(at, count, ...fresh);
    // A change inside a line: the same line with a character added.
    else if (next[at] !== undefined) next[at] = `${next[at]}x`;
  }
  return next;
}

const PATHS = [
  'CHANGELOG.md',
  'web/package-lock.json',
  // Whole-file views: Python and YAML.
  'app/settings.py',
  'deploy/compose.yaml',
  'api/schema.graphql',
  'deploy/app.conf',
  'config/app.ini',
  'web/app.js',
];

describe('scanAgainstBase', () => {
  for (const path of PATHS) {
    it(`gives the hits of a whole scan over random versions of ${path}`, () => {
      const random = mulberry32(testSeed() + path.length);
      const pool = linePool(random);
      // Large enough to be kept as a base (Python from 64 KiB).
      let lines = randomVersion(pool, random, hasPythonView(path) ? 70_000 : 20_000);
      // Python: a first statement the view always joins (random lines rarely do).
      const header = hasPythonView(path)
        ? [
            `API_TOKEN = "${randomString('abcdefXYZ0123456789', 12, random)}" + "${randomString('abcdefXYZ0123456789', 12, random)}"`,
          ]
        : [];
      const textOf = (all: readonly string[]) => Buffer.from([...header, ...all].join('\n'));
      let bytes = textOf(lines);
      let base: VersionBase | undefined;
      let delta = 0;
      let withHits = 0;
      let withViewHits = 0;
      for (let step = 0; step < 120; step++) {
        const { hits, direct, inViews, keywords, counts } = wholeScan(path, bytes);
        expect(isVersionedText(path, bytes)).toBe(true);
        if (base) {
          const next = scanAgainstBase(base, bytes, secretRules, prefilter, new Map());
          if (next) {
            delta++;
            if (hits.length > 0) withHits++;
            if (inViews > 0) withViewHits++;
            expect(next.scan, `step ${step}`).toEqual(keywords.size === 0 ? 'clean' : { c: hits });
            expect(next.base.counts, `step ${step}`).toEqual(counts);
            expect(next.base.viewLines, `step ${step}`).toEqual(
              lineViewLines(path, decodeBlob(bytes) ?? ''),
            );
            // The line hashes carried from the base are the version's own.
            const own = createVersionBase(path, bytes, '', [], counts, []);
            expect(next.base.starts, `step ${step}`).toEqual(own.starts);
            expect(next.base.hashes, `step ${step}`).toEqual(own.hashes);
            base = next.base;
          } else base = undefined;
        }
        base ??= createVersionBase(
          path,
          bytes,
          decodeBlob(bytes) ?? '',
          direct,
          counts,
          secretRules,
        );
        lines = edit(lines, pool, random);
        bytes = textOf(lines);
      }
      // Not vacuous: most versions were scanned against their base, with hits to carry.
      expect(delta).toBeGreaterThan(100);
      expect(withHits).toBeGreaterThan(90);
      // Line views rebuilt from their lines, and Python's view from the changed statements,
      // found values too.
      if (hasPythonView(path)) expect(withViewHits).toBeGreaterThan(15);
      else if (lineViewLines(path, lines.join('\n')).length > 0)
        expect(withViewHits).toBeGreaterThan(15);
    });
  }

  it('records the values of the hits it finds, and only those', () => {
    const random = mulberry32(testSeed());
    const prose = randomVersion(linePool(random).slice(0, 60), random);
    const token = expandSecretMarkers('{{secret:github-token}}', random).content;
    const before = Buffer.from(prose.join('\n'));
    const after = Buffer.from(
      [...prose.slice(0, 300), `GITHUB_TOKEN=${token}`, ...prose.slice(300)].join('\n'),
    );
    const scanned = wholeScan('notes.txt', before);
    const base = createVersionBase(
      'notes.txt',
      before,
      decodeBlob(before) ?? '',
      scanned.direct,
      scanned.counts,
      secretRules,
    );
    const found = new Map<string, DetectedSecret>();
    const next = scanAgainstBase(base, after, secretRules, prefilter, found);
    const scan = next?.scan === 'clean' ? undefined : next?.scan;
    expect(scan?.c.map((hit) => [hit.ruleId, hit.line])).toEqual([['DDG106', 301]]);
    expect([...found.values()].map((secret) => secret.identity)).toEqual([token]);
  });

  it('takes large plain UTF-8 text with LF line breaks only', () => {
    const big = Buffer.from('x = 1\n'.repeat(4000));
    expect(isVersionedText('notes.txt', big)).toBe(true);
    expect(isVersionedText('notes.txt', Buffer.from('x = 1\r\n'.repeat(4000)))).toBe(false);
    expect(isVersionedText('notes.txt', Buffer.concat([big, Buffer.from([0xe9, 10])]))).toBe(false);
    expect(isVersionedText('notes.txt', Buffer.from('x = 1\n'.repeat(100)))).toBe(false);
    // Python from 64 KiB.
    expect(isVersionedText('app/models.py', big)).toBe(false);
    expect(isVersionedText('app/models.py', Buffer.from('x = 1\n'.repeat(12000)))).toBe(true);
  });
});

describe('lineViewLines', () => {
  it('names the lines the line views come from: blanking the others gives the same views', () => {
    const random = mulberry32(testSeed() + 7);
    const pool = linePool(random);
    const withViews = new Map<string, number>();
    for (const path of [
      'CHANGELOG.md',
      'deploy/Dockerfile',
      'web/package-lock.json',
      'Dockerfile.json',
    ]) {
      withViews.set(path, 0);
      for (let round = 0; round < 20; round++) {
        const text = randomVersion(pool, random).join('\n');
        const keep = new Set<number>();
        for (const line of lineViewLines(path, text))
          for (let k = Math.max(1, line - FAKE_BLOCK_LINES); k <= line; k++) keep.add(k);
        const blanked = text
          .split('\n')
          .map((line, index) => (keep.has(index + 1) ? line : ''))
          .join('\n');
        const views = normalisedViews(path, text);
        if (views.length > 0) withViews.set(path, (withViews.get(path) ?? 0) + 1);
        expect(normalisedViews(path, blanked), path).toEqual(views);
        expect(lineViewLines(path, blanked), path).toEqual(lineViewLines(path, text));
      }
    }
    // Not vacuous: each path had views in some of its texts.
    for (const [path, count] of withViews) expect(count, path).toBeGreaterThan(3);
    // Whole-file views have no view lines.
    expect(lineViewLines('settings.py', 'x = "a" + "b"\n')).toEqual([]);
  });
});

describe('lineHunks', () => {
  /** Line starts of `text`'s bytes (LF). */
  const startsOf = (bytes: Buffer) => {
    const starts = [0];
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) starts.push(i + 1);
    return Int32Array.from(starts);
  };

  it('gives hunks that turn the old lines into the new, with every other line equal', () => {
    const random = mulberry32(testSeed());
    const words = ['alpha', 'beta', 'gamma', 'delta', 'alpha', ''];
    for (let round = 0; round < 300; round++) {
      const old = Array.from({ length: Math.floor(random() * 40) }, () => pick(words, random));
      let now = [...old];
      for (let e = Math.floor(random() * 4); e > 0; e--) {
        const at = Math.floor(random() * (now.length + 1));
        if (random() < 0.5) now.splice(at, 1 + Math.floor(random() * 3));
        else
          now.splice(
            at,
            0,
            ...Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(words, random)),
          );
      }
      if (random() < 0.2) now = Array.from({ length: 300 }, (_, i) => `line ${i}`);
      const a = Buffer.from(old.join('\n'));
      const b = Buffer.from(now.join('\n'));
      const startsA = startsOf(a);
      const startsB = startsOf(b);
      const hunks = lineHunks(a, startsA, b, startsB, 0, startsA.length, startsB.length);
      const linesA = a.toString().split('\n');
      const linesB = b.toString().split('\n');
      const rebuilt: string[] = [];
      let ai = 0;
      let bi = 0;
      for (const hunk of hunks) {
        expect(hunk.aFrom - ai).toBe(hunk.bFrom - bi);
        // Lines between hunks are equal, with their line breaks.
        for (; ai < hunk.aFrom; ai++, bi++) {
          expect(linesA[ai]).toBe(linesB[bi]);
          rebuilt.push(linesA[ai]!);
        }
        rebuilt.push(...linesB.slice(hunk.bFrom, hunk.bTo));
        ai = hunk.aTo;
        bi = hunk.bTo;
      }
      for (; ai < linesA.length; ai++, bi++) rebuilt.push(linesA[ai]!);
      expect(bi).toBe(linesB.length);
      expect(rebuilt).toEqual(linesB);
    }
  });
});

describe('VersionStore', () => {
  it('keeps the latest version per path and drops the least recently used past its size', () => {
    const base = (path: string, size: number): VersionBase =>
      createVersionBase(path, Buffer.alloc(size, 97), '', [], new Map(), []);
    const store = new VersionStore(100);
    store.set(base('a', 40));
    store.set(base('b', 40));
    store.get('a');
    store.set(base('c', 40));
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')?.bytes.length).toBe(40);
    store.set(base('a', 50));
    expect(store.get('a')?.bytes.length).toBe(50);
    expect(store.get('c')?.bytes.length).toBe(40);
    store.set(base('d', 200));
    expect(store.get('d')).toBeUndefined();
  });

  it('stops trying a path after two misses in a row, and tries again eight versions later', () => {
    const store = new VersionStore(100);
    const tries: boolean[] = [];
    for (let version = 0; version < 14; version++) {
      const trying = store.worthTrying('messages.po');
      tries.push(trying);
      if (trying) store.record('messages.po', version >= 11);
    }
    expect(tries).toEqual([true, true, ...Array<boolean>(8).fill(false), true, true, true, true]);
    expect(store.worthTrying('messages.po')).toBe(true);
  });
});

describe('history scan of a large file in many versions', () => {
  it('finds what the reference mode finds, at the version that introduced each value', async () => {
    // Decided by blob-job's shortcuts (a version against its base, keywords only of rules that
    // ignore the path) in the fast scan; every blob whole in the reference.
    const random = mulberry32(testSeed() + 7);
    const pool = linePool(random);
    const repo = createGitRepo();
    let lines = randomVersion(pool.slice(0, 60), random);
    for (let version = 0; version < 40; version++) {
      lines = edit(lines, pool, random);
      repo
        .write('CHANGELOG.md', lines.join('\n'))
        .write('docs/notes.txt', lines.slice(10).join('\n'))
        .write('web/package-lock.json', lines.slice(5).join('\n'))
        // A catalogue: DDG122 and DDG121 ignore it, every other rule reads it.
        .write('locale/de/LC_MESSAGES/django.po', lines.slice(0, 40).join('\n'));
      repo.commit(`version ${version}`);
    }
    const scan = (reference: boolean) =>
      scanHistory({
        repoDir: repo.dir,
        mode: 'full',
        rules: secretRules,
        logger: new RecordingLogger(),
        reference,
      });
    const [fast, slow] = [await scan(false), await scan(true)];
    expect(slow.findings.length).toBeGreaterThan(1);
    expect(fast.findings).toEqual(slow.findings);
  });
});
