import { describe, expect, it } from 'vitest';
import { djangoSecretKeyCommitted as rule } from '../../../src/secrets/rules/django-secret-key-committed';
import type { TextFile } from '../../../src/secrets/rule';
import {
  DJANGO_KEY_ALPHABET,
  generateSecret,
  mulberry32,
  randomString,
  testSeed,
} from '../../helpers/secret-generators';
import { linesAndSeverities, reportSeedOnFailure, scanWith, toCrlf } from './scan-helpers';

const seed = testSeed();
reportSeedOnFailure(seed);

interface Form {
  name: string;
  /** The severity expected (default critical). */
  severity?: 'low';
  /** Builds a file holding `key`; `line` is where the key must be reported. */
  build(key: string, old: string): { file: TextFile; line: number };
}

const py = (path: string, lines: string[], line: number) => ({
  file: { path, content: lines.join('\n') + '\n' },
  line,
});

/** Every file kind and syntax the rule promises to read. */
const FORMS: Form[] = [
  {
    name: 'python assignment, single quotes',
    build: (key) =>
      py(
        'config/settings/production.py',
        ['"""Settings."""', 'import os', '', `SECRET_KEY = '${key}'`],
        4,
      ),
  },
  {
    name: 'python assignment, double quotes and trailing comment',
    build: (key) =>
      py('mysite/settings.py', [`SECRET_KEY = "${key}"  # rotate me`, 'DEBUG = False'], 1),
  },
  {
    name: 'python raw string',
    build: (key) => py('mysite/settings.py', ['DEBUG = False', `SECRET_KEY = r"${key}"`], 2),
  },
  {
    name: 'python triple-quoted string',
    build: (key) => py('mysite/settings.py', ['', '', `SECRET_KEY = """${key}"""`], 3),
  },
  {
    name: 'annotated assignment',
    build: (key) =>
      py('app/config.py', ['class Settings(BaseSettings):', `    secret_key: str = "${key}"`], 2),
  },
  {
    name: 'annotated module-level SECRET_KEY',
    build: (key) =>
      py(
        'mysite/settings.py',
        ['from typing import Final', `SECRET_KEY: Final[str] = '${key}'`],
        2,
      ),
  },
  {
    name: 'SECRET_KEY_FALLBACKS multi-line list',
    build: (key, old) =>
      py(
        'mysite/settings.py',
        [
          'SECRET_KEY = env("SECRET_KEY")',
          'SECRET_KEY_FALLBACKS = [',
          `    "${old}",`,
          `    '${key}',`,
          ']',
        ],
        4,
      ),
  },
  {
    name: 'SECRET_KEY_FALLBACKS tuple on one line',
    build: (key) => py('mysite/settings.py', [`SECRET_KEY_FALLBACKS = ('${key}',)`], 1),
  },
  {
    name: 'os.environ.get default',
    build: (key) =>
      py(
        'mysite/settings.py',
        ['import os', `SECRET_KEY = os.environ.get("SECRET_KEY", "${key}")`],
        2,
      ),
  },
  {
    name: 'os.getenv default',
    build: (key) =>
      py(
        'mysite/settings.py',
        ['import os', `SECRET_KEY = os.getenv('DJANGO_SECRET_KEY', '${key}')`],
        2,
      ),
  },
  {
    name: 'django-environ env(default=)',
    build: (key) =>
      py(
        'config/settings/base.py',
        ['env = environ.Env()', `SECRET_KEY = env("DJANGO_SECRET_KEY", default="${key}")`],
        2,
      ),
  },
  {
    name: 'env.str default over several lines',
    build: (key) =>
      py(
        'config/settings/base.py',
        ['SECRET_KEY = env.str(', '    "SECRET_KEY",', `    default="${key}",`, ')'],
        3,
      ),
  },
  {
    name: 'decouple config default',
    build: (key) =>
      py(
        'mysite/settings.py',
        ['from decouple import config', `SECRET_KEY = config("SECRET_KEY", default='${key}')`],
        2,
      ),
  },
  {
    name: 'env read of another name assigned to SECRET_KEY',
    build: (key) =>
      py('mysite/settings.py', [`SECRET_KEY = os.environ.get("APP_KEY", "${key}")`], 1),
  },
  {
    name: 'fallback after or',
    build: (key) =>
      py('mysite/settings.py', [`SECRET_KEY = os.environ.get("SECRET_KEY") or "${key}"`], 1),
  },
  {
    name: 'setdefault',
    build: (key) =>
      py('manage.py', ['import os', `os.environ.setdefault("DJANGO_SECRET_KEY", "${key}")`], 2),
  },
  {
    name: 'environ.Env scheme tuple',
    build: (key) =>
      py(
        'mysite/settings.py',
        ['env = environ.Env(', `    DJANGO_SECRET_KEY=(str, "${key}"),`, ')'],
        2,
      ),
  },
  {
    name: 'settings.configure keyword',
    build: (key) =>
      py(
        'scripts/standalone.py',
        ['settings.configure(', '    DEBUG=False,', `    SECRET_KEY="${key}",`, ')'],
        3,
      ),
  },
  {
    name: 'os.environ item assignment',
    build: (key) => py('scripts/run.py', [`os.environ["DJANGO_SECRET_KEY"] = '${key}'`], 1),
  },
  {
    name: '.env',
    build: (key) => ({
      file: { path: '.env', content: `DJANGO_DEBUG=False\nDJANGO_SECRET_KEY=${key}\n` },
      line: 2,
    }),
  },
  {
    name: '.env with export and quotes',
    build: (key) => ({
      file: {
        path: 'deploy/prod.env',
        content: `# production\nexport SECRET_KEY="${key}"  # set by ops\n`,
      },
      line: 2,
    }),
  },
  {
    name: 'cookiecutter .envs file',
    build: (key) => ({
      file: {
        path: '.envs/.production/.django',
        content: `# General\nDJANGO_SETTINGS_MODULE=config.settings.production\nDJANGO_SECRET_KEY=${key}\n`,
      },
      line: 3,
    }),
  },
  {
    name: 'INI (decouple settings.ini)',
    build: (key) => ({
      file: { path: 'settings.ini', content: `[settings]\nDEBUG=False\nSECRET_KEY = ${key}\n` },
      line: 3,
    }),
  },
  {
    name: 'setup.cfg style',
    build: (key) => ({
      file: { path: 'deploy/app.cfg', content: `[django]\nsecret_key: ${key}\n` },
      line: 2,
    }),
  },
  {
    name: 'YAML, double-quoted',
    build: (key) => ({
      file: {
        path: 'deploy/values.yaml',
        content: `django:\n  debug: false\n  secret_key: "${key}"\n`,
      },
      line: 3,
    }),
  },
  {
    name: 'django-cfg config.prod.yaml',
    build: (key) => ({
      file: {
        path: 'config.prod.yaml',
        content: `environment: production\nsecret_key: '${key}'\ndebug: false\nsecurity_domains:\n  - example.com\n`,
      },
      line: 2,
    }),
  },
  {
    name: 'TOML',
    build: (key) => ({
      file: {
        path: 'config/settings.toml',
        content: `[default]\ndebug = false\nsecret_key = "${key}"\n`,
      },
      line: 3,
    }),
  },
  {
    name: 'docker-compose environment mapping',
    build: (key) => ({
      file: {
        path: 'docker-compose.yml',
        content: `services:\n  web:\n    image: app\n    environment:\n      DJANGO_DEBUG: "False"\n      DJANGO_SECRET_KEY: "${key}"\n`,
      },
      line: 6,
    }),
  },
  {
    name: 'docker-compose environment list',
    build: (key) => ({
      file: {
        path: 'compose.production.yaml',
        content: `services:\n  web:\n    environment:\n      - DJANGO_DEBUG=False\n      - DJANGO_SECRET_KEY=${key}\n`,
      },
      line: 5,
    }),
  },
  {
    name: 'docker-compose quoted list item',
    build: (key) => ({
      file: {
        path: 'docker-compose.yml',
        content: `services:\n  web:\n    environment:\n      - "DJANGO_SECRET_KEY=${key}"\n`,
      },
      line: 4,
    }),
  },
  {
    name: 'JSON',
    build: (key) => ({
      file: {
        path: 'deploy/secrets.json',
        content: `{\n  "SECRET_KEY": "${key}",\n  "DEBUG": false\n}\n`,
      },
      line: 2,
    }),
  },
  {
    name: 'shell script export',
    build: (key) => ({
      file: {
        path: 'scripts/deploy.sh',
        content: `#!/bin/sh\nexport DJANGO_SECRET_KEY='${key}'\n`,
      },
      line: 2,
    }),
  },
  {
    name: 'Markdown code block',
    // Found, but documentation caps it at low (an example key in docs).
    severity: 'low',
    build: (key) => ({
      file: {
        path: 'README.md',
        content: `# Deploy\n\n\`\`\`\nDJANGO_SECRET_KEY=${key}\n\`\`\`\n`,
      },
      line: 4,
    }),
  },
  {
    name: 'Dockerfile ENV',
    build: (key) => ({
      file: { path: 'Dockerfile', content: `FROM python:3.12\nENV DJANGO_SECRET_KEY=${key}\n` },
      line: 2,
    }),
  },
];

