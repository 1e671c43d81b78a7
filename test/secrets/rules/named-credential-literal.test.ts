import { describe, expect, it } from 'vitest';
import {
  CREDENTIAL_NAME_KEYWORDS,
  credentialKindOfName,
} from '../../../src/secrets/credential-names';
import { namedCredentialLiteral as rule } from '../../../src/secrets/rules/named-credential-literal';
import { generateSecret, mulberry32, testSeed } from '../../helpers/secret-generators';
import { reportSeedOnFailure, scanWith, toCrlf } from './scan-helpers';

const seed = testSeed();
reportSeedOnFailure(seed);
const random = mulberry32(seed);

describe('credential names', () => {
  it.each([
    ['EMAIL_HOST_PASSWORD', 'password'],
    ['DATABASE_PASSWORD_PROD', 'password'],
    ['DB_PASS', 'password'],
    ['password', 'password'],
    ['AWS_SECRET_ACCESS_KEY', 'secret access key'],
    ['SOCIAL_AUTH_GITHUB_SECRET', 'secret'],
    ['STRIPE_SECRET_KEY', 'secret'],
    ['clientSecret', 'secret'],
    ['GOOGLE_CLIENT_SECRET', 'secret'],
    ['SENDGRID_API_KEY', 'API key'],
    ['apiKey', 'API key'],
    ['TWILIO_AUTH_TOKEN', 'token'],
    ['GITHUB_TOKEN', 'token'],
    ['RECAPTCHA_PRIVATE_KEY', 'private key'],
    ['GOOGLE_CHECKOUT_MERCHANT_KEY', 'API key'],
    ['secret', 'secret'],
  ])('%s holds a %s', (name, kind) => expect(credentialKindOfName(name)).toBe(kind));

  it.each([
    'SECRET_KEY',
    'DJANGO_SECRET_KEY',
    'SECRET_KEY_FALLBACKS',
    'STRIPE_PUBLIC_KEY',
    'STRIPE_PUBLISHABLE_KEY',
    'RECAPTCHA_SITE_KEY',
    'CSRF_TOKEN',
    'AWS_ACCESS_KEY_ID',
    'PASSWORD_RESET_TIMEOUT',
    'PASSWORD_HASHERS',
    'AUTH_PASSWORD_VALIDATORS',
    'TOKEN_LIFETIME',
    'PASSWORD_FIELD',
    'TOKEN_TYPE',
    'SOCIAL_AUTH_GITHUB_KEY',
    'SENTRY_DSN',
    'DATABASE_URL',
  ])('%s is not a credential name', (name) => expect(credentialKindOfName(name)).toBeUndefined());
});

