import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runFileRules } from '../../src/hardening/file-rule';
import { runSecretRules } from '../../src/secrets/detect';
import { secretRules } from '../../src/secrets/rules/index';
import { parseDjangoCfg } from '../../src/hardening/django-cfg';
import {
  isProductionEnvFilePath,
  parseEnvFile,
  productionEnvFilesOf,
} from '../../src/hardening/deployment-files';
import { hardeningFileRules, withProductionEnvFiles } from '../../src/hardening/rules/index';

/** A credential generated at run time, from the alphabet compose secrets use. */
function generatedSecret(length = 32): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

interface Case {
  name: string;
  path: string;
  content: string;
  /** Expected lines of this rule's findings (empty = valid). */
  lines: number[];
  severities?: string[];
}

const secret = generatedSecret();
const longKey = generatedSecret(60);

const CASES: Record<string, Case[]> = {
  DDG301: [
    {
      name: 'debug in prod yaml',
      path: 'deploy/config.prod.yaml',
      content: 'project_name: x\ndebug: true\nsecurity_domains: [a.com]\n',
      lines: [2],
    },
    {
      name: 'plain config.yaml defaults to production',
      path: 'config.yaml',
      content: 'project_name: x\nsecret_key: "${K}"\ndebug: true\n',
      lines: [3],
    },
    {
      name: 'quoted "True" is coerced like pydantic does',
      path: 'config.prod.yaml',
      content: 'project_name: x\ndebug: "True"\n',
      lines: [2],
    },
    {
      name: 'development environment',
      path: 'config.yaml',
      content: 'project_name: x\nenvironment: development\ndebug: true\n',
      lines: [],
    },
    {
      name: 'unrelated config.yaml',
      path: 'config.yaml',
      content: 'debug: true\nlog_level: info\n',
      lines: [],
    },
    {
      name: 'python DjangoConfig subclass',
      path: 'api/config.py',
      content:
        'from django_cfg import DjangoConfig\n\nclass ShopConfig(DjangoConfig):\n    env_mode: EnvironmentMode = EnvironmentMode.PRODUCTION\n    debug: bool = True\n',
      lines: [5],
    },
    {
      name: 'python debug from env',
      path: 'api/config.py',
      content: 'class ShopConfig(DjangoConfig):\n    debug: bool = env.debug\n',
      lines: [],
    },
    {
      name: 'python without env_mode is switched by DJANGO_ENV at start-up',
      path: 'api/config.py',
      content: 'class C(DjangoConfig):\n    debug: bool = True\n',
      lines: [],
    },
    {
      name: 'python env_mode computed',
      path: 'api/config.py',
      content: 'config = DjangoConfig(\n    env_mode=env.mode,\n    debug=True,\n)\n',
      lines: [],
    },
  ],
  DDG302: [
    {
      name: 'missing',
      path: 'config.yaml',
      content: 'project_name: x\ndebug: false\n',
      lines: [1],
    },
    {
      name: 'empty list',
      path: 'config.production.yml',
      content: 'project_name: x\nsecurity_domains: []\n',
      lines: [2],
    },
    {
      name: 'present',
      path: 'config.yaml',
      content: 'project_name: x\nsecurity_domains:\n  - a.com\n',
      lines: [],
    },
    {
      name: 'python computed',
      path: 'config.py',
      content:
        'config = DjangoConfig(\n    project_name="x",\n    security_domains=env.domains,\n)\n',
      lines: [],
    },
    {
      name: 'python missing',
      path: 'config_prod.py',
      content: 'config = DjangoConfig(\n    project_name="x",\n    debug=False,\n)\n',
      lines: [1],
    },
  ],
  DDG303: [
    {
      name: 'wildcard, http and localhost',
      path: 'config.prod.yaml',
      content:
        'project_name: x\nsecurity_domains:\n  - a.com\n  - "*"\n  - http://b.com\n  - localhost\n',
      lines: [4, 5, 6],
      severities: ['high', 'medium', 'medium'],
    },
    {
      name: 'clean',
      path: 'config.prod.yaml',
      content: 'project_name: x\nsecurity_domains:\n  - a.com\n  - https://api.a.com:8443\n',
      lines: [],
    },
    {
      name: 'dev config may use localhost',
      path: 'config.yaml',
      content: 'project_name: x\nenv_mode: development\nsecurity_domains: [localhost]\n',
      lines: [],
    },
    {
      name: 'python list',
      path: 'api/config_prod.py',
      content:
        'class C(DjangoConfig):\n    security_domains: list[str] = [\n        "a.com",\n        "http://b.com",\n    ]\n',
      lines: [4],
    },
  ],
  DDG304: [
    {
      name: 'placeholder',
      path: 'config.yaml',
      content: 'project_name: x\nsecret_key: change-me\n',
      lines: [2],
    },
    {
      name: 'short',
      path: 'config.yaml',
      content: `project_name: x\nsecret_key: "${secret}"\n`,
      lines: [2],
    },
    {
      name: 'long literal',
      path: 'config.yaml',
      content: `project_name: x\nsecret_key: '${longKey}'\n`,
      lines: [2],
    },
    {
      name: 'env reference',
      path: 'config.yaml',
      content: 'project_name: x\nsecret_key: "${DJANGO_SECRET_KEY}"\n',
      lines: [],
    },
    {
      name: 'python literal',
      path: 'settings/production_config.py',
      content: `class C(DjangoConfig):\n    secret_key: str = "${longKey}"\n`,
      lines: [2],
    },
  ],
  DDG305: [
    {
      name: 'absent',
      path: 'config.yaml',
      content: 'project_name: x\nsecurity_domains: [a.com]\n',
      lines: [1],
    },
    {
      name: 'false',
      path: 'config.yaml',
      content: 'project_name: x\nssl_redirect: false\n',
      lines: [2],
    },
    {
      name: 'true',
      path: 'config.yaml',
      content: 'project_name: x\nssl_redirect: true\n',
      lines: [],
    },
    {
      name: 'off with proxy note',
      path: 'config.yaml',
      content: 'project_name: x\n# nginx proxy terminates TLS and redirects\nssl_redirect: null\n',
      lines: [],
    },
  ],
  DDG306: [
    {
      name: 'cookiecutter prod env',
      path: '.envs/.production/.django',
      content: '# General\nDJANGO_DEBUG=True\n',
      lines: [2],
    },
    {
      name: 'export and quotes',
      path: '.env.production',
      content: 'export DEBUG="1"\n',
      lines: [1],
    },
    { name: 'off', path: '.env.prod', content: 'DEBUG=False\n', lines: [] },
    { name: 'not a production file', path: '.env', content: 'DEBUG=True\n', lines: [] },
    {
      name: 'local env dir',
      path: '.envs/.local/.django',
      content: 'DJANGO_DEBUG=True\n',
      lines: [],
    },
  ],
  DDG307: [
    {
      name: 'cookiecutter default',
      path: '.envs/.production/.django',
      content: 'DJANGO_SECURE_SSL_REDIRECT=False\n',
      lines: [1],
    },
    {
      name: 'on',
      path: '.env.production',
      content: 'DJANGO_SECURE_SSL_REDIRECT=True\n',
      lines: [],
    },
  ],
  DDG308: [
    {
      name: 'star',
      path: '.env.production',
      content: 'A=1\nDJANGO_ALLOWED_HOSTS=example.com,*\n',
      lines: [2],
    },
    { name: 'json list', path: '.env.prod', content: 'ALLOWED_HOSTS=["*"]\n', lines: [1] },
    {
      name: 'subdomain syntax',
      path: '.env.production',
      content: 'DJANGO_ALLOWED_HOSTS=.example.com\n',
      lines: [],
    },
  ],
  DDG309: [
    {
      name: 'cookiecutter placeholder',
      path: '.envs/.production/.django',
      content: 'DJANGO_SECRET_KEY=!!!SET DJANGO_SECRET_KEY!!!\n',
      lines: [1],
    },
    {
      // cookiecutter-django itself: the template's placeholder is what its generator replaces.
      name: 'in a project template directory: low, and says so',
      path: '{{cookiecutter.project_slug}}/.envs/.production/.django',
      content: 'DJANGO_SECRET_KEY=!!!SET DJANGO_SECRET_KEY!!!\n',
      lines: [1],
      severities: ['low'],
    },
    {
      name: 'real key is DDG102s job',
      path: '.env.production',
      content: `DJANGO_SECRET_KEY=${longKey}\n`,
      lines: [],
    },
  ],
  DDG310: [
    {
      name: 'mapping and list forms',
      path: 'docker-compose.prod.yml',
      // A current Sentry DSN holds only the public key (meant to be public): not a secret.
      content: `services:\n  web:\n    environment:\n      DJANGO_SECRET_KEY: "${longKey}"\n      DJANGO_SECRET_KEY_FILE: /run/secrets/key\n      API_TOKEN: \${API_TOKEN}\n  worker:\n    environment:\n      - SENTRY_DSN=https://${secret}@o1.ingest.example.io/2\n      - DATABASE_URL=postgres://app:${secret}@db/app\n      - PASSWORD_RESET_TIMEOUT=3600\n      - PAYMENT_PROVIDER_KEY=${secret}\n`,
      lines: [12],
      severities: ['medium'],
    },
    {
      name: 'local compose, real-looking value',
      path: 'docker-compose.yml',
      content: `services:\n  web:\n    environment:\n      STRIPE_KEY: ${secret}\n`,
      lines: [4],
      severities: ['low'],
    },
    {
      name: 'dev defaults stay quiet',
      path: 'docker-compose.yml',
      content:
        'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: postgres\n      DATABASE_URL: postgres://postgres:postgres@db/app\n',
      lines: [],
    },
    { name: 'broken yaml', path: 'compose.yaml', content: 'services: [\n  : :\n', lines: [] },
  ],
  DDG311: [
    {
      name: 'prod by name',
      path: 'docker-compose.prod.yml',
      content: 'services:\n  web:\n    environment:\n      - DJANGO_DEBUG=True\n',
      lines: [4],
    },
    {
      name: 'prod by settings module',
      path: 'compose.yaml',
      content:
        'services:\n  web:\n    environment:\n      DJANGO_SETTINGS_MODULE: config.settings.production\n      DEBUG: "true"\n',
      lines: [5],
    },
    {
      name: 'local compose',
      path: 'docker-compose.yml',
      content: 'services:\n  web:\n    environment:\n      DEBUG: "True"\n',
      lines: [],
    },
    {
      name: 'pass-through key',
      path: 'docker-compose.prod.yml',
      content: 'services:\n  web:\n    environment:\n      - DEBUG\n',
      lines: [],
    },
  ],
};

