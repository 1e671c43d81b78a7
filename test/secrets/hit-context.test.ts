import { describe, expect, it } from 'vitest';
import { runSecretRules } from '../../src/secrets/detect';
import { hitContextsOf, isInComment } from '../../src/secrets/hit-context';
import {
  isCiPath,
  isDocsPath,
  isSettingsShapedPath,
  isTestPath,
  isVendoredPath,
} from '../../src/secrets/path-context';
import { secretRules } from '../../src/secrets/rules';
import { databaseUrlWithPassword } from '../../src/secrets/rules/database-url-with-password';
import { githubToken } from '../../src/secrets/rules/github-token';
import { privateKeyCommitted } from '../../src/secrets/rules/private-key-committed';
import { generateSecret, mulberry32, testSeed } from '../helpers/secret-generators';
import { reportSeedOnFailure } from './rules/scan-helpers';

/** Issue 10's "context that decides severity", for every detector at once. */

const seed = testSeed();
reportSeedOnFailure(seed);
const random = mulberry32(seed);

describe('path contexts', () => {
  it.each([
    'site-packages/botocore/credentials.py',
    'venv/lib/python3.11/site-packages/x.py',
    '.venv/lib/python3.12/site-packages/x.py',
    'env/lib/python3.9/site-packages/django/conf/global_settings.py',
    'myenv/lib/python3.10/os.py',
    'frontend/node_modules/left-pad/index.js',
    'backend/.tox/py311/lib/x.py',
  ])('%s is vendored', (path) => expect(isVendoredPath(path)).toBe(true));

  it.each([
    'shop/settings.py',
    'envs/web.env',
    'docs/venv.md',
    'shop/environment.py',
    'lib/shop.py',
  ])('%s is not vendored', (path) => expect(isVendoredPath(path)).toBe(false));

  it.each([
    'circle.yml',
    'backend/circle.yml',
    '.travis.yml',
    'tox.ini',
    '.github/workflows/ci.yml',
    'backend/.github/workflows/test.yaml',
    '.gitlab-ci.yml',
    'bitbucket-pipelines.yml',
    'Jenkinsfile',
    '.circleci/config.yml',
  ])('%s is CI configuration', (path) => expect(isCiPath(path)).toBe(true));

  it.each([
    'shop/tests/test_views.py',
    'shop/test_settings.py',
    'shop/settings/test.py',
    'shop/views_test.py',
    'conftest.py',
    'shop/fixtures/users.json',
    'tests/settings.py',
    '.env.test',
    'frontend/src/api.test.ts',
    'dashboard/storybook/stories/KeyDialog.tsx',
    'frontend/src/Button.stories.tsx',
  ])('%s is test code or a fixture', (path) => expect(isTestPath(path)).toBe(true));

  it.each([
    'shop/views.py',
    'shop/settings/production.py',
    'contest/models.py',
    'latest.env',
    'news/stories.py',
    'news/stories/models.py',
  ])('%s is not test code', (path) => expect(isTestPath(path)).toBe(false));

  it.each(['README.md', 'docs/deploy.rst', 'docs/conf.py', 'CHANGELOG'])(
    '%s is documentation',
    (path) => expect(isDocsPath(path)).toBe(true),
  );

  it.each([
    ['shop/settings.py', true],
    ['config/settings/production.py', true],
    ['shop/local_settings.py', true],
    ['shop/settings_prod.py', true],
    ['app/config.py', true],
    ['shop/views.py', false],
    ['shop/signing.py', false],
    ['shop/settings.yaml', false],
  ] as const)('%s settings-shaped: %s', (path, expected) =>
    expect(isSettingsShapedPath(path)).toBe(expected),
  );
});