describe('DDG122 named-credential-literal: generated true positives', () => {
  const forms: {
    name: string;
    build: (v: string) => { path: string; content: string };
    severity: string;
  }[] = [
    {
      name: 'settings assignment',
      build: (v) => ({
        path: 'shop/settings.py',
        content: `import os\n\nEMAIL_HOST_PASSWORD = "${v}"\n`,
      }),
      severity: 'high',
    },
    {
      name: 'settings dict entry',
      build: (v) => ({
        path: 'config/settings/base.py',
        content: `DATABASES = {\n    "default": {\n        "PASSWORD": '${v}',\n`,
      }),
      severity: 'high',
    },
    {
      name: 'env-read default',
      build: (v) => ({
        path: 'shop/settings.py',
        content: `import os\n\nX = os.environ.get("DB_PASSWORD", "${v}")\n`,
      }),
      severity: 'high',
    },
    {
      name: 'django-environ keyword default',
      build: (v) => ({
        path: 'shop/settings.py',
        content: `env = environ.Env()\n\nX = env("API_TOKEN", cast=str, default="${v}")\n`,
      }),
      severity: 'high',
    },
    {
      name: 'keyword argument in application code',
      build: (v) => ({
        path: 'shop/payments.py',
        content: `import client\n\nAPI = client.Client(api_key="${v}")\n`,
      }),
      severity: 'medium',
    },
    {
      name: 'YAML',
      build: (v) => ({
        path: 'deploy/values.yaml',
        content: `db:\n  host: db\n  password: ${v}\n`,
      }),
      severity: 'medium',
    },
    {
      name: 'JSON, minified',
      build: (v) => ({
        path: 'deploy/creds.json',
        content: `{}\n\n{"client": {"clientSecret": "${v}", "id": 1}}\n`,
      }),
      severity: 'medium',
    },
    {
      name: 'INI',
      build: (v) => ({ path: 'deploy/app.cfg', content: `[smtp]\nuser = shop\npassword = ${v}\n` }),
      severity: 'medium',
    },
    {
      name: 'TOML',
      build: (v) => ({
        path: 'pyproject.toml',
        content: `[tool.deploy]\nx = 1\napi_token = "${v}"\n`,
      }),
      severity: 'medium',
    },
    {
      name: 'shell export',
      build: (v) => ({
        path: 'scripts/deploy.sh',
        content: `#!/bin/sh\nset -e\nexport REDIS_PASSWORD='${v}'\n`,
      }),
      severity: 'medium',
    },
    {
      name: 'Dockerfile',
      build: (v) => ({
        path: 'Dockerfile',
        content: `FROM python:3.12\nWORKDIR /app\nENV SMTP_PASSWORD=${v}\n`,
      }),
      severity: 'medium',
    },
    {
      name: 'documentation',
      build: (v) => ({
        path: 'docs/deploy.md',
        content: `# Deploy\n\n    EMAIL_HOST_PASSWORD=${v}\n`,
      }),
      severity: 'low',
    },
    {
      name: 'CI configuration',
      build: (v) => ({
        path: '.github/workflows/ci.yml',
        content: `env:\n  X: 1\n  REGISTRY_PASSWORD: ${v}\n`,
      }),
      severity: 'low',
    },
  ];

  it('a value by name in test code or fixtures is not reported (a name proves nothing there)', () => {
    const value = generateSecret('generic-token', random);
    for (const path of ['shop/fixtures/users.json', 'shop/tests/test_login.py'])
      expect(
        scanWith(rule, {
          path,
          content: path.endsWith('.json')
            ? `[\n  {\n    "password": "${value}"\n`
            : `PASSWORD = "${value}"\n`,
        }),
      ).toEqual([]);
  });

  it.each(forms)('$name', ({ build, severity }) => {
    for (let i = 0; i < 60; i++) {
      const value = generateSecret(i % 2 === 0 ? 'db-password' : 'generic-token', random);
      const file = build(value);
      for (const content of [file.content, toCrlf(file.content)]) {
        const hits = scanWith(rule, { path: file.path, content });
        expect(hits.map((hit) => [hit.match.line, hit.severity, hit.match.secret])).toEqual([
          [3, severity, value],
        ]);
        expect(hits[0]?.match.message).not.toContain(value);
      }
    }
  });

  it('a human password with some variety counts; a default password is low and says so', () => {
    expect(
      scanWith(rule, {
        path: 'shop/settings.py',
        content: 'EMAIL_HOST_PASSWORD = "hunter2hunter2"\n',
      }).map((h) => h.severity),
    ).toEqual(['high']);
    const [hit] = scanWith(rule, {
      path: 'docker-compose.yml',
      content: 'x:\n  POSTGRES_PASSWORD: postgres\n',
    });
    expect([hit?.severity, hit?.match.message]).toEqual([
      'low',
      'POSTGRES_PASSWORD holds a default credential (a well-known default password) (config entry)',
    ]);
  });
});