describe('hardening file rules', () => {
  it('every rule has valid and invalid cases', () => {
    expect(Object.keys(CASES).sort()).toEqual(hardeningFileRules.map((r) => r.id));
    for (const cases of Object.values(CASES)) {
      expect(cases.some((c) => c.lines.length === 0)).toBe(true);
      expect(cases.some((c) => c.lines.length > 0)).toBe(true);
    }
  });

  for (const [id, cases] of Object.entries(CASES)) {
    describe(id, () => {
      for (const c of cases) {
        it(`${c.lines.length === 0 ? 'valid' : 'invalid'}: ${c.name}`, () => {
          const findings = runFileRules(
            { path: c.path, content: c.content },
            hardeningFileRules,
          ).filter((f) => f.ruleId === id);
          expect(findings.map((f) => f.line)).toEqual(c.lines);
          if (c.severities) expect(findings.map((f) => f.severity)).toEqual(c.severities);
          for (const f of findings) {
            expect(f.message).not.toContain(secret);
            expect(f.message).not.toContain(longKey);
            expect(f.message).not.toContain('!!!SET');
          }
        });
      }
    });
  }

  it('compose values a secret detector owns are reported once, by that detector', () => {
    const file = {
      path: 'docker-compose.prod.yml',
      content: `services:\n  web:\n    environment:\n      DJANGO_SECRET_KEY: "${longKey}"\n      DATABASE_URL: postgres://app:${secret}@db/app\n      MAILER_KEY: ${secret}\n      MAILER_TOKEN: ${secret}x\n`,
    };
    const bySecretRules = runSecretRules(file, secretRules).map(
      (s) => `${s.rule.id}:${s.match.line}`,
    );
    expect(bySecretRules).toEqual(expect.arrayContaining(['DDG104:5', 'DDG122:7']));
    const byCompose = runFileRules(file, hardeningFileRules).filter((f) => f.ruleId === 'DDG310');
    const claimed = new Set(runSecretRules(file, secretRules).map((s) => s.match.line));
    expect(byCompose.map((f) => f.line)).toEqual([4, 5, 6, 7].filter((l) => !claimed.has(l)));
    expect(byCompose.map((f) => f.line)).toContain(6);
  });

  it('inline ignores apply', () => {
    const findings = runFileRules(
      {
        path: '.env.production',
        content:
          'DJANGO_SECURE_SSL_REDIRECT=False # deploy-guard: ignore[DDG307] traefik redirects\n',
      },
      hardeningFileRules,
    );
    expect(findings.map((f) => [f.ruleId, f.suppressed?.reason])).toEqual([
      ['DDG307', 'traefik redirects'],
    ]);
  });

  it('never throws on hostile input', () => {
    const inputs = [
      '\u0000\u0001binary',
      '['.repeat(5000),
      'a: &x [*x]\n',
      'services:\n  web: !!binary AAAA\n',
      'x'.repeat(2_000_000),
    ];
    const paths = ['config.yaml', 'docker-compose.prod.yml', '.env.production', 'config.py'];
    for (const content of inputs) {
      for (const path of paths) {
        expect(() =>
          runFileRules(
            { path, content: path.endsWith('.py') ? `DjangoConfig(${content}` : content },
            hardeningFileRules,
          ),
        ).not.toThrow();
      }
    }
  });
});

