import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runSecretRules } from '../../src/secrets/detect';
import { databaseUrlWithPassword } from '../../src/secrets/rules/database-url-with-password';
import { findUrlCredentials, unquoteUrlPart } from '../../src/secrets/url-credentials';
import { mulberry32, randomString, testSeed } from '../helpers/secret-generators';
import { reportSeedOnFailure } from './rules/scan-helpers';

/**
 * URL passwords are split the way Python's `urllib.parse.urlsplit` splits them (dj-database-url,
 * django-environ and dj-email-url all use it): Debian's python3 is the oracle. A test that
 * cannot reach it fails; it never skips.
 */

const seed = testSeed();
reportSeedOnFailure(seed);

const PYTHON = '/usr/bin/python3';

interface Split {
  username: string | null;
  password: string | null;
  hostname: string | null;
  unquoted: string | null;
}

function pythonSplit(urls: readonly string[]): Split[] {
  const script = [
    'import json, sys',
    'from urllib.parse import urlsplit, unquote',
    'out = []',
    'for url in json.load(sys.stdin):',
    '    r = urlsplit(url)',
    '    out.append({"username": r.username, "password": r.password, "hostname": r.hostname,',
    '                "unquoted": None if r.password is None else unquote(r.password)})',
    'print(json.dumps(out))',
  ].join('\n');
  const stdout = execFileSync(PYTHON, ['-c', script], {
    input: JSON.stringify(urls),
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as Split[];
}

function ours(url: string): Split {
  const [found, ...rest] = findUrlCredentials(url);
  expect(rest).toEqual([]);
  if (!found) return { username: null, password: null, hostname: null, unquoted: null };
  return {
    username: found.user,
    password: found.password,
    hostname: found.host === '' ? null : found.host,
    unquoted: unquoteUrlPart(found.password),
  };
}

/** Passwords with the characters that break naive splitting: `@`, `#`, `%`, `:` and friends. */
const HAND_WRITTEN = [
  'postgres://app:Kx7fQ2mZ@Wd9pL3vRtY8sN@db.example.com:5432/app',
  'postgres://app:ab#cd@db.example.com/x',
  'postgres://app:p%40ss%2Fw0rd@db.example.com/x',
  'postgres://app:p%zz%4@db.example.com/x',
  'postgres://app:pa:ss:word@db.example.com/x',
  'redis://:s3cr3t-pw@redis:6379/0',
  'postgres://u:p@[::1]:5432/x',
  'postgres://a@b:c@d.example.com/x',
  'postgres://u:p;q,r)s@h.example.com/x',
  'smtp://u:p@h.example.com?x=a@b',
  'amqp://user:pass@word@rabbit.example.com:5672//',
  'mysql://root:%F0%9F%94%91key@mysql.example.com/db',
];

describe('findUrlCredentials agrees with urllib.parse.urlsplit', () => {
  it('on passwords holding @, #, %, : and other delimiters', () => {
    const expected = pythonSplit(HAND_WRITTEN);
    const got = HAND_WRITTEN.map(ours);
    // Python finds no password when `#` ends the authority first; neither do we.
    expect(got).toEqual(
      expected.map((e) => (e.password === null ? { ...e, username: null, hostname: null } : e)),
    );
  });

  it('on generated passwords drawn from every printable character but the URL end markers', () => {
    const random = mulberry32(seed);
    // Not `[` or `]`: urlsplit rejects them outside an IPv6 host (so does every URL library).
    const alphabet =
      'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!$&()*+,;=:@%#-._~^{}|';
    const urls = Array.from({ length: 400 }, () => {
      const password = randomString(alphabet, 8 + Math.floor(random() * 24), random);
      return `postgres://app:${password}@db${Math.floor(random() * 9)}.example.com:5432/shop`;
    });
    const expected = pythonSplit(urls);
    urls.forEach((url, i) => {
      const want = expected[i]!;
      // No password, or an empty one: nothing secret to find.
      expect(ours(url), url).toEqual(
        want.password === null || want.password === ''
          ? { username: null, password: null, hostname: null, unquoted: null }
          : want,
      );
    });
  });
});

describe('a password with a raw @', () => {
  it('is one secret, masked whole, and no part of it is named as the host', () => {
    const random = mulberry32(seed);
    for (let i = 0; i < 50; i++) {
      const left = randomString(
        'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789',
        10,
        random,
      );
      const right = randomString(
        'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789',
        14,
        random,
      );
      const password = `${left}@${right}`;
      const content = `DATABASE_URL = "postgres://app:${password}@db.internal.example.com/app"\n`;
      const [hit, ...rest] = runSecretRules({ path: 'shop/settings.py', content }, [
        databaseUrlWithPassword,
      ]);
      expect(rest).toEqual([]);
      expect(hit?.match.secret).toBe(password);
      expect(hit?.match.maskValues).toEqual([password]);
      expect(hit?.match.message).toBe(
        'postgres URL with an inline password for host db.internal.example.com',
      );
      expect(hit?.match.message.toLowerCase()).not.toContain(right.toLowerCase());
    }
  });

  it('a percent-encoded password is hashed decoded and masked in both forms', () => {
    const content =
      'DATABASE_URL = "postgres://app:Zq8%40Lm3%3Ax9Tr@db.internal.example.com/app"\n';
    const [hit] = runSecretRules({ path: 'shop/settings.py', content }, [databaseUrlWithPassword]);
    expect(hit?.match.secret).toBe('Zq8@Lm3:x9Tr');
    expect(hit?.match.maskValues).toEqual(['Zq8@Lm3:x9Tr', 'Zq8%40Lm3%3Ax9Tr']);
  });
});
