import { describe, expect, it } from 'vitest';
import { urlSplit } from '../../../src/settings/rules/cors-support';
import { unknown } from '../../../src/settings/value';
import { runRules } from './snapshot-builder';

/** django-cors-headers' checks (django-rules.md §5): only with 'corsheaders' installed. */
interface CorsCase {
  name: string;
  settings: Record<string, unknown>;
  /** Expected `id detail-free line` pairs, sorted. */
  expected: [string, number][];
}

const APPS = { INSTALLED_APPS: ['corsheaders'] };

const cases: CorsCase[] = [
  { name: 'defaults pass', settings: APPS, expected: [] },
  {
    name: 'not installed: nothing is checked',
    settings: {
      INSTALLED_APPS: [],
      CORS_ALLOW_CREDENTIALS: 'yes',
      CORS_ALLOWED_ORIGINS: ['x.com'],
    },
    expected: [],
  },
  {
    name: 'E001 str headers',
    settings: { ...APPS, CORS_ALLOW_HEADERS: 'authorization' },
    expected: [['corsheaders.E001', 2]],
  },
  {
    name: 'E001 non-str item',
    settings: { ...APPS, CORS_ALLOW_HEADERS: ['a', 1] },
    expected: [['corsheaders.E001', 2]],
  },
  {
    name: 'E002 methods',
    settings: { ...APPS, CORS_ALLOW_METHODS: null },
    expected: [['corsheaders.E002', 2]],
  },
  {
    name: 'E003 "True" is not a bool',
    settings: { ...APPS, CORS_ALLOW_CREDENTIALS: 'True' },
    expected: [['corsheaders.E003', 2]],
  },
  { name: 'E003 bool passes', settings: { ...APPS, CORS_ALLOW_CREDENTIALS: true }, expected: [] },
  {
    name: 'E004 negative',
    settings: { ...APPS, CORS_PREFLIGHT_MAX_AGE: -1 },
    expected: [['corsheaders.E004', 2]],
  },
  {
    name: 'E004 str',
    settings: { ...APPS, CORS_PREFLIGHT_MAX_AGE: '60' },
    expected: [['corsheaders.E004', 2]],
  },
  {
    name: 'E004 bool is an int in Python',
    settings: { ...APPS, CORS_PREFLIGHT_MAX_AGE: true },
    expected: [],
  },
  {
    name: 'E005 old alias',
    settings: { ...APPS, CORS_ORIGIN_ALLOW_ALL: 1 },
    expected: [['corsheaders.E005', 2]],
  },
  {
    name: 'E005 new name wins over alias',
    settings: { ...APPS, CORS_ALLOW_ALL_ORIGINS: false, CORS_ORIGIN_ALLOW_ALL: 1 },
    expected: [],
  },
  {
    name: 'E006 str origins',
    settings: { ...APPS, CORS_ALLOWED_ORIGINS: 'https://a.example.com' },
    expected: [['corsheaders.E006', 2]],
  },
  {
    name: 'E006 a set is not a Sequence',
    settings: { ...APPS, CORS_ALLOWED_ORIGINS: { kind: 'set', items: [] } },
    expected: [['corsheaders.E006', 2]],
  },
  {
    name: 'E007 regexes',
    settings: { ...APPS, CORS_ALLOWED_ORIGIN_REGEXES: '^https://.*$' },
    expected: [['corsheaders.E007', 2]],
  },
  {
    name: 'E007 compiled patterns pass',
    settings: {
      ...APPS,
      CORS_ALLOWED_ORIGIN_REGEXES: [{ kind: 'opaque', typeName: 're.Pattern' }],
    },
    expected: [],
  },
  {
    name: 'E008 expose headers',
    settings: { ...APPS, CORS_EXPOSE_HEADERS: 'x' },
    expected: [['corsheaders.E008', 2]],
  },
  {
    name: 'E009 urls regex list',
    settings: { ...APPS, CORS_URLS_REGEX: ['^/api/'] },
    expected: [['corsheaders.E009', 2]],
  },
  {
    name: 'E012 CORS_MODEL set',
    settings: { ...APPS, CORS_MODEL: 'app.Model' },
    expected: [['corsheaders.E012', 2]],
  },
  {
    name: 'E013 origins without scheme or host; null and file:// are special',
    settings: {
      ...APPS,
      CORS_ALLOWED_ORIGINS: [
        'example.com',
        'localhost:3000',
        'null',
        'file://',
        'https://ok.example.com',
      ],
    },
    expected: [
      ['corsheaders.E013', 2],
      ['corsheaders.E013', 2],
    ],
  },
  {
    name: 'E013 via the old alias',
    settings: { ...APPS, CORS_ORIGIN_WHITELIST: ['example.com'] },
    expected: [['corsheaders.E013', 2]],
  },
  {
    name: 'E013 for CORS_REPLACE_HTTPS_REFERER',
    settings: { ...APPS, CORS_REPLACE_HTTPS_REFERER: true },
    expected: [['corsheaders.E013', 2]],
  },
  {
    name: 'E014 one per part',
    settings: {
      ...APPS,
      CORS_ALLOWED_ORIGINS: ['https://a.example.com/', 'https://b.example.com/x?y#z'],
    },
    expected: [
      ['corsheaders.E014', 2],
      ['corsheaders.E014', 2],
      ['corsheaders.E014', 2],
      ['corsheaders.E014', 2],
    ],
  },
  {
    name: 'E015 private network',
    settings: { ...APPS, CORS_ALLOW_PRIVATE_NETWORK: 'no' },
    expected: [['corsheaders.E015', 2]],
  },
];