const SPECIALS = '!@#$%^&*(-_=+)';

/**
 * 200 random keys plus keys that put each special character of the alphabet at the first and last
 * position (next to the quotes) and at every position in between.
 */
function generatedKeys(random: () => number): string[] {
  const keys: string[] = [];
  for (let i = 0; i < 200; i++) keys.push(generateSecret('django-key', random));
  for (let position = 0; position < 50; position++) {
    const special = SPECIALS[position % SPECIALS.length] ?? '#';
    const base = randomString(DJANGO_KEY_ALPHABET, 49, random);
    keys.push(base.slice(0, position) + special + base.slice(position));
  }
  for (const special of SPECIALS) {
    keys.push(special + randomString(DJANGO_KEY_ALPHABET, 48, random) + special);
  }
  return keys;
}

describe('DDG101 django-secret-key-committed: generated true positives', () => {
  it.each(FORMS)('finds every generated key: $name', (form) => {
    const random = mulberry32(seed);
    const keys = generatedKeys(random);
    const missed: string[] = [];
    for (const key of keys) {
      const old = generateSecret('django-key', random);
      const { file, line } = form.build(key, old);
      const hits = scanWith(rule, file);
      const hit = hits.find((raw) => raw.match.secret === key);
      if (
        !hit ||
        hit.match.line !== line ||
        hit.severity !== (form.severity ?? 'critical') ||
        hit.rule.id !== 'DDG101'
      )
        missed.push(
          `${form.name}: line ${line}, got ${JSON.stringify(hits.map((h) => h.match.line))}`,
        );
    }
    const recall = (keys.length - missed.length) / keys.length;
    expect(missed.slice(0, 3)).toEqual([]);
    expect(recall).toBe(1);
  });

  it('finds django-insecure- keys in settings and anywhere else', () => {
    const random = mulberry32(seed);
    for (let i = 0; i < 50; i++) {
      const key = generateSecret('django-insecure-key', random);
      expect(
        linesAndSeverities(rule, {
          path: 'mysite/settings.py',
          content: `\nSECRET_KEY = '${key}'\n`,
        }),
      ).toEqual([[2, 'critical']]);
      const readme = `# Setup\n\nRun with:\n\n    KEY=${key} ./manage.py runserver\n`;
      // Documentation is low wherever the page sits (found in code too, the merge raises it).
      expect(linesAndSeverities(rule, { path: 'README.md', content: readme })).toEqual([
        [5, 'low'],
      ]);
      expect(linesAndSeverities(rule, { path: 'scripts/run.sh', content: readme })).toEqual([
        [5, 'critical'],
      ]);
    }
  });

  it('reports both keys of a fallbacks list on their own lines', () => {
    const random = mulberry32(seed);
    const [a, b] = [generateSecret('django-key', random), generateSecret('django-key', random)];
    const content = `SECRET_KEY_FALLBACKS = [\n    "${a}",\n    # an old one\n    "${b}",\n]\n`;
    expect(linesAndSeverities(rule, { path: 'mysite/settings.py', content })).toEqual([
      [2, 'critical'],
      [4, 'critical'],
    ]);
  });

  it('reads implicit concatenation as one key, reported on its first line', () => {
    const random = mulberry32(seed);
    const key = generateSecret('django-key', random);
    const content = `SECRET_KEY = (\n    "${key.slice(0, 25)}"\n    "${key.slice(25)}"\n)\n`;
    const [hit, ...rest] = scanWith(rule, { path: 'mysite/settings.py', content });
    expect(rest).toEqual([]);
    expect(hit?.match.secret).toBe(key);
    expect(hit?.match.line).toBe(2);
  });

  it('keeps lines right in CRLF files', () => {
    const random = mulberry32(seed);
    for (const form of FORMS) {
      const key = generateSecret('django-key', random);
      const { file, line } = form.build(key, generateSecret('django-key', random));
      const hits = scanWith(rule, { path: file.path, content: toCrlf(file.content) });
      expect(hits.find((raw) => raw.match.secret === key)?.match.line, form.name).toBe(line);
    }
  });

  it('reports a key that was commented out, at most low', () => {
    const key = generateSecret('django-key', mulberry32(seed));
    const content = `SECRET_KEY = env("DJANGO_SECRET_KEY")\n# SECRET_KEY = '${key}'\n`;
    const hits = scanWith(rule, { path: 'mysite/settings.py', content });
    expect(hits.map((raw) => [raw.match.line, raw.severity, raw.match.message])).toEqual([
      [2, 'low', 'Django SECRET_KEY literal in a comment (on a commented-out line: at most low)'],
    ]);
  });

  it('reports each key of a comma-separated fallbacks variable', () => {
    const random = mulberry32(seed);
    const [a, b] = [generateSecret('django-key', random), generateSecret('django-key', random)];
    const hits = scanWith(rule, {
      path: '.env',
      content: `\nDJANGO_SECRET_KEY_FALLBACKS=${a},${b}\n`,
    });
    expect(hits.map((raw) => [raw.match.line, raw.match.secret])).toEqual([
      [2, a],
      [2, b],
    ]);
  });

  it('reports the literal in a conditional expression', () => {
    const key = generateSecret('django-key', mulberry32(seed));
    const content = `SECRET_KEY = "${key}" if DEBUG else env("DJANGO_SECRET_KEY")\n`;
    expect(linesAndSeverities(rule, { path: 'mysite/settings.py', content })).toEqual([
      [1, 'critical'],
    ]);
  });

  it('honours an inline ignore on the line of the key', () => {
    const key = generateSecret('django-key', mulberry32(seed));
    const content = `SECRET_KEY = env(\n    "SECRET_KEY",\n    default="${key}",  # deploy-guard: ignore[DDG101] local only\n)\n`;
    const [hit] = scanWith(rule, { path: 'mysite/settings.py', content });
    expect(hit?.inlineIgnore).toBe('local only');
  });
});

