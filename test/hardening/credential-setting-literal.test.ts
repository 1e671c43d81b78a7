import { describe, expect, it } from 'vitest';
import { credentialSettingLiteral as rule } from '../../src/hardening/rules/credential-setting-literal';
import {
  checkSettingsSource,
  runSettingsRules,
  createCheckContext,
} from '../../src/settings/analyze';
import { memoryRepoFiles } from '../../src/core/repo-files';
import { evaluateSettingsModule } from '../../src/settings/eval';
import { generateSecret, mulberry32, testSeed } from '../helpers/secret-generators';
import { reportSeedOnFailure } from '../secrets/rules/scan-helpers';

/**
 * DDG226 end to end through the evaluator: the value Django would see and where it came from,
 * whatever the quoting or helper in between (issue 14).
 */

const seed = testSeed();
reportSeedOnFailure(seed);
const random = mulberry32(seed);
const password = generateSecret('db-password', random);

const HEADER = [
  'import os',
  '',
  'import environ',
  'from decouple import config',
  '',
  'env = environ.Env()',
  'DEBUG = False',
  "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']",
  '',
].join('\n');

function check(body: string, env: Record<string, string> = {}) {
  return checkSettingsSource({
    file: 'shop/settings.py',
    source: `${HEADER}${body}\n`,
    rules: [rule],
    env: { DJANGO_SECRET_KEY: 'x', ...env },
  }).map((f) => `${f.severity} ${f.line} ${f.message}`);
}

