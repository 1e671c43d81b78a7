import { describe, expect, it } from 'vitest';
import { isDotenvPath, isDotenvTemplatePath } from '../../../src/secrets/dotenv-files';
import { dotenvFileCommitted as rule } from '../../../src/secrets/rules/dotenv-file-committed';
import { generateSecret, mulberry32, testSeed } from '../../helpers/secret-generators';
import { reportSeedOnFailure, scanWith, toCrlf } from './scan-helpers';

const seed = testSeed();
reportSeedOnFailure(seed);
const random = mulberry32(seed);
const token = () => generateSecret('generic-token', random);
const djangoKey = () => generateSecret('django-key', random);

describe('DDG102 dotenv-file-committed: paths', () => {
  it.each([
    '.env',
    'backend/.env',
    '.env.production',
    '.env.local',
    'deploy/prod.env',
    '.envs/.production/.django',
    'compose/.envs/.local/.postgres',
    '.env.keys',
    // issue 14: .env-like files by name.
    '.env-template',
    '.env_dev',
    'config/app.env.prod',
    'envs/web.env',
    'docker/db.env',
    '.envs/.production/.postgres',
  ])('%s is a dotenv file', (path) => expect(isDotenvPath(path)).toBe(true));

  it.each([
    'environment.py',
    '.env.py',
    'src/env.ts',
    'docs/.env.md',
    '.envrc',
    'venv/bin/activate',
    '.env.vault',
  ])('%s is not', (path) => expect(isDotenvPath(path)).toBe(false));

  it.each([
    '.env.example',
    '.env.sample',
    '.env.template',
    '.env.dist',
    'config/.env.local.example',
    'example.env',
    'prod.env.example',
    '.env-template',
    '.env-example',
    'app.env.tmpl',
  ])('%s is a template', (path) => expect(isDotenvTemplatePath(path)).toBe(true));

  it.each(['.env', '.env.production', 'config/app.env.prod', 'distribution.env'])(
    '%s is not a template',
    (path) => expect(isDotenvTemplatePath(path)).toBe(false),
  );
});

describe('DDG102: templates by content, default credentials said so (issues 10 and 14)', () => {
  it('a .env-template of placeholders is quiet; one holding a real-looking value is high', () => {
    const placeholders =
      'DJANGO_SECRET_KEY=<generate one>\nDATABASE_URL=postgres://app:${POSTGRES_PASSWORD}@db/app\nMAILGUN_API_KEY=\n';
    expect(scanWith(rule, { path: '.env-template', content: placeholders })).toEqual([]);
    const real = `${placeholders}STRIPE_API_KEY=${token()}\n`;
    expect(
      scanWith(rule, { path: '.env-template', content: real }).map((hit) => [
        hit.match.line,
        hit.severity,
        hit.match.message,
      ]),
    ).toEqual([[4, 'high', '.env template holds real-looking secret values for STRIPE_API_KEY']]);
  });

  it('a file whose only credentials are image defaults is low and says so (saleor devcontainer)', () => {
    const content =
      'DATABASE_URL=postgres://saleor:saleor@db/saleor\nCACHE_URL=redis://redis:6379/0\nSECRET_KEY=changeme\nEMAIL_URL=smtp://mailpit:1025\n';
    expect(
      scanWith(rule, { path: '.devcontainer/backend.env', content }).map((hit) => [
        hit.severity,
        hit.match.message,
        hit.match.maskValues,
      ]),
    ).toEqual([
      [
        'low',
        'committed .env file; DATABASE_URL holds only a default credential; keep it out of git',
        [],
      ],
    ]);
  });

  it('a password equal to the file user or database name is a default credential', () => {
    const content =
      'POSTGRES_USER=shop\nPOSTGRES_DB=shop\nPOSTGRES_PASSWORD=shop\nRABBIT_PASSWORD=guest\n';
    expect(scanWith(rule, { path: 'docker/db.env', content }).map((hit) => hit.severity)).toEqual([
      'low',
    ]);
  });

  it('a real password next to defaults is high, and only the real one is masked', () => {
    const password = generateSecret('db-password', random);
    const content = `DATABASE_URL=postgres://saleor:saleor@db/saleor\nREPLICA_URL=postgres://reader:${password}@replica.example.com/saleor\n`;
    const [hit, ...rest] = scanWith(rule, { path: 'common.env', content });
    expect(rest).toEqual([]);
    expect([hit?.match.line, hit?.severity, hit?.match.message]).toEqual([
      2,
      'high',
      'committed .env file holds secret-looking values for REPLICA_URL',
    ]);
    expect(hit?.match.maskValues).toContain(password);
    expect(hit?.match.maskValues?.join('\n')).not.toContain('saleor:saleor');
  });
});

