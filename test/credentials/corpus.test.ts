import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../src/core/logger';
import { Redactor } from '../../src/core/redactor';
import type { Finding } from '../../src/core/types';
import { runScan, type ScanOutcome } from '../../src/scan/run-scan';
import { cleanupGitRepos, createGitRepo, type GitRepo } from '../helpers/git-repo';
import {
  DJANGO_KEY_ALPHABET,
  generateSecret,
  generateUncheckedGitHubToken,
  mulberry32,
  randomString,
  testSeed,
  type SecretKind,
} from '../helpers/secret-generators';
import { reportSeedOnFailure } from '../secrets/rules/scan-helpers';

/**
 * Recall and precision on a real git repository built here: every credential form Django
 * projects commit that the detectors used to miss is planted (true positives), next to every
 * false alarm seen on public Django projects (negatives), in the working tree and in history
 * (some files only in history). The whole pipeline runs through `runScan` with `--history full`,
 * and the test asserts the exact rule ids and severities per file and source. Values are
 * generated at test time; none is committed.
 */

const seed = testSeed();
reportSeedOnFailure(seed);
const random = mulberry32(seed);

const planted: string[] = [];
function secret(kind: SecretKind): string {
  const value = generateSecret(kind, random);
  planted.push(value);
  return value;
}
/** A Django key that starts and ends with a letter or digit (safe unquoted in YAML and INI). */
function djangoKey(): string {
  const value = `k${randomString(DJANGO_KEY_ALPHABET, 48, random)}z`;
  planted.push(value);
  return value;
}
/** A URL-safe password (the db-password kind). */
const password = (): string => secret('db-password');

// ---------------------------------------------------------------------------------------------
// True positives: the forms issue 14 lists as missed.

const mailtrapPassword = password();
const emailHostPassword = password();
const dbPassword = password();
const redisPassword = password();
const cacheOptionsPassword = password();
const awsKeyId = secret('aws-access-key-id');
const awsSecret = secret('aws-secret-access-key');
const githubAppSecret = secret('generic-token');
const allauthSecret = secret('generic-token');
const webhookSecret = `whsec_${secret('generic-token')}`;
const twilioToken = secret('twilio-auth-token');
const sendgridKey = secret('sendgrid-api-key');
const mailgunKey = secret('mailgun-api-key');
const sentryDsn = secret('sentry-dsn-secret');
// The DSN's host and project id are public: only its secret key must never be printed.
planted.splice(planted.indexOf(sentryDsn), 1, /:([0-9a-f]{32})@/.exec(sentryDsn)?.[1] ?? sentryDsn);
const telegramToken = secret('telegram-bot-token');
const jwt = secret('jwt');

const productionSettings = [
  'import os',
  '',
  'import dj_email_url',
  'import environ',
  '',
  'env = environ.Env()',
  '',
  'DEBUG = False',
  'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
  'ALLOWED_HOSTS = ["shop.example.com"]',
  '',
  `email_config = dj_email_url.parse("smtp://mailer:${mailtrapPassword}@smtp.mailtrap.io:2525/")`, // 12
  'EMAIL_HOST_USER = "mailer"',
  `EMAIL_HOST_PASSWORD = "${emailHostPassword}"`, // 14
  'OTHER_PASSWORD = env("OTHER_PASSWORD")', // a required env read: not a finding
  'DATABASES = {',
  '    "default": {',
  '        "ENGINE": "django.db.backends.postgresql",',
  '        "NAME": "shop",',
  '        "USER": "shop",',
  `        "PASSWORD": "${dbPassword}",`, // 21
  '        "HOST": "db.internal.example.com",',
  '    }',
  '}',
  'CACHES = {',
  '    "default": {',
  `        "LOCATION": "redis://:${redisPassword}@cache.internal.example.com:6379/0",`, // 27
  `        "OPTIONS": {"PASSWORD": "${cacheOptionsPassword}"},`, // 28
  '    }',
  '}',
  `AWS_ACCESS_KEY_ID = "${awsKeyId}"`, // 31
  `AWS_SECRET_ACCESS_KEY = env("AWS_SECRET_ACCESS_KEY", default="${awsSecret}")`, // 32
  `SOCIAL_AUTH_GITHUB_SECRET = "${githubAppSecret}"`, // 33
  'SOCIALACCOUNT_PROVIDERS = {',
  `    "google": {"APP": {"client_id": "123.apps.example.com", "secret": "${allauthSecret}", "key": ""}},`, // 35
  '}',
  `STRIPE_WEBHOOK_SECRET = "${webhookSecret}"`, // 37
  `TWILIO_AUTH_TOKEN = "${twilioToken}"`, // 38
  `SENDGRID_API_KEY = env("SENDGRID_API_KEY", default="${sendgridKey}")`, // 39
  `ANYMAIL = {"MAILGUN_API_KEY": "${mailgunKey}"}`, // 40
  `SENTRY_DSN = "${sentryDsn}"`, // 41
  `TELEGRAM_BOT_TOKEN = "${telegramToken}"`, // 42
  `SUPABASE_SERVICE_KEY = "${jwt}"`, // 43
  '',
].join('\n');

const envUrlPassword = password();
const sentryToken = secret('sentry-auth-token');
const submissionPassword = password();
const yamlPassword = password();
const jsonKey = secret('generic-token');
const iniPassword = password();
const tomlToken = secret('generic-token');
const googleKey = secret('google-api-key');
const legacySlack = secret('slack-legacy-webhook');
const slackHook = secret('slack-webhook').replace('https://', '');
const travisSlackToken = secret('generic-token').slice(0, 24);
const pypi = secret('pypi-token');
const npm = secret('npm-token');
const gitlab = secret('gitlab-token');
const openai = secret('openai-api-key');
const templateToken = secret('generic-token');
const prodEnvToken = secret('generic-token');
const webEnvSecret = secret('generic-token');
const dockerEnvPassword = password();
const cookiecutterPassword = password();
const bracketKey = (() => {
  const key = djangoKey();
  const withBrackets = `${key.slice(0, 20)}<${key.slice(20, 30)}>${key.slice(30)}`;
  planted.push(withBrackets);
  return withBrackets;
})();
/** Issue 9: a raw `@` and `:` in the password; the host is what follows the last `@`. */
const atPassword = `${password()}@${password()}:${password()}`;
planted.push(atPassword);