describe('DDG226 credential-setting-literal through the evaluator', () => {
  it.each([
    `EMAIL_HOST_PASSWORD = env('EMAIL_PASSWORD')`,
    `EMAIL_HOST_PASSWORD = os.environ['EMAIL_PASSWORD']`,
    `EMAIL_HOST_PASSWORD = os.getenv('EMAIL_PASSWORD')`,
    `EMAIL_HOST_PASSWORD = config('EMAIL_PASSWORD')`,
    `EMAIL_HOST_PASSWORD = env.str('EMAIL_PASSWORD', default='')`,
    `EMAIL_HOST_PASSWORD = os.environ.get('EMAIL_PASSWORD', '<your password>')`,
  ])('an env read without a literal default is not a finding: %s', (line) => {
    expect(check(line)).toEqual([]);
  });

  it('a value the environment supplies, through any expression, is not a finding', () => {
    const env = { EMAIL_PASSWORD: password };
    expect(
      check(`_PW = os.environ['EMAIL_PASSWORD']\nEMAIL_HOST_PASSWORD = _PW.strip()`, env),
    ).toEqual([]);
    expect(
      check(`DATABASES = {'default': {'PASSWORD': os.environ['EMAIL_PASSWORD'] + ''}}`, env),
    ).toEqual([]);
  });

  it.each([
    `EMAIL_HOST_PASSWORD = '${password}'`,
    `EMAIL_HOST_PASSWORD = "${password}"`,
    `EMAIL_HOST_PASSWORD = r'''${password}'''`,
    `EMAIL_HOST_PASSWORD = (\n    '${password.slice(0, 8)}'\n    '${password.slice(8)}'\n)`,
    `_SMTP = '${password}'\nEMAIL_HOST_PASSWORD = _SMTP`,
    `EMAIL_HOST_PASSWORD = str('${password}').strip()`,
  ])('a literal is a finding, whatever the quoting or helper: %s', (lines) => {
    const found = check(lines);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^high \d+ EMAIL_HOST_PASSWORD is a (literal password|password computed from literals in the code) \(set at shop\/settings\.py:\d+\)$/,
    );
  });

  it.each([
    `EMAIL_HOST_PASSWORD = os.environ.get('EMAIL_PASSWORD', '${password}')`,
    `EMAIL_HOST_PASSWORD = os.getenv('EMAIL_PASSWORD', '${password}')`,
    `EMAIL_HOST_PASSWORD = env('EMAIL_PASSWORD', default='${password}')`,
    `EMAIL_HOST_PASSWORD = env.str('EMAIL_PASSWORD', default="${password}")`,
    `EMAIL_HOST_PASSWORD = config('EMAIL_PASSWORD', default='${password}')`,
  ])('a literal env-read default is a finding: %s', (line) => {
    expect(check(line)).toEqual([
      `high 9 EMAIL_HOST_PASSWORD is a literal password (the committed default of env EMAIL_PASSWORD at shop/settings.py:9, in effect because the production environment does not set EMAIL_PASSWORD)`,
    ]);
    // With the variable set, the committed default still runs wherever it is forgotten.
    expect(check(line, { EMAIL_PASSWORD: 'from-the-platform' })).toEqual([
      `medium 9 EMAIL_HOST_PASSWORD is a literal password (the committed default of env EMAIL_PASSWORD at shop/settings.py:9; any deployment without EMAIL_PASSWORD runs with it)`,
    ]);
  });

  it('a literal fallback after `or` is a finding while the variable is unset', () => {
    // With the variable set, the snapshot keeps no trace of the fallback: the text rule
    // (named-credential-literal) still reads it.
    expect(
      check(`EMAIL_HOST_PASSWORD = os.environ.get('EMAIL_PASSWORD') or '${password}'`),
    ).toEqual([
      `high 9 EMAIL_HOST_PASSWORD is a literal password (the committed default of env EMAIL_PASSWORD at shop/settings.py:9, in effect because the production environment does not set EMAIL_PASSWORD)`,
    ]);
  });

  it('nested credentials: databases, caches, allauth, anymail, and a default credential', () => {
    const secret = generateSecret('generic-token', random);
    const found = check(
      [
        'DATABASES = {',
        "    'default': {'NAME': 'shop', 'USER': 'shop', 'PASSWORD': os.environ.get('DB_PASSWORD', 'shop')},",
        `    'replica': {'NAME': 'shop', 'USER': 'reader', 'PASSWORD': '${password}'},`,
        '}',
        `CACHES = {'default': {'LOCATION': 'redis://:${password}@cache.internal:6379/0'}}`,
        `SOCIALACCOUNT_PROVIDERS = {'github': {'APP': {'client_id': 'abc', 'secret': '${secret}'}}}`,
        `ANYMAIL = {'POSTMARK_SERVER_TOKEN': '${secret}'}`,
        `EMAIL_CONFIG = env.email_url('EMAIL_URL', default='smtp://shop:${password}@smtp.example.com:587')`,
      ].join('\n'),
    );
    // The evaluator places a statement's env reads on the statement's first line (9).
    expect(found).toEqual([
      'low 9 DATABASES["default"]["PASSWORD"] is a default credential (the password is the user name) (the committed default of env DB_PASSWORD at shop/settings.py:9, in effect because the production environment does not set DB_PASSWORD)',
      'high 9 DATABASES["replica"]["PASSWORD"] is a literal password (set at shop/settings.py:9)',
      'high 13 CACHES["default"]["LOCATION"] is a URL with an inline password (set at shop/settings.py:13)',
      'high 14 SOCIALACCOUNT_PROVIDERS["github"]["APP"]["secret"] is a literal secret (set at shop/settings.py:14)',
      'high 15 ANYMAIL["POSTMARK_SERVER_TOKEN"] is a literal token (set at shop/settings.py:15)',
      // env.email_url() gives django-environ's dict: the committed default's password is its key.
      'high 16 EMAIL_CONFIG["EMAIL_HOST_PASSWORD"] is a literal password (set at shop/settings.py:16)',
    ]);
    for (const line of found) {
      expect(line).not.toContain(password);
      expect(line).not.toContain(secret);
    }
  });

  it('hands every value it reports to the pipeline for masking, never to a finding', () => {
    const files = memoryRepoFiles({
      'shop/settings.py': `${HEADER}EMAIL_HOST_PASSWORD = '${password}'\n`,
    });
    const snapshot = evaluateSettingsModule({
      module: 'shop.settings',
      pythonPaths: [''],
      env: {},
      files,
    });
    const ctx = createCheckContext(snapshot, { major: 5, minor: 2 }, files, ['']);
    const masked = new Set<string>();
    const findings = runSettingsRules(ctx, [rule], [], masked);
    expect(findings.map((f) => f.ruleId)).toEqual(['DDG226']);
    expect([...masked]).toEqual([password]);
    expect(JSON.stringify(findings)).not.toContain(password);
  });
});
