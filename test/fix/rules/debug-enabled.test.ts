import { describe, expect, it } from 'vitest';
import { proveFix } from '../harness';

const MIDDLEWARE = "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n";

describe('fix for security.W018 / DDG204 (DEBUG on)', () => {
  it('django-environ: env.bool with a False default, replacing the line in place', () => {
    const proof = proveFix({
      module: 'project.settings',
      ruleId: 'security.W018',
      files: {
        'project/settings.py': `import environ\n\nenv = environ.Env()\nDEBUG = True\n${MIDDLEWARE}`,
      },
      envAfter: {},
    });
    expect(proof.files['project/settings.py']).toBe(
      `import environ\n\nenv = environ.Env()\nDEBUG = env.bool("DJANGO_DEBUG", default=False)\n${MIDDLEWARE}`,
    );
    expect(proof.fixed[0]!.autofix!.edits).toEqual([
      {
        kind: 'replace',
        file: 'project/settings.py',
        startLine: 4,
        endLine: 4,
        lines: ['DEBUG = env.bool("DJANGO_DEBUG", default=False)'],
      },
    ]);
  });

  it('python-decouple: config(..., cast=bool), keeping the env variable the code reads', () => {
    const proof = proveFix({
      module: 'project.settings',
      ruleId: 'DDG204',
      files: {
        'project/settings.py': `from decouple import config\n\nDEBUG = config('APP_DEBUG', default='True')\n${MIDDLEWARE}`,
      },
    });
    expect(proof.files['project/settings.py']).toContain(
      'DEBUG = config("APP_DEBUG", default=False, cast=bool)\n',
    );
  });

  it("os.environ: a comparison with 'True', and `import os` added when the module lacks it", () => {
    const proof = proveFix({
      module: 'project.settings',
      ruleId: 'security.W018',
      files: { 'project/settings.py': `DEBUG = True\n${MIDDLEWARE}` },
    });
    expect(proof.files['project/settings.py']).toBe(
      `import os\nDEBUG = os.environ.get("DJANGO_DEBUG", "False") == "True"\n${MIDDLEWARE}`,
    );
  });

  it('a DEBUG from the base module is overridden in the production module after its import', () => {
    const base = `import environ\n\nenv = environ.Env()\nDEBUG = env('DJANGO_DEBUG', default='True')\n${MIDDLEWARE}`;
    const proof = proveFix({
      module: 'config.settings.production',
      ruleId: 'DDG204',
      files: {
        'config/settings/base.py': base,
        'config/settings/production.py':
          'from .base import *  # noqa\n\nALLOWED_HOSTS = ["example.com"]\n',
      },
    });
    expect(proof.files['config/settings/base.py']).toBe(base);
    expect(proof.files['config/settings/production.py']).toBe(
      'from .base import *  # noqa\nDEBUG = env.bool("DJANGO_DEBUG", default=False)\n\nALLOWED_HOSTS = ["example.com"]\n',
    );
  });

  it('leaves a DEBUG set inside a branch alone (no safe line edit)', () => {
    const files = {
      'project/settings.py': `import os\nif os.environ.get('X'):\n    DEBUG = True\nelse:\n    DEBUG = True\n${MIDDLEWARE}`,
    };
    expect(() => proveFix({ module: 'project.settings', ruleId: 'security.W018', files })).toThrow(
      /has a finding with a fix/,
    );
  });
});