const TRUE_POSITIVE_FILES: Record<string, string> = {
  'manage.py':
    'import os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n',
  'shop/__init__.py': '',
  'shop/settings.py': productionSettings,
  '.env': `DEBUG=False\nEMAIL_URL=smtp+tls://mailer:${envUrlPassword}@smtp.example.com:587\nSENTRY_AUTH_TOKEN=${sentryToken}\n`,
  'deploy/mail.yaml': `mail:\n  smtp_url: submission://apikey:${submissionPassword}@smtp.sendgrid.net:587\n`,
  'deploy/values.yaml': `database:\n  host: db.internal.example.com\n  password: "${yamlPassword}"\n`,
  'deploy/secrets.json': `{\n  "service": "billing",\n  "api_key": "${jsonKey}"\n}\n`,
  'deploy/app.ini': `[database]\nhost = db.internal.example.com\npassword = ${iniPassword}\n`,
  'deploy/app.toml': `[billing]\nendpoint = "https://billing.example.com"\ntoken = "${tomlToken}"\n`,
  'shop/templates/map.html': `<script src="https://maps.googleapis.com/maps/api/js?key=${googleKey}"></script>\n`,
  'shop/notify.py': `LEGACY_HOOK = "${legacySlack}"\nSLACK_HOOK_URL = "${slackHook}"\n`,
  '.travis.yml': `language: python\nnotifications:\n  slack: shopteam:${travisSlackToken}\n`,
  '.pypirc': `[pypi]\nusername = __token__\npassword = ${pypi}\n`,
  'frontend/.npmrc': `//registry.npmjs.org/:_authToken=${npm}\n`,
  'scripts/mirror.py': `GITLAB_TOKEN = "${gitlab}"\n`,
  'assistant/client.py': `OPENAI_API_KEY = "${openai}"\n`,
  'config/app.env.prod': `API_TOKEN=${prodEnvToken}\n`,
  'envs/web.env': `WEB_SECRET=${webEnvSecret}\n`,
  'docker/db.env': `DB_USER=shop\nDB_PASSWORD=${dockerEnvPassword}\n`,
  '.envs/.production/.postgres': `POSTGRES_HOST=postgres\nPOSTGRES_PASSWORD=${cookiecutterPassword}\n`,
  'common.env': `SECRET_KEY=${bracketKey}\n`,
  'shop/db.py': `DATABASE_URL = "postgres://app:${atPassword}@db.example.com:5432/app"\n`,
};

// ---------------------------------------------------------------------------------------------
// False alarms (issue 14) and context (issue 10).

const ciKey = {
  travis: djangoKey(),
  tox: djangoKey(),
  workflow: djangoKey(),
  gitlab: djangoKey(),
  bitbucket: djangoKey(),
  jenkins: djangoKey(),
  nested: djangoKey(),
};
const ciDbPassword = password();
const commentedPassword = { py: password(), yaml: password(), env: password(), ini: password() };
const testKey = djangoKey();
const testSettingsKey = djangoKey();
const fixturePassword = password();
const appSecretKey = secret('generic-token');
const vendoredKey = secret('django-insecure-key');
const vendoredToken = secret('github-token');

