import { describe, expect, it } from 'vitest';
import { decodeBlob } from '../../src/core/text-decode';
import { runSecretRules } from '../../src/secrets/detect';
import { createBytePrefilter } from '../../src/secrets/prefilter';
import type { SecretRule, TextFile } from '../../src/secrets/rule';
import { secretRules } from '../../src/secrets/rules';
import { SECRET_KINDS } from '../../src/secrets/secret-kinds';
import {
  expandSecretMarkers,
  generateSecret,
  mulberry32,
  testSeed,
  type SecretKind,
} from '../helpers/secret-generators';
import { reportSeedOnFailure } from './rules/scan-helpers';

/**
 * The byte prefilter must never drop a blob that a rule matches: for every registered rule (new
 * detectors included, through their metadata), on the rule's documented bad example and on
 * generated true positives, in the encodings and cases a repository holds.
 */
const seed = testSeed();
reportSeedOnFailure(seed);

const prefilter = createBytePrefilter(secretRules);

/** How the history scan treats a blob: the hits it gets, or none when the prefilter drops it. */
function pipelineHits(rule: SecretRule, path: string, bytes: Buffer) {
  const text = decodeBlob(bytes);
  if (text === undefined) return [];
  const keywords = prefilter.keywordsIn(bytes);
  const pathRuleApplies = rule.appliesToPath?.(path) === true;
  if (keywords?.size === 0 && !pathRuleApplies) return [];
  return runSecretRules({ path, content: text }, [rule], keywords);
}

function reference(rule: SecretRule, path: string, bytes: Buffer) {
  const text = decodeBlob(bytes);
  return text === undefined ? [] : runSecretRules({ path, content: text }, [rule]);
}

/** The byte forms of a text a repository may hold. */
function variants(content: string): [string, Buffer][] {
  return [
    ['utf-8', Buffer.from(content, 'utf8')],
    ['utf-8 with BOM and non-ASCII', Buffer.from(`\ufeff# café ĳ İ ſ K\n${content}`, 'utf8')],
    ['latin-1', Buffer.from(`# caf\u00e9\n${content}`, 'latin1')],
    ['CRLF', Buffer.from(content.replace(/\n/g, '\r\n'), 'utf8')],
    ['upper case', Buffer.from(content.toUpperCase(), 'utf8')],
  ];
}

/** Files holding one generated secret of each kind, the way detectors expect to see them. */
function truePositives(random: () => number): TextFile[] {
  const files: TextFile[] = [];
  for (const kind of Object.keys(SECRET_KINDS) as SecretKind[]) {
    const secret = generateSecret(kind, random);
    files.push(
      {
        path: 'mysite/settings.py',
        content: `SECRET_KEY = "${secret}"\nVALUE = """${secret}"""\n`,
      },
      { path: '.env', content: `API_TOKEN=${secret}\nSECRET_KEY=${secret}\n` },
      {
        path: 'config/settings/production.py',
        content: `DATABASE_URL = "postgres://app:${secret}@db.example.com/app"\n`,
      },
      {
        path: 'deploy/credentials.ini',
        content: `aws_access_key_id = ${generateSecret('aws-access-key-id', random)}\naws_secret_access_key = ${secret}\n`,
      },
      { path: 'docs/notes.md', content: `token: ${secret}\n` },
    );
  }
  return files;
}