describe('DDG122: a database password next to its HOST', () => {
  const settings = (host: string, password: string) =>
    [
      'DATABASES = {',
      "    'default': {",
      "        'ENGINE': 'django.db.backends.mysql',",
      "        'NAME': 'oscar',",
      `        'PASSWORD': '${password}',`,
      `        'HOST': '${host}',`,
      '    }',
      '}',
      '',
    ].join('\n');

  it('a word-like password for a local database is a local setup: low, said so', () => {
    const [hit, ...rest] = scanWith(rule, {
      path: 'settings_local.py',
      content: settings('', 'hellokitty'),
    });
    expect(rest).toEqual([]);
    expect([hit?.match.line, hit?.severity, hit?.match.message]).toEqual([
      5,
      'low',
      'PASSWORD holds a default credential (a simple password for a local database) in settings',
    ]);
  });

  it('a generated password is high even for a local database, and any password for a remote one', () => {
    const password = generateSecret('db-password', random);
    expect(
      scanWith(rule, { path: 'settings_local.py', content: settings('', password) }).map(
        (h) => h.severity,
      ),
    ).toEqual(['high']);
    expect(
      scanWith(rule, {
        path: 'settings_local.py',
        content: settings('db.internal.example.com', 'hellokitty'),
      }).map((h) => h.severity),
    ).toEqual(['high']);
  });
});

describe('DDG122: a password beside a *_HOST setting in a script or compose file', () => {
  // mathesar's build-scripts/bin/mathesar.sh: the fallback database's settings, one per line.
  const script = (host: string, password: string) =>
    [
      'start_inbuilt_db() {',
      '  export POSTGRES_USER=postgres',
      `  export POSTGRES_PASSWORD=${password}`,
      `  export POSTGRES_HOST=${host}`,
      '  export POSTGRES_DB=app_django',
      '}',
      '',
    ].join('\n');

  it('a word-like password for a local host is a local setup: low, said so', () => {
    for (const host of ['localhost', 'db', '127.0.0.1']) {
      const hits = scanWith(rule, {
        path: 'build-scripts/bin/app.sh',
        content: script(host, 'shopname'),
      });
      expect(hits.map((h) => [h.match.line, h.severity, h.match.message])).toEqual([
        [
          3,
          'low',
          'POSTGRES_PASSWORD holds a default credential (a simple password for a local database) (config entry)',
        ],
      ]);
    }
  });

  it('a generated password, or any password for a remote host, keeps its severity', () => {
    const password = generateSecret('db-password', random);
    expect(
      scanWith(rule, { path: 'bin/app.sh', content: script('localhost', password) }).map(
        (h) => h.severity,
      ),
    ).toEqual(['medium']);
    expect(
      scanWith(rule, {
        path: 'bin/app.sh',
        content: script('db.internal.example.com', 'shopname'),
      }).map((h) => h.severity),
    ).toEqual(['medium']);
  });
});

describe('DDG122: translation catalogues', () => {
  it.each([
    [
      'mathesar_ui/src/i18n/languages/es/dict.json',
      '{\n  "password": "Contraseña",\n  "stored_password": "Almacenado"\n}\n',
    ],
    [
      'frontend/src/locales/fr.json',
      '{\n  "auth": {\n    "password": "Mot de passe",\n    "api_token": "JetonDacces"\n  }\n}\n',
    ],
    ['app/lang/de/messages.yml', 'password: Passwortfeld\nsecret_key: Geheimschluessel\n'],
    ['web/translations/es.ts', 'export default {\n  newPassword: "NuevaContrasena",\n};\n'],
  ])('%s: a label in a language is not a credential', (path, content) => {
    expect(scanWith(rule, { path, content })).toEqual([]);
  });

  it('the same entries outside a catalogue are still read', () => {
    expect(
      scanWith(rule, {
        path: 'frontend/src/config.json',
        content: '{\n  "stored_password": "Almacenado"\n}\n',
      }).map((h) => h.severity),
    ).toEqual(['medium']);
  });
});

