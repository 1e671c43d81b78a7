import { longKey, secret } from './support/file-cases';
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

describe('hardening file rules', () => {
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
