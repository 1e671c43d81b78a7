/**
 * The production environment from a file is read as python-dotenv reads it (the `inputs`
 * dialect of src/dotenv/): `True # on` is `True`, a quoted value spans lines.
 */
import { describe, expect, it } from 'vitest';
import { runBuiltCli, writeTree } from './run-built';

interface JsonReport {
  findings: { ruleId: string }[];
}

describe('the env file of the production profile (built CLI)', () => {
  it('an inline comment is not part of the value', () => {
    const root = writeTree({
      'shop/__init__.py': '',
      'shop/settings.py': [
        'import os',
        'DEBUG = False',
        'ALLOWED_HOSTS = ["shop.example"]',
        'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]',
        'SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "False") == "True"',
        '',
      ].join('\n'),
      'prod.env': 'DJANGO_SECURE_SSL_REDIRECT=True # on\n',
    });
    const run = runBuiltCli(['scan', '.', '--format', 'json', '--env-file', 'prod.env'], {
      cwd: root,
    });
    const ids = (JSON.parse(run.stdout) as JsonReport).findings.map((f) => f.ruleId);
    expect(ids).not.toContain('security.W008');
    expect(ids).not.toContain('DDG217');
  });

  it('a line the reader cannot parse is an error naming the file and line (exit 2)', () => {
    const root = writeTree({
      'shop/__init__.py': '',
      'shop/settings.py': 'DEBUG = False\n',
      'prod.env': 'DJANGO_DEBUG=False\nDJANGO_SECRET_KEY="unterminated\n',
    });
    const run = runBuiltCli(['scan', root, '--env-from-file', 'prod.env']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('prod.env:2: expected KEY=VALUE');
  });
});