const FALSE_ALARM_FILES: Record<string, string> = {
  // Placeholder vocabulary and low-variety values, in a root circle.yml and elsewhere.
  'circle.yml': 'machine:\n  environment:\n    SECRET_KEY: irrelevant\n',
  'config/defaults.py': [
    'SECRET_KEY = "dummy"',
    'SECRET_KEY = "notsecret"',
    'SECRET_KEY = "secretsecretsecret"',
    'SECRET_KEY = "herokudefault"',
    'SECRET_KEY = "fallback-secret-key"',
    'SECRET_KEY = "abcdefghijklmnopqrstuvwxyz"',
    'SECRET_KEY = "irrelevant"',
    '',
  ].join('\n'),
  'docs/setup.md': '# Setup\n\n```\nSECRET_KEY=someRandOmSecrEtKey23\n```\n',
  // CI configuration anywhere: throwaway keys and databases, at most low.
  '.github/workflows/ci.yml': `env:\n  DATABASE_URL: postgres://ci:${ciDbPassword}@localhost/ci\n  DJANGO_SECRET_KEY: ${ciKey.workflow}\n`,
  'tox.ini': `[testenv]\nsetenv =\n    SECRET_KEY = ${ciKey.tox}\n`,
  '.gitlab-ci.yml': `test:\n  variables:\n    DJANGO_SECRET_KEY: "${ciKey.gitlab}"\n`,
  'bitbucket-pipelines.yml': `definitions:\n  variables:\n    - DJANGO_SECRET_KEY=${ciKey.bitbucket}\n`,
  Jenkinsfile: `pipeline {\n  environment {\n    SECRET_KEY = '${ciKey.jenkins}'\n  }\n}\n`,
  'backend/circle.yml': `machine:\n  environment:\n    SECRET_KEY: ${ciKey.nested}\n`,
  'backend/.travis.yml': `env:\n  - DJANGO_SECRET_KEY=${ciKey.travis}\n`,
  // Templates, not credentials.
  'shop/db_templates.py': [
    'DB_URL = "postgres://{username}:{password}@{host}:{port}/{name}".format(**parts)',
    'BROKER_URL = f"amqp://{user}:{password}@{host}//"',
    '',
  ].join('\n'),
  'deploy/k8s.yaml':
    'env:\n  - name: DATABASE_URL\n    value: postgres://app:$(POSTGRESQL_PASSWORD)@db:5432/app\n',
  'docs/database.rst':
    'Set ``DATABASE_URL=postgres://db_username:db_password@db_host:port_num/db_name``.\n',
  // Well-known image defaults: low, said so, in every rule that sees URLs.
  'docker-compose.yml': [
    'services:',
    '  web:',
    '    environment:',
    '      DATABASE_URL: postgres://postgres:postgres@db/app',
    '      BROKER_URL: amqp://guest:guest@rabbitmq:5672//',
    '      MYSQL_URL: mysql://mysql:mysql@mysql/app',
    '      REDIS_URL: redis://:bitnami@redis:6379/0',
    '      SHOP_URL: postgres://shop:shop@db/shop',
    '      READER_URL: postgres://reader:catalog@db/catalog',
    '      FALLBACK_URL: ${DATABASE_URL:-postgres://app:${POSTGRES_PASSWORD:-postgres}@db/app}',
    '  db:',
    '    environment:',
    '      POSTGRES_PASSWORD: postgres',
    '',
  ].join('\n'),
  // saleor: the devcontainer env file and the commented-out default next to a live one.
  '.devcontainer/backend.env':
    'DATABASE_URL=postgres://saleor:saleor@db/saleor\nSECRET_KEY=changeme\nEMAIL_URL=smtp://mailpit:1025\n',
  'legacy/settings.py': [
    'import dj_database_url',
    '',
    'DATABASES = {',
    '    "default": dj_database_url.config(',
    '        default="postgres://saleor:saleor@localhost:5432/saleor",',
    '        # default="postgres://saleor_read_only:saleor@localhost:5432/saleor",',
    '    ),',
    '}',
    `# DATABASE_URL = "postgres://app:${commentedPassword.py}@db.example.com/app"`,
    '',
  ].join('\n'),
  'deploy/commented.yaml': `# url: postgres://app:${commentedPassword.yaml}@db.example.com/app\nurl: \${DATABASE_URL}\n`,
  'deploy/commented.env': `#DATABASE_URL=postgres://app:${commentedPassword.env}@db.example.com/app\nDEBUG=False\n`,
  'deploy/commented.ini': `[db]\n; url = postgres://app:${commentedPassword.ini}@db.example.com/app\nname = shop\n`,
  // Test code and fixtures.
  'shop/tests/__init__.py': '',
  'shop/tests/test_signing.py': [
    'from django.test import TestCase, override_settings',
    '',
    '',
    'class SigningTests(TestCase):',
    '    def test_wrong_key(self):',
    '        secret_key = "secret_access"',
    '        self.assertTrue(secret_key)',
    '',
    '    @override_settings(SECRET_KEY="wrong-signing-key-for-this-test")',
    '    def test_override(self):',
    '        pass',
    '',
    `    SECRET_KEY = "${testKey}"`,
    '',
  ].join('\n'),
  'shop/tests/conftest.py': `JWT_PRIVATE_KEY = """${secret('pem-private-key')}"""\n`,
  'shop/tests/fixtures/users.json': `[{"model": "auth.user", "fields": {"password": "${fixturePassword}"}}]\n`,
  'shop/test_settings.py': `from .settings import *  # noqa\n\nSECRET_KEY = "${testSettingsKey}"\n`,
  // A variable named secret_key in application code is not Django's key.
  'shop/signing.py': `def sign(value):\n    secret_key = "${appSecretKey}"\n    return value, secret_key\n`,
  // Committed third-party code.
  'venv/lib/python3.11/site-packages/botocore/credentials.py': `SECRET_KEY = 'AWS_SECRET_ACCESS_KEY'\nTEST_KEY = "${vendoredKey}"\n`,
  'node_modules/left-pad/test/fixtures.js': `const token = "${vendoredToken}";\n`,
};

// ---------------------------------------------------------------------------------------------
// Issue 20: the written forms real projects use, and the false alarms seen on public projects.

const jsxSecret = secret('generic-token');
const cubeSecret = secret('generic-token');
const tsxJwt = secret('jwt');
const joinedGithub = secret('github-token');
const joinedSlack = secret('slack-token');
const joinedUrlPassword = password();
const fstringGithub = secret('github-token');
const notebookHook = secret('slack-webhook');
const jsonUrlPassword = password();
const jsonEscapedGithub = secret('github-token');
const yamlBlockToken = secret('generic-token');
const yamlFoldedKey = secret('generic-token');
const yamlFlowSecret = secret('generic-token');
const dockerSpaceToken = secret('generic-token');
const dockerSpaceKey = djangoKey();
const dockerRunToken = secret('generic-token');
const herokuKey = djangoKey();
const flyKey = secret('generic-token');
const kubectlPassword = password();
const sqlalchemyPassword = password();
const testFileGithub = secret('github-token');
const commentStripe = secret('stripe-live-key');
const uncheckedGithub = generateUncheckedGitHubToken(random);
planted.push(uncheckedGithub);
const docsExampleKey = djangoKey();
const fakeMarkedPassword = password();
const fakeBlockPasswords = [password(), password()];
const afterFakeBlockPassword = password();
const storyPassword = password();