describe('commented-out lines (Python, YAML, .env, INI)', () => {
  it.each([
    ['shop/settings.py', '# DATABASE_URL = "postgres://…"', 2],
    ['shop/settings.py', 'x = 1  # postgres://…', 8],
    ['deploy/values.yaml', '  # url: postgres://…', 4],
    ['deploy/values.yaml', 'url: x # postgres://…', 9],
    ['.env', '#DATABASE_URL=postgres://…', 1],
    ['deploy/app.ini', '; url = postgres://…', 2],
    ['deploy/app.ini', '# url = postgres://…', 2],
    ['frontend/src/config.js', '// const url = "postgres://…"', 4],
  ] as const)('%s: %s', (path, line, column) => expect(isInComment(path, line, column)).toBe(true));

  it.each([
    // A Django key may hold `#`: inside quotes in Python, without whitespace before it in .env.
    ['shop/settings.py', 'SECRET_KEY = "ab#cd-postgres://…"', 15],
    ['.env', 'SECRET_KEY=ab#cd', 12],
    ['deploy/values.yaml', 'key: ab#cd', 5],
    // configparser has no inline comments by default.
    ['deploy/app.ini', 'password = a;b # c', 11],
    ['shop/settings.py', 'URL = "postgres://…"  # a comment after it', 7],
  ] as const)('%s: %s is not', (path, line, column) =>
    expect(isInComment(path, line, column)).toBe(false),
  );

  it('hit contexts combine the path and the line', () => {
    expect(hitContextsOf('shop/tests/test_x.py', '# KEY = 1', 1)).toEqual(['comment', 'test']);
    expect(hitContextsOf('.github/workflows/ci.yml', 'KEY: x', 1)).toEqual(['ci']);
    expect(hitContextsOf('node_modules/x/test/a.js', 'k', 1)).toEqual(['vendored', 'test']);
  });
});

describe('every detector honours the context', () => {
  it('a commented-out database URL is at most low and says why, keeping its uncapped severity', () => {
    const password = generateSecret('db-password', random);
    for (const [path, line] of [
      ['shop/settings.py', `# DATABASE_URL = "postgres://app:${password}@db.example.com/app"`],
      ['deploy/values.yaml', `# url: postgres://app:${password}@db.example.com/app`],
      ['deploy/prod.env', `#DATABASE_URL=postgres://app:${password}@db.example.com/app`],
      ['deploy/app.ini', `; url = postgres://app:${password}@db.example.com/app`],
    ] as const) {
      const hits = runSecretRules({ path, content: `${line}\n` }, [databaseUrlWithPassword]);
      expect(
        hits.map((hit) => [
          hit.severity,
          hit.match.uncappedSeverity,
          hit.match.contexts,
          hit.match.message,
        ]),
        path,
      ).toEqual([
        [
          'low',
          'high',
          ['comment'],
          'postgres URL with an inline password for host db.example.com (on a commented-out line: at most low)',
        ],
      ]);
    }
  });

  it('an RSA key in a test fixture is low, not critical', () => {
    const pem = generateSecret('pem-private-key', random);
    const [hit] = runSecretRules(
      { path: 'shop/plugins/openid/tests/conftest.py', content: `KEY = """${pem}"""\n` },
      [privateKeyCommitted],
    );
    expect([hit?.severity, hit?.match.uncappedSeverity, hit?.match.contexts]).toEqual([
      'low',
      'critical',
      ['test'],
    ]);
  });

  it('a vendor token in CI configuration keeps its severity; a database URL there is low', () => {
    const token = generateSecret('github-token', random);
    const [hit] = runSecretRules(
      { path: '.github/workflows/release.yml', content: `env:\n  GH_TOKEN: ${token}\n` },
      [githubToken],
    );
    expect([hit?.severity, hit?.match.contexts]).toEqual(['critical', ['ci']]);
    const password = generateSecret('db-password', random);
    const [url] = runSecretRules(
      {
        path: '.github/workflows/ci.yml',
        content: `env:\n  DATABASE_URL: postgres://ci:${password}@localhost/ci\n`,
      },
      [databaseUrlWithPassword],
    );
    expect([url?.severity, url?.match.uncappedSeverity]).toEqual(['low', 'high']);
  });

  it('every hit of every rule carries its contexts and an uncapped severity', () => {
    const key = generateSecret('django-key', random);
    const hits = runSecretRules(
      { path: 'shop/settings.py', content: `SECRET_KEY = "${key}"\n` },
      secretRules,
    );
    expect(
      hits.map((hit) => [
        hit.rule.id,
        hit.severity,
        hit.match.uncappedSeverity,
        hit.match.contexts,
      ]),
    ).toEqual([['DDG101', 'critical', 'critical', []]]);
  });
});