describe('DDG101 severity in test settings', () => {
  const cases: { path: string; content: string; expected: [number, string][] }[] = [
    {
      path: 'mysite/settings/test.py',
      content: 'SECRET_KEY = "abc123xyz"\n',
      expected: [[1, 'low']],
    },
    { path: 'tests/settings.py', content: 'SECRET_KEY = "q9w8e7r6"\n', expected: [[1, 'low']] },
    {
      path: 'mysite/test_settings.py',
      content: "SECRET_KEY = 'k3y-f0r-ci'\n",
      expected: [[1, 'low']],
    },
    {
      path: 'mysite/settings_test.py',
      content: "SECRET_KEY = 'k3y-f0r-ci'\n",
      expected: [[1, 'low']],
    },
    { path: 'mysite/testing.py', content: "SECRET_KEY = 'k3y-f0r-ci'\n", expected: [[1, 'low']] },
    {
      path: '.github/workflows/ci.yml',
      content: 'env:\n  DJANGO_SECRET_KEY: k3y-f0r-ci\n',
      expected: [[2, 'low']],
    },
    {
      path: 'tox.ini',
      content: '[testenv]\nsetenv =\n    SECRET_KEY = q9w8e7r6\n',
      expected: [[3, 'low']],
    },
    {
      path: '.github/workflows/ci.yml',
      content: 'env:\n  SECRET_KEY: test-secret-key-for-ci\n',
      expected: [],
    },
    // Nothing secret about these: placeholders stay quiet even in tests.
    {
      path: 'config/settings/test.py',
      content: 'SECRET_KEY = env("DJANGO_SECRET_KEY", default="!!!SET DJANGO_SECRET_KEY!!!")\n',
      expected: [],
    },
    { path: 'mysite/settings/test.py', content: 'SECRET_KEY = "test"\n', expected: [] },
    // The same short literal outside tests is a committed key.
    {
      path: 'mysite/settings/production.py',
      content: 'SECRET_KEY = "abc123xyz"\n',
      expected: [[1, 'critical']],
    },
  ];
  it.each(cases)('$path: $content', ({ path, content, expected }) => {
    expect(linesAndSeverities(rule, { path, content })).toEqual(expected);
  });

  it('a long generated key in test settings is low, and keeps critical as its uncapped severity', () => {
    const key = generateSecret('django-key', mulberry32(seed));
    const hits = scanWith(rule, { path: 'tests/settings.py', content: `SECRET_KEY = '${key}'\n` });
    expect(
      hits.map((hit) => [
        hit.match.line,
        hit.severity,
        hit.match.uncappedSeverity,
        hit.match.contexts,
        hit.match.message,
      ]),
    ).toEqual([
      [
        1,
        'low',
        'critical',
        ['test'],
        'Django SECRET_KEY literal assigned in settings (in test code or fixtures: at most low)',
      ],
    ]);
  });
});