describe('byte prefilter', () => {
  it('is decidable for the registered rules (every content rule declares keywords)', () => {
    expect(prefilter.keywordsIn(Buffer.from('nothing to see'))).toEqual(new Set());
  });

  it.each(secretRules.map((rule) => [rule.id, rule] as const))(
    '%s: never drops a blob the rule matches (bad example, generated true positives)',
    (_id, rule) => {
      const random = mulberry32(seed);
      const bad = expandSecretMarkers(rule.docs.badExample.content, random);
      const files: TextFile[] = [
        { path: rule.docs.badExample.file, content: bad.content },
        ...truePositives(random),
      ];
      let matched = 0;
      for (const file of files) {
        for (const [form, bytes] of variants(file.content)) {
          const expected = reference(rule, file.path, bytes);
          matched += expected.length > 0 ? 1 : 0;
          expect(pipelineHits(rule, file.path, bytes), `${file.path} (${form})`).toEqual(expected);
        }
      }
      // The bad example matches in at least its plain form: the comparison above was not vacuous.
      expect(matched).toBeGreaterThan(0);
    },
  );

  it('finds exactly the keywords a case-insensitive search of the decoded text finds', () => {
    const random = mulberry32(seed);
    const rules: readonly SecretRule[] = secretRules;
    const keywords = [...new Set(rules.flatMap((rule) => rule.keywords ?? []))];
    // Characters that case-fold oddly (İ ı ſ K ﬀ), windows-1252 specials and plain ASCII.
    const noise = ['a', 'Z', '_', '-', ' ', '\n', 'İ', 'ı', 'ſ', 'K', 'ﬀ', 'é', '€', '\u0000'];
    for (let round = 0; round < 400; round++) {
      const parts: string[] = [];
      for (let i = 0; i < 40; i++) {
        if (random() < 0.1) {
          const keyword = keywords[Math.floor(random() * keywords.length)] ?? '';
          // Random case, sometimes cut short by one character.
          const cased = [...keyword]
            .map((c) => (random() < 0.5 ? c.toUpperCase() : c))
            .join('')
            .slice(0, random() < 0.2 ? -1 : undefined);
          parts.push(cased);
        } else parts.push(noise[Math.floor(random() * noise.length)] ?? '');
      }
      const text = parts.join('');
      for (const encoding of ['utf8', 'latin1'] as const) {
        const bytes = Buffer.from(text, encoding);
        const decoded = decodeBlob(bytes);
        if (decoded === undefined) continue;
        const expected = keywords.filter((keyword) =>
          new RegExp(keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i').test(decoded),
        );
        expect([...(prefilter.keywordsIn(bytes) ?? [])].sort(), JSON.stringify(text)).toEqual(
          expected.sort(),
        );
        // Counts: every start position, overlaps included, summing over pieces cut at line breaks.
        const counted = new Map<string, number>();
        const lower = decoded.toLowerCase();
        for (const keyword of keywords) {
          let count = 0;
          for (let at = lower.indexOf(keyword); at !== -1; at = lower.indexOf(keyword, at + 1))
            count++;
          if (count > 0) counted.set(keyword, count);
        }
        if (!/[İıſKﬀ]/.test(decoded))
          expect(prefilter.keywordCounts(bytes), JSON.stringify(text)).toEqual(counted);
        const cut = bytes.indexOf(10);
        if (cut !== -1) {
          const sum = new Map(prefilter.keywordCounts(bytes.subarray(0, cut + 1)));
          for (const [keyword, count] of prefilter.keywordCounts(bytes.subarray(cut + 1)) ?? [])
            sum.set(keyword, (sum.get(keyword) ?? 0) + count);
          expect(sum).toEqual(prefilter.keywordCounts(bytes));
        }
      }
    }
  });

  it('turns itself off for a content rule without keywords or with a non-ASCII keyword', () => {
    const base = secretRules[0];
    const noKeywords: SecretRule = { ...base, id: 'X1', keywords: undefined };
    const nonAscii: SecretRule = { ...base, id: 'X2', keywords: ['clé'] };
    expect(createBytePrefilter([base, noKeywords]).keywordsIn(Buffer.from('x'))).toBeUndefined();
    expect(createBytePrefilter([base, noKeywords]).keywordCounts(Buffer.from('x'))).toBeUndefined();
    expect(createBytePrefilter([base, nonAscii]).keywordsIn(Buffer.from('x'))).toBeUndefined();
    // A path rule decides by path and needs no keyword.
    const pathRule: SecretRule = {
      ...base,
      id: 'X3',
      keywords: undefined,
      appliesToPath: () => true,
    };
    expect(createBytePrefilter([base, pathRule]).keywordsIn(Buffer.from('x'))).toEqual(new Set());
  });

  it('lets a rule ignore only paths where its detector finds nothing', () => {
    const random = mulberry32(seed);
    const paths = [
      'locale/de/LC_MESSAGES/django.po',
      'app/i18n/languages/es/dict.json',
      '.env',
      'deploy/.env.production',
      'docs/notes.md',
      'README.rst',
      'static/app.css',
      'settings.py',
      'config.yaml',
    ];
    const ignoring = secretRules.filter((rule) => rule.ignoresPath !== undefined);
    expect(ignoring.map((rule) => rule.id).sort()).toEqual(['DDG121', 'DDG122']);
    for (const rule of ignoring) {
      for (const path of paths) {
        if (!rule.ignoresPath?.(path)) continue;
        for (const rule2 of secretRules) {
          const content = expandSecretMarkers(rule2.docs.badExample.content, random).content;
          expect(rule.detect({ path, content }), `${rule.id} at ${path}`).toEqual([]);
        }
      }
    }
  });

  it('handles one- and two-letter keywords', () => {
    const base = secretRules[0];
    const short = createBytePrefilter([{ ...base, keywords: ['q', 'zz'] }]);
    expect([...(short.keywordsIn(Buffer.from('aQb')) ?? [])]).toEqual(['q']);
    const two = createBytePrefilter([{ ...base, keywords: ['zz', 'abc'] }]);
    expect([...(two.keywordsIn(Buffer.from('xZzABC')) ?? [])].sort()).toEqual(['abc', 'zz']);
    expect([...(two.keywordsIn(Buffer.from('z')) ?? [])]).toEqual([]);
    expect(short.keywordCounts(Buffer.from('qQ zz q'))).toEqual(
      new Map([
        ['q', 3],
        ['zz', 1],
      ]),
    );
    expect(two.keywordCounts(Buffer.from('zzZ abc'))).toEqual(
      new Map([
        ['zz', 2],
        ['abc', 1],
      ]),
    );
  });
});