describe('DDG122: values it leaves alone', () => {
  it.each([
    ['shop/settings.py', 'EMAIL_HOST_PASSWORD = env("EMAIL_PASSWORD")\n'],
    ['shop/settings.py', 'EMAIL_HOST_PASSWORD = os.environ["EMAIL_PASSWORD"]\n'],
    ['shop/settings.py', 'DB_PASSWORD = f"{PREFIX}-{os.environ[\'X\']}-suffix"\n'],
    ['shop/settings.py', 'DB_PASSWORD = "%s-%s" % (a, b)\n'],
    ['shop/settings.py', 'API_TOKEN = "<your api token>"\n'],
    ['shop/settings.py', 'API_TOKEN = "changeme-please"\n'],
    ['shop/settings.py', 'API_TOKEN = "${API_TOKEN}"\n'],
    ['shop/settings.py', 'SOCIAL_AUTH_GITHUB_SECRET = "SOCIAL_AUTH_GITHUB_SECRET"\n'],
    [
      'shop/settings.py',
      'PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]\n',
    ],
    ['shop/settings.py', 'STRIPE_PUBLIC_KEY = "pk_live_51HxYzAbCdEfGhIjKlMnOpQrStUv"\n'],
    ['shop/views.py', 'if password == "hunter2hunter2":\n    pass\n'],
    ['shop/views.py', 'user.password = "hunter2hunter2"\n'],
    ['shop/views.py', 'form = {"password": request.POST["password"]}\n'],
    ['deploy/values.yaml', 'password: ${DB_PASSWORD}\ntoken: "{{ .Values.token }}"\n'],
    ['deploy/values.yaml', 'password_file: /run/secrets/db_password\n'],
    ['deploy/secrets.json', '{"password": ""}\n'],
    // Django's stored password hashes (fixture dumps) do not log in.
    [
      'deploy/users.json',
      '{"fields": {"password": "pbkdf2_sha256$600000$Zq8Lm3x9Tr2Wv$Kp4Hn7Bd1Fs6Gj0Qe5Ry8Ut2Ia9Oc3Lx="}}\n',
    ],
    // Code in documentation, and a stand-in written as a sentence.
    ['README.md', "    'PASSWORD': os.environ['DB_PASSWORD'],\n"],
    ['docs/guides/payments.rst', '    token=response.transaction.id,\n'],
    ['README.md', 'AWS_SES_SECRET_ACCESS_KEY = "put-secret-access-key-here"\n'],
    ['docs/self_hosted.md', 'EMAIL_HOST_PASSWORD=mypassword\n'],
    // A committed .env file is one finding, by dotenv-file-committed.
    ['envs/web.env', 'WEBHOOK_SECRET=a8Fk2Lp9Qr7Zt4Wx1Yv3Bn6Mc0\n'],
    [
      'shop/settings.py',
      'DATABASE_URL = "postgres://app:a8Fk2Lp9Qr7Zt4Wx1Yv3@db.example.com/app"\n',
    ],
    ['shop/tests/test_auth.py', 'secret_key = "secret_access"\n'],
    ['shop/settings.py', 'SECRET_KEY = "a8Fk2Lp9Qr7Zt4Wx1Yv3Bn6Mc0a8Fk2Lp9Qr7Zt4Wx1Y"\n'],
  ])('%s: %s', (path, content) => {
    expect(scanWith(rule, { path, content })).toEqual([]);
  });

  it('values another rule recognises by their shape are left to it', () => {
    for (const kind of [
      'github-token',
      'sendgrid-api-key',
      'stripe-live-key',
      'pypi-token',
      'jwt',
    ] as const) {
      const value = generateSecret(kind, random);
      expect(
        scanWith(rule, { path: 'shop/settings.py', content: `API_TOKEN = "${value}"\n` }),
        kind,
      ).toEqual([]);
    }
  });
});