describe('DDG101 decoys stay quiet', () => {
  const decoys: TextFile[] = [
    { path: 'config/settings/production.py', content: 'SECRET_KEY = env("DJANGO_SECRET_KEY")\n' },
    { path: 'mysite/settings.py', content: 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\n' },
    {
      path: 'mysite/settings.py',
      content:
        'SECRET_KEY = os.getenv("SECRET_KEY")\nSECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])\n',
    },
    {
      path: 'mysite/settings.py',
      content:
        'from django.core.management.utils import get_random_secret_key\nSECRET_KEY = get_random_secret_key()\n',
    },
    { path: 'mysite/settings.py', content: 'SECRET_KEY = ""\nSECRET_KEY = \'\'\n' },
    {
      path: 'mysite/settings.py',
      content: 'SECRET_KEY = os.environ.get("SECRET_KEY", get_random_secret_key())\n',
    },
    {
      path: 'mysite/settings.py',
      content:
        'SECRET_KEY = config("SECRET_KEY")\nSECRET_KEY = env.str("SECRET_KEY", default=None)\n',
    },
    {
      path: 'config/settings/local.py',
      content: 'SECRET_KEY = env("DJANGO_SECRET_KEY", default="!!!SET DJANGO_SECRET_KEY!!!")\n',
    },
    {
      path: 'mysite/settings.py',
      content: [
        'SECRET_KEY = "change-me"',
        'SECRET_KEY = "changeme"',
        'SECRET_KEY = "your-secret-key-here"',
        'SECRET_KEY = "<your secret key>"',
        'SECRET_KEY = "${SECRET_KEY}"',
        'SECRET_KEY = "$SECRET_KEY"',
        'SECRET_KEY = "{{ secret_key }}"',
        'SECRET_KEY = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
        'SECRET_KEY = "secret"',
        'SECRET_KEY = "dummy"',
        'SECRET_KEY = "example"',
        'SECRET_KEY = "placeholder"',
        'SECRET_KEY = "todo"',
        'SECRET_KEY = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
        'SECRET_KEY = "django-insecure-change-me-in-production"',
        'SECRET_KEY = "django-secret-key-change-in-production-at-least-32-chars"',
        'SECRET_KEY = "REPLACE_ME"',
      ].join('\n'),
    },
    {
      path: 'mysite/settings.py',
      content:
        'SECRET_KEY = "%s" % os.environ["X"]\nSECRET_KEY = "{}".format(x)\nSECRET_KEY = f"{PREFIX}-{os.environ[\'X\']}"\n',
    },
    {
      path: 'mysite/checks.py',
      content: 'if settings.SECRET_KEY == "abcdefgh12345678":\n    pass\n',
    },
    {
      path: 'mysite/settings.py',
      content:
        '# SECRET_KEY is read from the environment.\nSECRET_KEY = env("SECRET_KEY")  # "abcdefghijklmnop1234567890"\n',
    },
    {
      path: '.env',
      content:
        'DJANGO_SECRET_KEY=\nSECRET_KEY= # set in production\nDJANGO_SECRET_KEY=${DJANGO_SECRET_KEY}\n',
    },
    {
      path: 'docker-compose.yml',
      content:
        'services:\n  web:\n    environment:\n      DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY}\n      - DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:?set it}\n',
    },
    {
      path: 'config.yaml',
      content:
        'secret_key: !ENV ${SECRET_KEY}\nsecret_key: |\n  {{ vault_secret_key }}\nsecret_key: ""\n',
    },
    {
      path: '.github/workflows/ci.yml',
      content: 'env:\n  DJANGO_SECRET_KEY: ${{ secrets.DJANGO_SECRET_KEY }}\n',
    },
    {
      path: 'docs/deploy.md',
      content:
        'Set `SECRET_KEY` in the environment:\n\n    export SECRET_KEY=$(openssl rand -hex 32)\n\nNever commit SECRET_KEY = "..." to git.\n',
    },
    {
      path: '.env.example',
      content: 'DJANGO_SECRET_KEY=<generate with get_random_secret_key()>\n',
    },
    // Latin-1 bytes read as UTF-8 replacement characters, or as Latin-1: no crash, no finding.
    {
      path: 'mysite/settings.py',
      content: '# Caf\u00e9 \ufffd\ufffd\nSECRET_KEY = env("SECRET_KEY")  # cl\u00e9\n',
    },
    // Unterminated strings and unbalanced brackets are not a crash.
    { path: 'mysite/broken.py', content: 'SECRET_KEY = ("\nSECRET_KEY = [\nSECRET_KEY = """\n' },
    // The KEY: value shape in code is an expression, not a literal.
    {
      path: 'frontend/config.js',
      content:
        'export default {\n  SECRET_KEY: process.env.SECRET_KEY,\n  SECRET_KEY: "short",\n};\n',
    },
    { path: 'stripe.env', content: 'STRIPE_SECRET_KEY=sk_test_0000\nAPP_SECRET_KEY_ID=12\n' },
  ];
  it.each(decoys)('$path: $content', (file) => {
    expect(scanWith(rule, file).map((raw) => raw.match.line)).toEqual([]);
    expect(scanWith(rule, { path: file.path, content: toCrlf(file.content) })).toEqual([]);
  });
});

describe('DDG101 applies to settings, not to any variable named secret_key (issue 10)', () => {
  it('a local variable secret_key in application or test code is not a Django key', () => {
    const key = generateSecret('django-key', mulberry32(seed));
    for (const path of ['shop/signing.py', 'shop/tests/test_signing.py']) {
      const content = `def sign(value):\n    secret_key = "${key}"\n    return value, secret_key\n`;
      expect(scanWith(rule, { path, content })).toEqual([]);
    }
    // The same name in a settings-shaped file (pydantic-settings, django-cfg) is the key.
    expect(
      linesAndSeverities(rule, {
        path: 'app/config.py',
        content: `class Settings(BaseSettings):\n    secret_key: str = "${key}"\n`,
      }),
    ).toEqual([[2, 'critical']]);
  });

  it('override_settings(SECRET_KEY=…) in a test configures one test; it is not reported', () => {
    const key = generateSecret('django-key', mulberry32(seed));
    const content = [
      'from django.test import TestCase, override_settings',
      '',
      `@override_settings(SECRET_KEY="${key}")`,
      'class SigningTests(TestCase):',
      '    def test_other(self):',
      `        with self.settings(SECRET_KEY="${key}"):`,
      '            pass',
      '',
    ].join('\n');
    expect(scanWith(rule, { path: 'shop/tests/test_signing.py', content })).toEqual([]);
  });

  it('settings.configure(SECRET_KEY=…) is still a committed key', () => {
    const key = generateSecret('django-key', mulberry32(seed));
    const content = `from django.conf import settings\n\nsettings.configure(SECRET_KEY="${key}")\n`;
    expect(linesAndSeverities(rule, { path: 'scripts/standalone.py', content })).toEqual([
      [3, 'critical'],
    ]);
  });
});

describe('DDG101 false alarms of issue 14', () => {
  it.each([
    ['circle.yml', 'machine:\n  environment:\n    SECRET_KEY: irrelevant\n'],
    ['docs/setup.md', '```\nSECRET_KEY=someRandOmSecrEtKey23\n```\n'],
    ['.env', 'SECRET_KEY=herokudefault\n'],
    ['mysite/settings.py', 'SECRET_KEY = "notsecret"\nSECRET_KEY = "secretsecretsecret"\n'],
    [
      'mysite/settings.py',
      'SECRET_KEY = "fallback-secret-key"\nSECRET_KEY = "abcdefghijklmnopqrstuvwxyz"\n',
    ],
    ['site-packages/botocore/credentials.py', "SECRET_KEY = 'AWS_SECRET_ACCESS_KEY'\n"],
  ])('%s stays quiet', (path, content) => {
    expect(scanWith(rule, { path, content })).toEqual([]);
  });

  it('a real-looking key in CI configuration anywhere is at most low', () => {
    const random = mulberry32(seed);
    for (const [path, template] of [
      ['circle.yml', (k: string) => `machine:\n  environment:\n    SECRET_KEY: '${k}'\n`],
      ['backend/.travis.yml', (k: string) => `env:\n  global:\n    - DJANGO_SECRET_KEY='${k}'\n`],
      ['.gitlab-ci.yml', (k: string) => `variables:\n  x: 1\n  SECRET_KEY: "${k}"\n`],
      [
        'bitbucket-pipelines.yml',
        (k: string) => `image: python\nvariables:\n  - SECRET_KEY="${k}"\n`,
      ],
      ['Jenkinsfile', (k: string) => `pipeline {\n  environment {\n    SECRET_KEY = '${k}'\n`],
    ] as const) {
      const key = generateSecret('django-key', random);
      expect(linesAndSeverities(rule, { path, content: template(key) }), path).toEqual([
        [3, 'low'],
      ]);
    }
  });

  it('a key holding <…> inside is a key (saleor common.env)', () => {
    const key = generateSecret('django-key', mulberry32(seed));
    const value = `${key.slice(0, 20)}<${key.slice(20, 28)}>${key.slice(28)}`;
    expect(
      linesAndSeverities(rule, { path: 'common.env', content: `SECRET_KEY=${value}\n` }),
    ).toEqual([[1, 'critical']]);
  });
});