describe('corsheaders checks', () => {
  for (const c of cases) {
    it(c.name, () => {
      const found = runRules(c.settings, '5.2')
        .filter((f) => f.ruleId.startsWith('corsheaders.'))
        .map((f) => [f.ruleId, f.line] as [string, number]);
      expect(found.sort()).toEqual(c.expected);
    });
  }

  it('names the alias the project used in the message', () => {
    const [finding] = runRules({ ...APPS, CORS_ORIGIN_ALLOW_ALL: 'yes' }, '5.2').filter(
      (f) => f.ruleId === 'corsheaders.E005',
    );
    expect(finding?.message).toMatch(/^CORS_ORIGIN_ALLOW_ALL should be a bool/);
  });

  it('fingerprints each bad origin separately', () => {
    const findings = runRules({ ...APPS, CORS_ALLOWED_ORIGINS: ['a.com', 'b.com'] }, '5.2').filter(
      (f) => f.ruleId === 'corsheaders.E013',
    );
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('is undecided only when a bad value meets an Unknown INSTALLED_APPS', () => {
    const bad = runRules(
      { INSTALLED_APPS: unknown('computed'), CORS_ALLOW_CREDENTIALS: 'x' },
      '5.2',
    ).filter((f) => f.ruleId.startsWith('corsheaders.'));
    expect(bad.map((f) => [f.ruleId, f.severity])).toEqual([['corsheaders.E003', 'info']]);
    const good = runRules({ INSTALLED_APPS: unknown('computed') }, '5.2').filter((f) =>
      f.ruleId.startsWith('corsheaders.'),
    );
    expect(good).toEqual([]);
  });
});

describe('urlSplit (Python urllib.parse.urlsplit)', () => {
  it.each([
    [
      'https://example.com',
      { scheme: 'https', netloc: 'example.com', path: '', query: '', fragment: '' },
    ],
    ['example.com', { scheme: '', netloc: '', path: 'example.com', query: '', fragment: '' }],
    ['localhost:3000', { scheme: 'localhost', netloc: '', path: '3000', query: '', fragment: '' }],
    [
      'HTTP://A.com:8000/p?q=1#f',
      { scheme: 'http', netloc: 'A.com:8000', path: '/p', query: 'q=1', fragment: 'f' },
    ],
    ['//example.com', { scheme: '', netloc: 'example.com', path: '', query: '', fragment: '' }],
  ])('%s', (url, parts) => {
    expect(urlSplit(url)).toEqual(parts);
  });
});