describe('DDG122: JavaScript literals read as the language reads them', () => {
  it("a quote escaped inside an eval()ed module string does not close the literal (a webpack dev bundle: `pass: 'Element\\'s …'`)", () => {
    // wagtail's committed admin bundle wraps each module in eval("…"); axe-core's messages there
    // have `pass:` keys whose sentences hold an escaped apostrophe.
    const bundle =
      "eval(\"messages: {\\n            pass: 'Element\\\\'s default semantics were overriden',\\n" +
      "            fail: 'Element\\\\'s default semantics were not overridden'\\n        }\");\n";
    expect(scanWith(rule, { path: 'app/static/app/js/admin.js', content: bundle })).toEqual([]);
  });

  it('a literal closed and followed straight by a word character is not a plain literal', () => {
    expect(
      scanWith(rule, {
        path: 'app/src/strings.js',
        content: "const messages = { pass: 'Element\\\\'s role' };\n",
      }),
    ).toEqual([]);
  });

  it('a secret with an escaped quote or backslash in a JS literal is still found, with its value', () => {
    const value = generateSecret('generic-token', random);
    const hits = scanWith(rule, {
      path: 'app/src/config.js',
      content: `export const config = { clientSecret: '${value}\\'x' };\n`,
    });
    expect(hits.map((hit) => [hit.match.line, hit.severity, hit.match.secret])).toEqual([
      [1, 'medium', `${value}'x`],
    ]);
  });
});

describe('DDG122: a value that is itself a credential name', () => {
  it.each([
    [
      'frontend/src/checkout/provider.tsx',
      'enum LocalStorageKeys {\n  Token = "checkoutToken",\n}\n',
    ],
    ['shop/forms.py', 'FIELDS = {"password": "userPassword"}\n'],
    ['deploy/app.yaml', 'auth:\n  api_key: API_KEY\n'],
  ])('%s: the key a credential is stored under is not reported', (path, content) => {
    expect(scanWith(rule, { path, content })).toEqual([]);
  });
});

describe('DDG122: the reader’s own value, described', () => {
  it.each([
    [
      'docs/installation/github.md',
      '{\n  "github.webhook_secret": "your-webhook-secret-from-step-2"\n}\n',
    ],
    ['deploy/app.yaml', 'auth:\n  client_secret: YourClientSecretFromTheConsole\n'],
    ['shop/settings.py', 'STRIPE_SECRET_KEY = "your_stripe_secret_key_2"\n'],
  ])('%s: a value that starts "your …" is a stand-in', (path, content) => {
    expect(scanWith(rule, { path, content })).toEqual([]);
  });

  it('a generated value that happens to start with "your" is still reported', () => {
    const value = `your${generateSecret('generic-token', random)}`;
    expect(
      scanWith(rule, { path: 'shop/settings.py', content: `API_TOKEN = "${value}"\n` }).map(
        (hit) => hit.severity,
      ),
    ).toEqual(['high']);
  });
});

describe('DDG122: the keywords a caller passes only narrow the search', () => {
  const random = mulberry32(testSeed());
  const stems = CREDENTIAL_NAME_KEYWORDS;
  const lines = [
    (v: string) => `EMAIL_HOST_PASSWORD = "${v}"`,
    (v: string) => `    'API_TOKEN': '${v}',`,
    (v: string) => `export AWS_SECRET_ACCESS_KEY=${v}`,
    (v: string) => `stripe-key: ${v}`,
    () => `cache_key = "user:{id}"`,
    (v: string) => `DB_PWD=${v}`,
    (v: string) => `privateKey: "${v}"`,
    () => `# nothing to see on this line`,
    () => `def compute(x):\n    return x * 2`,
  ];
  it.each(['settings.py', 'deploy/run.sh', 'docs/setup.md', 'config.yml'])(
    '%s: the same matches with the exact keywords, with every stem and with none',
    (name) => {
      let matches = 0;
      for (let round = 0; round < 40; round++) {
        const picked = Array.from(
          { length: 1 + Math.floor(random() * 6) },
          () => lines[Math.floor(random() * lines.length)]!,
        );
        const text = picked.map((line) => line(generateSecret('db-password', random))).join('\n');
        const content = round % 2 === 0 ? text : toCrlf(text);
        const lower = content.toLowerCase();
        const exact = new Set(stems.filter((stem) => lower.includes(stem)));
        const plain = rule.detect({ path: name, content });
        expect(rule.detect({ path: name, content, keywords: exact })).toEqual(plain);
        expect(rule.detect({ path: name, content, keywords: new Set(stems) })).toEqual(plain);
        matches += plain.length;
      }
      // Not vacuous: most rounds have a credential to find.
      expect(matches).toBeGreaterThan(20);
    },
  );
});
