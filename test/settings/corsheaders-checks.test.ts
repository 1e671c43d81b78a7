import { describe, expect, it } from 'vitest';
import { urlSplit } from '../../src/settings/rules/cors-support';
import { unknown } from '../../src/settings/value';
import { CORS_APPS as APPS, runRules } from './rules/snapshot-builder';

/** django-cors-headers' checks (django-rules.md §5): only with 'corsheaders' installed. */
interface CorsCase {
  name: string;
  settings: Record<string, unknown>;
  /** Expected `id detail-free line` pairs, sorted. */
  expected: [string, number][];
}

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