describe('DDG102 dotenv-file-committed: findings', () => {
  it('names the secret-looking keys, never their values, on the line of the first', () => {
    const values = [djangoKey(), token(), generateSecret('db-password', random)];
    const content = [
      '# Django',
      'DJANGO_SETTINGS_MODULE=config.settings.production',
      'DJANGO_DEBUG=False',
      `DJANGO_SECRET_KEY=${values[0] ?? ''}`,
      'AUTH_USER_MODEL=users.User',
      'PASSWORD_MIN_LENGTH=12',
      `MAILGUN_API_KEY="${values[1] ?? ''}"  # ops`,
      `DATABASE_URL=postgres://app:${values[2] ?? ''}@db.example.com:5432/app`,
      'SENTRY_DSN=',
      '',
    ].join('\n');
    for (const text of [content, toCrlf(content)]) {
      const hits = scanWith(rule, { path: '.envs/.production/.django', content: text });
      expect(hits).toHaveLength(1);
      const [hit] = hits;
      expect(hit?.match.line).toBe(4);
      expect(hit?.severity).toBe('high');
      expect(hit?.match.message).toBe(
        'committed .env file holds secret-looking values for DJANGO_SECRET_KEY, MAILGUN_API_KEY, DATABASE_URL',
      );
      expect(hit?.match.secret).toBe('DATABASE_URL,DJANGO_SECRET_KEY,MAILGUN_API_KEY');
      for (const value of values) expect(hit?.match.message).not.toContain(value);
    }
  });

  it('is stable when values rotate and lines move', () => {
    const a = scanWith(rule, {
      path: '.env',
      content: `DB_PASSWORD=${token()}\nAPI_TOKEN=${token()}\n`,
    });
    const b = scanWith(rule, {
      path: '.env',
      content: `\n\nAPI_TOKEN=${token()}\nDB_PASSWORD=${token()}\n`,
    });
    expect(a[0]?.secretHash).toBe(b[0]?.secretHash);
  });

  it.each([
    ['only configuration', 'DJANGO_DEBUG=True\nDJANGO_ALLOWED_HOSTS=localhost\n'],
    [
      'placeholders',
      'DJANGO_SECRET_KEY=!!!SET DJANGO_SECRET_KEY!!!\nPOSTGRES_PASSWORD=\nAPI_TOKEN=${API_TOKEN}\nSTRIPE_SECRET=<secret>\nSESSION_AUTH=true\n',
    ],
    ['empty file', ''],
    [
      'local default database URL',
      'DATABASE_URL=postgres://postgres:${POSTGRES_PASSWORD}@localhost/app\n',
    ],
  ])('a .env file with %s is one low finding on line 1', (_name, content) => {
    const hits = scanWith(rule, { path: '.env', content });
    expect(hits.map((hit) => [hit.match.line, hit.severity, hit.match.message])).toEqual([
      [1, 'low', 'committed .env file; keep it out of git'],
    ]);
  });

  it('ignores templates that hold placeholders only', () => {
    const content = [
      'DJANGO_SECRET_KEY=change-me',
      'POSTGRES_PASSWORD=postgres',
      'API_TOKEN=your-token-here',
      'GITHUB_TOKEN=',
      'DATABASE_URL=postgres://user:password@localhost:5432/db',
      'SHORT_SECRET=abc123',
      '',
    ].join('\n');
    for (const path of ['.env.example', '.env.sample', '.env.template', '.env.dist', 'example.env'])
      expect(scanWith(rule, { path, content }), path).toEqual([]);
  });

  it('reports a template holding a real-looking secret', () => {
    const content = `DJANGO_DEBUG=True\nDJANGO_SECRET_KEY=change-me\nSTRIPE_API_KEY=${token()}\n`;
    const hits = scanWith(rule, { path: '.env.example', content });
    expect(hits.map((hit) => [hit.match.line, hit.severity])).toEqual([[3, 'high']]);
    expect(hits[0]?.match.message).toBe(
      '.env template holds real-looking secret values for STRIPE_API_KEY',
    );
  });

  it('keeps a Django key with # intact and treats " #" as a comment', () => {
    const hits = scanWith(rule, {
      path: '.env',
      content: 'DJANGO_SECRET_KEY=#a(b)c%d#e\nOTHER_TOKEN= # none yet\n',
    });
    expect(hits.map((hit) => hit.match.secret)).toEqual(['DJANGO_SECRET_KEY']);
  });

  it('does not run on other files', () => {
    expect(scanWith(rule, { path: 'settings.py', content: `API_TOKEN=${token()}\n` })).toEqual([]);
  });
});