/** JSON's `\/` and `\uXXXX` escapes, as notebooks and JSON dumps write them. */
const jsonEscaped = (value: string): string => value.replace(/\//g, '\\/').replace(/_/g, '\\u005f');

const FORM_FILES: Record<string, string> = {
  // JavaScript and TypeScript: by name, and a signed JWT in a component.
  'frontend/src/Login.jsx': `const config = {\n  clientSecret: '${jsxSecret}',\n};\n`,
  'analytics/cube.js': `const CUBEJS_API_SECRET = '${cubeSecret}';\n`,
  'frontend/src/Supabase.tsx': `export const serviceKey = "${tsxJwt}";\n`,
  // Joined literals, a join, a URL built with `+`, a constant f-string field.
  'scripts/joined.py': [
    `GITHUB_TOKEN = 'ghp_' + '${joinedGithub.slice(4)}'`,
    `SLACK = ''.join(['${joinedSlack.slice(0, 5)}', '${joinedSlack.slice(5)}'])`,
    `DB_URL = "postgres://app:" + "${joinedUrlPassword}" + "@db.example.com/app"`,
    `TOKEN = f"${fstringGithub.slice(0, 4)}{'${fstringGithub.slice(4)}'}"`,
    '',
  ].join('\n'),
  // A notebook cell and a JSON dump with `\/` and `\u` escapes.
  'notebooks/explore.ipynb': JSON.stringify(
    {
      cells: [
        {
          cell_type: 'code',
          source: ['import requests\n', `HOOK = "${notebookHook}"\n`],
        },
      ],
    },
    null,
    1,
  )
    .replace(/\//g, '\\/')
    .concat('\n'),
  'deploy/dump.json': [
    '{',
    `  "DATABASE_URL": "${jsonEscaped(`postgres://app:${jsonUrlPassword}@db.example.com/app`)}",`,
    `  "deploy_token": "${jsonEscaped(jsonEscapedGithub)}"`,
    '}',
    '',
  ].join('\n'),
  // YAML block, folded and flow scalars.
  'deploy/app-config.yaml': [
    'app:',
    '  private_token: |',
    `    ${yamlBlockToken}`,
    '  api_key: >-',
    `    ${yamlFoldedKey}`,
    `  oauth: {client_secret: ${yamlFlowSecret}, name: shop}`,
    '',
  ].join('\n'),
  // Dockerfile space form; docker run, heroku, fly and kubectl in a script.
  Dockerfile: `FROM python:3.12\nENV API_TOKEN ${dockerSpaceToken}\nENV DJANGO_SECRET_KEY ${dockerSpaceKey}\n`,
  'scripts/deploy.sh': [
    '#!/bin/sh',
    `docker run -e API_TOKEN=${dockerRunToken} shop:latest`,
    `heroku config:set DJANGO_SECRET_KEY='${herokuKey}' --app shop`,
    `fly secrets set STRIPE_API_KEY=${flyKey}`,
    `kubectl create secret generic db --from-literal=DB_PASSWORD=${kubectlPassword}`,
    '',
  ].join('\n'),
  // SQLAlchemy's dialect+driver scheme.
  'shop/engine.py': `engine = create_engine("postgresql+psycopg2://app:${sqlalchemyPassword}@db.example.com/shop")\n`,
  // A real token keeps its severity in a test, a comment and vendored code; a made-up one does not.
  'shop/tests/test_github.py': `GITHUB_TOKEN = "${testFileGithub}"\nOTHER_TOKEN = "${uncheckedGithub}"\n`,
  'shop/payments.py': `# old key: ${commentStripe}\nSTRIPE_KEY = env("STRIPE_KEY")\n`,
};

/** False alarms seen on public projects (issue 20): all gone, or low. */
const FORM_FALSE_ALARM_FILES: Record<string, string> = {
  // paperless-ngx: key generators in an install script, a compose file and a README.
  'install-paperless-ngx.sh': [
    '#!/bin/bash',
    "SECRET_KEY=$(LC_ALL=C tr -dc 'a-zA-Z0-9' < /dev/urandom | head -c 50)",
    'PAPERLESS_SECRET_KEY=$(openssl rand -base64 48)',
    'DB_PASSWORD=`pwgen -s 32 1`',
    '',
  ].join('\n'),
  'compose/generate.yml': [
    'services:',
    '  web:',
    '    environment:',
    `      DJANGO_SECRET_KEY: "$(python -c 'import secrets; print(secrets.token_urlsafe(50))')"`,
    '      SUPERUSER_PASSWORD: $(</run/secrets/superuser_password)',
    '',
  ].join('\n'),
  'INSTALL.md': [
    '# Install',
    '',
    '    SECRET_KEY=$(python -c "from django.core.management.utils import get_random_secret_key; print(get_random_secret_key())")',
    '',
  ].join('\n'),
  // NetBox: a documentation example key outside docs/.
  'install/configuration.md': [
    '# Configuration',
    '',
    'DO NOT COPY AND PASTE THE KEY FROM THE EXAMPLE.',
    '',
    `    SECRET_KEY = '${docsExampleKey}'`,
    '',
  ].join('\n'),
  // paperless-ngx and NetBox: a placeholder, a name mapped to a name, an mkdocs nav entry, a path.
  'ansible/defaults/main.yml': [
    'paperless_secret_key: PLEASECHANGETHISFORTHELOVEOFGOD',
    'paperlessng_superuser_password: paperlessng',
    'docker_private_key: compose/pycharm/.ssh_keys/id_rsa',
    '',
  ].join('\n'),
  'shop/views.py':
    'ACTIONS = {\n    "remove_password": "checksum",\n    "reprocess": "checksum",\n}\n',
  'mkdocs.yml': "nav:\n  - Models:\n      - Token: 'models/users/token.md'\n",
  'shop/setup_hooks.py': 'docker_private_key = "compose/pycharm/.ssh_keys_to_docker/id_rsa"\n',
  // Local setups: a contributor's database URL, a compose stack, a value marked fake.
  'dev/local.py': 'DATABASE_URL = "postgres://postgres:1234@localhost:5432/shop"\n',
  'dev/docker-compose.yml': [
    'services:',
    '  db:',
    '    environment:',
    '      MARIADB_USER: dockvault',
    '      MARIADB_PASSWORD: dockvault',
    '  web:',
    '    environment:',
    '      SHOP_DB_PASSWORD: pa55word',
    '',
  ].join('\n'),
  'dev/seed.yaml': `# WARNING: FAKE credentials for testing purposes only\nadmin_password: ${fakeMarkedPassword}\n`,
  // saleor: the marker comment heads a block (a second comment line, then several values); a
  // blank line ends what it vouches for.
  'dev/fake_block.py': [
    '# WARNING: FAKE credentials for testing purposes only',
    '# These are NOT real credentials and should NEVER be used in production',
    `DB_PASSWORD = "${fakeBlockPasswords[0]}"`,
    `MAIL_PASSWORD = "${fakeBlockPasswords[1]}"`,
    '',
    `SMTP_PASSWORD = "${afterFakeBlockPassword}"`,
    '',
  ].join('\n'),
  // saleor: a PIN with a symbol typed for a database on the contributor's machine.
  'dev/local_pin.py':
    'DATABASES = {"default": dj_database_url.config(default="postgres://postgres:1234$@localhost:5432/shop")}\n',
  // saleor-storefront: a TypeScript enum naming a storage key (a name, not its value).
  'frontend/src/checkout/provider.tsx': 'enum LocalStorageKeys {\n  Token = "checkoutToken",\n}\n',
  // saleor's dashboard: Storybook stories hold made-up props, as test fixtures do.
  'frontend/storybook/stories/KeyDialog.tsx': `const props = {\n  initial: {\n    password: "${storyPassword}",\n  },\n};\n`,
  // Test passwords by name: noise, not findings.
  'shop/tests/test_login.py': 'PASSWORD = "correct-horse-9"\nAPI_TOKEN = "tok3n-for-tests"\n',
};

// Files committed, then deleted: they live in history only.
const oldEmailPassword = password();
const oldMailtrap = password();
const HISTORY_ONLY_FILES: Record<string, string> = {
  'old/local_settings.py': `EMAIL_HOST_PASSWORD = "${oldEmailPassword}"\nEMAIL = dj_email_url.parse('smtp://u1:${oldMailtrap}@smtp.mailtrap.io:2525/')\n`,
  '.env-template': `DJANGO_SECRET_KEY=<generate one>\nDATABASE_URL=postgres://app:\${POSTGRES_PASSWORD}@db/app\nMAILGUN_API_KEY=${templateToken}\n`,
};

/** Secret-related rules: detectors, the credential setting rule, the compose and key rules. */
const SECRET_RULE = /^(DDG1\d\d|DDG20[6-9]|DDG226|DDG309|DDG310)$/;

/** `source rule severity file:line`, the shape the expectations below are written in. */
/**
 * Each place a finding was seen: one secret is one finding, but the tree, its history and the
 * settings that read it are each a location of it, with that place's rule and severity.
 */
function describeLocations(finding: Finding): string[] {
  // A history location is listed where it was introduced and where HEAD holds it now.
  return [
    ...new Set(
      finding.locations.map(
        (at) => `${at.source} ${at.ruleId} ${at.severity} ${at.file}:${at.line}`,
      ),
    ),
  ];
}

/** One finding per (source, rule, severity, place) expected; tree and history alike. */
function both(rule: string, severity: string, place: string): string[] {
  return [`tree ${rule} ${severity} ${place}`, `history ${rule} ${severity} ${place}`];
}

let repo: GitRepo;
let outcome: ScanOutcome;
/** The run's redactor: what the scan registered for masking. */
const redactor = new Redactor();
let findings: string[];

beforeAll(async () => {
  repo = createGitRepo();
  for (const [path, content] of Object.entries({
    ...TRUE_POSITIVE_FILES,
    ...FALSE_ALARM_FILES,
    ...HISTORY_ONLY_FILES,
    ...FORM_FILES,
    ...FORM_FALSE_ALARM_FILES,
  }))
    repo.write(path, content);
  repo.commit('A Django shop with everything committed');
  repo.remove('old/local_settings.py');
  repo.write(
    '.env-template',
    'DJANGO_SECRET_KEY=<generate one>\nMAILGUN_API_KEY=<your mailgun key>\n',
  );
  repo.commit('Drop old settings, keep placeholders in the template');
  outcome = await runScan({
    root: repo.dir,
    given: { history: 'full', failOn: 'never' },
    logger: new RecordingLogger(),
    redactor,
  });
  findings = outcome.result.findings
    .filter((f) => SECRET_RULE.test(f.ruleId))
    .flatMap(describeLocations)
    .sort();
}, 120_000);

afterAll(() => cleanupGitRepos());

/** The findings (tree, settings and history) whose file is `file`. */
function findingsIn(file: string): string[] {
  return findings.filter((f) => f.split(' ')[3]?.replace(/:\d+$/, '') === file);
}

describe('credential corpus: true positives', () => {
  it('the production settings: email URL, credential settings by name and role, vendor tokens', () => {
    const at = (line: number) => `shop/settings.py:${line}`;
    expect(findingsIn('shop/settings.py')).toEqual(
      [
        ...both('DDG109', 'high', at(12)),
        ...both('DDG122', 'high', at(14)),
        `settings DDG226 high ${at(14)}`,
        ...both('DDG122', 'high', at(21)),
        `settings DDG226 high ${at(16)}`,
        ...both('DDG104', 'high', at(27)),
        `settings DDG226 high ${at(25)}`,
        ...both('DDG122', 'high', at(28)),
        `settings DDG226 high ${at(25)}`,
        ...both('DDG105', 'critical', at(31)),
        `settings DDG226 high ${at(32)}`,
        ...both('DDG122', 'high', at(33)),
        `settings DDG226 high ${at(33)}`,
        ...both('DDG122', 'high', at(35)),
        `settings DDG226 high ${at(34)}`,
        ...both('DDG122', 'high', at(37)),
        `settings DDG226 high ${at(37)}`,
        ...both('DDG114', 'high', at(38)),
        ...both('DDG122', 'high', at(38)),
        `settings DDG226 high ${at(38)}`,
        ...both('DDG112', 'high', at(39)),
        `settings DDG226 high ${at(39)}`,
        ...both('DDG113', 'high', at(40)),
        `settings DDG226 high ${at(40)}`,
        ...both('DDG116', 'medium', at(41)),
        `settings DDG226 medium ${at(41)}`,
        ...both('DDG111', 'high', at(42)),
        `settings DDG226 high ${at(42)}`,
        ...both('DDG121', 'high', at(43)),
      ].sort(),
    );
  });

  it.each<[string, string[]]>([
    [
      '.env',
      [
        ...both('DDG102', 'high', '.env:2'),
        ...both('DDG109', 'high', '.env:2'),
        ...both('DDG115', 'high', '.env:3'),
      ],
    ],
    ['deploy/mail.yaml', both('DDG109', 'high', 'deploy/mail.yaml:2')],
    ['deploy/values.yaml', both('DDG122', 'medium', 'deploy/values.yaml:3')],
    ['deploy/secrets.json', both('DDG122', 'medium', 'deploy/secrets.json:3')],
    ['deploy/app.ini', both('DDG122', 'medium', 'deploy/app.ini:3')],
    ['deploy/app.toml', both('DDG122', 'medium', 'deploy/app.toml:3')],
    ['shop/templates/map.html', both('DDG110', 'high', 'shop/templates/map.html:1')],
    [
      'shop/notify.py',
      [
        ...both('DDG107', 'high', 'shop/notify.py:1'),
        ...both('DDG107', 'high', 'shop/notify.py:2'),
      ],
    ],
    ['.travis.yml', both('DDG107', 'high', '.travis.yml:3')],
    ['.pypirc', both('DDG117', 'critical', '.pypirc:3')],
    ['frontend/.npmrc', both('DDG118', 'critical', 'frontend/.npmrc:1')],
    ['scripts/mirror.py', both('DDG119', 'critical', 'scripts/mirror.py:1')],
    ['assistant/client.py', both('DDG120', 'high', 'assistant/client.py:1')],
    ['config/app.env.prod', [...both('DDG102', 'high', 'config/app.env.prod:1')]],
    ['envs/web.env', both('DDG102', 'high', 'envs/web.env:1')],
    ['docker/db.env', [...both('DDG102', 'high', 'docker/db.env:2')]],
    ['.envs/.production/.postgres', [...both('DDG102', 'high', '.envs/.production/.postgres:2')]],
    [
      'common.env',
      [...both('DDG101', 'critical', 'common.env:1'), ...both('DDG102', 'high', 'common.env:1')],
    ],
    ['shop/db.py', both('DDG104', 'high', 'shop/db.py:1')],
  ])('%s', (file, expected) => {
    expect(findingsIn(file)).toEqual([...expected].sort());
  });

  it('files only in history are found there, and only there', () => {
    expect(findingsIn('old/local_settings.py')).toEqual(
      [
        'history DDG109 high old/local_settings.py:2',
        'history DDG122 high old/local_settings.py:1',
      ].sort(),
    );
    expect(findingsIn('.env-template')).toEqual(['history DDG102 high .env-template:3']);
  });

  it('a password with a raw @ and : is one secret; the host is what follows the last @', () => {
    const hit = outcome.result.findings.find(
      (f) => f.ruleId === 'DDG104' && f.file === 'shop/db.py',
    );
    expect(hit?.message).toBe('postgres URL with an inline password for host db.example.com');
    expect(redactor.maskable()).toContain(atPassword);
  });

  it('credential settings say where the value came from and hand it over for masking', () => {
    const messages = outcome.result.findings
      .filter((f) => f.ruleId === 'DDG226')
      .map((f) => f.message);
    // A literal also seen by a file rule is one finding: the settings check is a location of it.
    const emailPassword = outcome.result.findings.find((f) =>
      f.locations.some((at) => at.source === 'settings' && at.setting === 'EMAIL_HOST_PASSWORD'),
    );
    expect(emailPassword?.locations.map((at) => `${at.source} ${at.ruleId}`)).toEqual(
      expect.arrayContaining(['tree DDG122', 'history DDG122', 'settings DDG226']),
    );
    expect(messages).toContain(
      'AWS_SECRET_ACCESS_KEY is a literal secret access key (the committed default of env AWS_SECRET_ACCESS_KEY at shop/settings.py:32, in effect because the production environment does not set AWS_SECRET_ACCESS_KEY)',
    );
    expect(messages.filter((m) => m.startsWith('OTHER_PASSWORD'))).toEqual([]);
    for (const value of [emailHostPassword, dbPassword, awsSecret, allauthSecret, twilioToken])
      expect(redactor.maskable()).toContain(value);
    const aws = outcome.result.findings.find((f) => f.ruleId === 'DDG105' && f.source === 'tree');
    expect(aws?.message).toMatch(/with its secret access key \(line 32\) in the same file$/);
  });
});

describe('credential corpus: false alarms stay quiet or low', () => {
  it.each<[string, string[]]>([
    ['circle.yml', []],
    ['config/defaults.py', []],
    ['docs/setup.md', []],
    ['shop/db_templates.py', []],
    ['deploy/k8s.yaml', []],
    ['docs/database.rst', []],
    [
      '.github/workflows/ci.yml',
      [
        ...both('DDG104', 'low', '.github/workflows/ci.yml:2'),
        ...both('DDG101', 'low', '.github/workflows/ci.yml:3'),
      ],
    ],
    ['tox.ini', both('DDG101', 'low', 'tox.ini:3')],
    ['.gitlab-ci.yml', both('DDG101', 'low', '.gitlab-ci.yml:3')],
    ['bitbucket-pipelines.yml', both('DDG101', 'low', 'bitbucket-pipelines.yml:3')],
    ['Jenkinsfile', both('DDG101', 'low', 'Jenkinsfile:3')],
    ['backend/circle.yml', both('DDG101', 'low', 'backend/circle.yml:3')],
    ['backend/.travis.yml', both('DDG101', 'low', 'backend/.travis.yml:2')],
    [
      'docker-compose.yml',
      [
        ...both('DDG104', 'low', 'docker-compose.yml:4'),
        ...both('DDG104', 'low', 'docker-compose.yml:5'),
        ...both('DDG104', 'low', 'docker-compose.yml:6'),
        ...both('DDG104', 'low', 'docker-compose.yml:7'),
        ...both('DDG104', 'low', 'docker-compose.yml:8'),
        ...both('DDG104', 'low', 'docker-compose.yml:9'),
        ...both('DDG122', 'low', 'docker-compose.yml:13'),
      ],
    ],
    [
      '.devcontainer/backend.env',
      [
        ...both('DDG102', 'low', '.devcontainer/backend.env:1'),
        ...both('DDG104', 'low', '.devcontainer/backend.env:1'),
      ],
    ],
    [
      'legacy/settings.py',
      // History has one finding per secret: the `saleor` default password of lines 5 and 6 is
      // the devcontainer's (.devcontainer/backend.env), its first location.
      [
        'tree DDG104 low legacy/settings.py:5',
        'history DDG104 low legacy/settings.py:5',
        'tree DDG104 low legacy/settings.py:6',
        ...both('DDG104', 'low', 'legacy/settings.py:9'),
      ],
    ],
    ['deploy/commented.yaml', both('DDG104', 'low', 'deploy/commented.yaml:1')],
    [
      'deploy/commented.env',
      [
        ...both('DDG102', 'low', 'deploy/commented.env:1'),
        ...both('DDG104', 'low', 'deploy/commented.env:1'),
      ],
    ],
    ['deploy/commented.ini', both('DDG104', 'low', 'deploy/commented.ini:2')],
    ['shop/tests/test_signing.py', both('DDG101', 'low', 'shop/tests/test_signing.py:13')],
    ['shop/tests/conftest.py', both('DDG103', 'low', 'shop/tests/conftest.py:1')],
    // A password by name in test fixtures is not reported at all (a name proves nothing there).
    ['shop/tests/fixtures/users.json', []],
    ['shop/test_settings.py', both('DDG101', 'low', 'shop/test_settings.py:3')],
    ['shop/signing.py', both('DDG122', 'medium', 'shop/signing.py:2')],
  ])('%s', (file, expected) => {
    expect(findingsIn(file)).toEqual([...expected].sort());
  });

  it('a commented-out value says so; a default credential says so', () => {
    // The finding that holds this place (one secret seen at two places is one finding).
    const messageAt = (file: string, line: number) =>
      outcome.result.findings.find((f) =>
        f.locations.some(
          (at) =>
            at.source === 'tree' && at.ruleId === 'DDG104' && at.file === file && at.line === line,
        ),
      )?.message;
    expect(messageAt('legacy/settings.py', 9)).toBe(
      'postgres URL with an inline password for host db.example.com (on a commented-out line: at most low)',
    );
    expect(messageAt('legacy/settings.py', 6)).toMatch(
      /^postgres URL with an inline password \(a default credential \(.+\)\) for host \w+$/,
    );
    expect(messageAt('docker-compose.yml', 5)).toBe(
      'amqp URL with an inline password (a default credential (a well-known default password)) for host rabbitmq',
    );
    const dotenv = outcome.result.findings.find(
      (f) => f.source === 'tree' && f.file === '.devcontainer/backend.env' && f.ruleId === 'DDG102',
    );
    expect(dotenv?.message).toBe(
      'committed .env file; DATABASE_URL holds only a default credential; keep it out of git',
    );
  });

  it('committed third-party code is skipped in tree and history with one note each, unless a value passes its format validation', () => {
    // The library's own test key: nowhere.
    expect(findingsIn('venv/lib/python3.11/site-packages/botocore/credentials.py')).toEqual([]);
    // A checksum-valid GitHub token is a real token wherever it sits: its severity is kept.
    expect(findingsIn('node_modules/left-pad/test/fixtures.js')).toEqual(
      both('DDG106', 'critical', 'node_modules/left-pad/test/fixtures.js:1').sort(),
    );
    const vendoredToken = outcome.result.findings.find(
      (f) => f.ruleId === 'DDG106' && f.file === 'node_modules/left-pad/test/fixtures.js',
    );
    expect(vendoredToken?.message).toMatch(/\(in vendored code; the value passes/);
    expect(outcome.result.notes.filter((n) => /third-party/.test(n))).toEqual([
      "2 committed third-party files (site-packages/, venv/, .venv/, env/lib/python*/, node_modules/) were scanned only for tokens that pass their format's validation",
      "history: 1 committed third-party file(s) (site-packages/, venv/, .venv/, env/lib/python*/, node_modules/) held values that were not reported; only tokens that pass their format's validation count there",
    ]);
  });
});

describe('credential corpus: the forms real projects write secrets in (issue 20)', () => {
  it.each<[string, string[]]>([
    ['frontend/src/Login.jsx', both('DDG122', 'medium', 'frontend/src/Login.jsx:2')],
    ['analytics/cube.js', both('DDG122', 'medium', 'analytics/cube.js:1')],
    ['frontend/src/Supabase.tsx', both('DDG121', 'high', 'frontend/src/Supabase.tsx:1')],
    [
      'scripts/joined.py',
      [
        ...both('DDG106', 'critical', 'scripts/joined.py:1'),
        ...both('DDG107', 'high', 'scripts/joined.py:2'),
        ...both('DDG104', 'high', 'scripts/joined.py:3'),
        ...both('DDG106', 'critical', 'scripts/joined.py:4'),
      ],
    ],
    ['notebooks/explore.ipynb', both('DDG107', 'high', 'notebooks/explore.ipynb:7')],
    [
      'deploy/dump.json',
      [
        ...both('DDG104', 'high', 'deploy/dump.json:2'),
        ...both('DDG106', 'critical', 'deploy/dump.json:3'),
      ],
    ],
    [
      'deploy/app-config.yaml',
      [
        ...both('DDG122', 'medium', 'deploy/app-config.yaml:3'),
        ...both('DDG122', 'medium', 'deploy/app-config.yaml:5'),
        ...both('DDG122', 'medium', 'deploy/app-config.yaml:6'),
      ],
    ],
    [
      'Dockerfile',
      [...both('DDG122', 'medium', 'Dockerfile:2'), ...both('DDG101', 'critical', 'Dockerfile:3')],
    ],
    [
      'scripts/deploy.sh',
      [
        ...both('DDG122', 'medium', 'scripts/deploy.sh:2'),
        ...both('DDG101', 'critical', 'scripts/deploy.sh:3'),
        ...both('DDG122', 'medium', 'scripts/deploy.sh:4'),
        ...both('DDG122', 'medium', 'scripts/deploy.sh:5'),
      ],
    ],
    ['shop/engine.py', both('DDG104', 'high', 'shop/engine.py:1')],
    [
      'shop/tests/test_github.py',
      [
        ...both('DDG106', 'critical', 'shop/tests/test_github.py:1'),
        ...both('DDG106', 'low', 'shop/tests/test_github.py:2'),
      ],
    ],
    ['shop/payments.py', both('DDG108', 'critical', 'shop/payments.py:1')],
  ])('%s', (file, expected) => {
    expect(findingsIn(file)).toEqual([...expected].sort());
  });

  it('every value found in a written form is registered for masking', () => {
    for (const value of [
      jsxSecret,
      cubeSecret,
      joinedGithub,
      joinedUrlPassword,
      notebookHook,
      jsonUrlPassword,
      yamlBlockToken,
      yamlFoldedKey,
      yamlFlowSecret,
      dockerSpaceToken,
      herokuKey,
      kubectlPassword,
      sqlalchemyPassword,
    ])
      expect(redactor.maskable()).toContain(value);
  });
});

describe('credential corpus: false alarms seen on public projects are gone or low (issue 20)', () => {
  it.each<[string, string[]]>([
    ['install-paperless-ngx.sh', []],
    ['compose/generate.yml', []],
    ['INSTALL.md', []],
    ['install/configuration.md', both('DDG101', 'low', 'install/configuration.md:5')],
    ['ansible/defaults/main.yml', both('DDG122', 'low', 'ansible/defaults/main.yml:2')],
    ['shop/views.py', []],
    ['mkdocs.yml', []],
    ['shop/setup_hooks.py', []],
    ['dev/local.py', both('DDG104', 'low', 'dev/local.py:1')],
    [
      'dev/docker-compose.yml',
      [
        ...both('DDG122', 'low', 'dev/docker-compose.yml:5'),
        ...both('DDG122', 'low', 'dev/docker-compose.yml:8'),
      ],
    ],
    ['dev/seed.yaml', both('DDG122', 'low', 'dev/seed.yaml:2')],
    [
      'dev/fake_block.py',
      [
        ...both('DDG122', 'low', 'dev/fake_block.py:3'),
        ...both('DDG122', 'low', 'dev/fake_block.py:4'),
        ...both('DDG122', 'medium', 'dev/fake_block.py:6'),
      ],
    ],
    ['dev/local_pin.py', both('DDG104', 'low', 'dev/local_pin.py:1')],
    ['frontend/src/checkout/provider.tsx', []],
    ['frontend/storybook/stories/KeyDialog.tsx', []],
    ['shop/tests/test_login.py', []],
  ])('%s', (file, expected) => {
    expect(findingsIn(file)).toEqual([...expected].sort());
  });

  it('no generator, default, placeholder, path or word is registered for masking', () => {
    const masked = redactor.maskable();
    for (const text of [
      "$(LC_ALL=C tr -dc 'a-zA-Z0-9' < /dev/urandom | head -c 50)",
      '$(openssl rand -base64 48)',
      'PLEASECHANGETHISFORTHELOVEOFGOD',
      'paperlessng',
      'compose/pycharm/.ssh_keys/id_rsa',
      'dockvault',
      'pa55word',
      'checksum',
      '1234',
    ])
      expect(masked).not.toContain(text);
  });
});

const STRUCTURE = [
  'django-insecure-',
  '.slack.com/services/hooks/travis?token=',
  ...['RSA ', 'EC ', ''].map((type) => `-----BEGIN ${type}PRIVATE KEY-----`),
];

describe('credential corpus: no value leaves in a message', () => {
  it('no finding, fix, evidence or note quotes a planted value or a 9-character part of it, in any case', () => {
    const texts = [
      ...outcome.result.findings.flatMap((f) => [f.message, f.fix ?? '', f.evidence ?? '']),
      ...outcome.result.notes,
    ].join('\n');
    const lower = texts.toLowerCase();
    for (const value of planted) {
      expect(lower.includes(value.toLowerCase()), 'a planted value is printed').toBe(false);
      for (let i = 0; i + 9 <= value.length; i++) {
        const part = value.slice(i, i + 9);
        // Structural parts of generated formats (the `django-insecure-` prefix that messages
        // name, a legacy webhook's fixed path) are not secret.
        if (STRUCTURE.some((fixed) => fixed.includes(part))) continue;
        if (lower.includes(part.toLowerCase()))
          expect.fail(`a 9-character part of a planted value is printed (at ${i})`);
      }
    }
  });
});