describe('production env files', () => {
  it.each([
    ['.env.production', true],
    ['deploy/.env.prod', true],
    ['.envs/.production/.postgres', true],
    ['production.env', true],
    ['.env', false],
    ['.env.example', false],
    ['.envs/.local/.django', false],
  ])('isProductionEnvFilePath(%s) = %s', (path, want) => {
    expect(isProductionEnvFilePath(path)).toBe(want);
  });

  it('parses export, quotes and comments', () => {
    expect(parseEnvFile('# c\nexport A="x # y"\nB=z # note\nC=\n')).toEqual([
      { key: 'A', value: 'x # y', line: 2 },
      { key: 'B', value: 'z', line: 3 },
      { key: 'C', value: '', line: 4 },
    ]);
  });

  it('env files loaded by a production compose file get the env-file rules', () => {
    const compose = {
      path: 'deploy/docker-compose.prod.yml',
      content: 'services:\n  web:\n    env_file:\n      - ./web.env\n      - path: ../common.env\n',
    };
    const extra = productionEnvFilesOf(compose);
    expect(extra).toEqual(['deploy/web.env', 'common.env']);
    const envFile = { path: 'deploy/web.env', content: 'DJANGO_DEBUG=true\n' };
    expect(runFileRules(envFile, hardeningFileRules)).toEqual([]);
    const rules = withProductionEnvFiles(hardeningFileRules, extra);
    expect(runFileRules(envFile, rules).map((f) => f.ruleId)).toEqual(['DDG306']);
    expect(productionEnvFilesOf({ path: 'docker-compose.yml', content: compose.content })).toEqual(
      [],
    );
  });
});

describe('django-cfg parsing', () => {
  it('reads literal fields of a DjangoConfig instance with lines', () => {
    const config = parseDjangoCfg({
      path: 'api/config.py',
      content:
        'config = DjangoConfig(\n    env_mode=EnvironmentMode.PRODUCTION,\n    debug=False,\n    security_domains=["a.com", "b.com"],\n    ssl_redirect=None,\n)\n',
    });
    expect(config?.production).toBe(true);
    expect(config?.fields.debug).toEqual({ line: 3, value: { kind: 'bool', value: false } });
    expect(config?.fields.security_domains?.value).toEqual({
      kind: 'list',
      items: [
        { value: 'a.com', line: 4 },
        { value: 'b.com', line: 4 },
      ],
    });
    expect(config?.fields.ssl_redirect?.value).toEqual({ kind: 'null' });
  });

  it('ignores Python files that are not django-cfg configs', () => {
    expect(parseDjangoCfg({ path: 'settings.py', content: 'debug = True\n' })).toBeUndefined();
  });
});
