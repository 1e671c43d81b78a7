import { describe, expect, it } from 'vitest';
import { proveFix } from './harness';

/** Settings that pass every deploy check; each case takes its own flag out. */
const HARDENED = [
  'import os',
  'DEBUG = False',
  "ALLOWED_HOSTS = ['example.com']",
  "INSTALLED_APPS = ['django.contrib.sessions']",
  "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware', 'django.contrib.sessions.middleware.SessionMiddleware', 'django.middleware.csrf.CsrfViewMiddleware']",
  'SECURE_HSTS_SECONDS = 3600',
  'SECURE_HSTS_INCLUDE_SUBDOMAINS = True',
  'SECURE_HSTS_PRELOAD = True',
  'SECURE_SSL_REDIRECT = True',
  'SESSION_COOKIE_SECURE = True',
  'CSRF_COOKIE_SECURE = True',
  'SECURE_CONTENT_TYPE_NOSNIFF = True',
];

/**
 * The fix of a Django check that asks for one boolean setting to be True (src/fix/rules/
 * security-flags.ts), proved on the same three shapes for every such flag: unset in a production
 * module that imports a base (an override after the last import), an explicit False (replaced in
 * place), an env read without a bool cast (a cast with a True default).
 */
export function testSecurityFlagFix(options: {
  ruleId: string;
  setting: string;
  /** False when Django's default is already safe, so an unset flag is not reported. */
  reportedWhenUnset?: boolean;
}): void {
  const { ruleId, setting } = options;
  const settings = HARDENED.filter((line) => !line.startsWith(`${setting} =`)).join('\n');
  /** The line of the flag the cases in one module append after the settings. */
  const flagLine = settings.split('\n').length + 1;
  describe(`fix for ${ruleId} (${setting})`, () => {
    if (options.reportedWhenUnset ?? true) {
      it(`adds ${setting} = True after the last import of the production module`, () => {
        const proof = proveFix({
          module: 'config.settings.production',
          ruleId,
          files: {
            'config/settings/base.py': `${settings}\n`,
            'config/settings/production.py':
              'from .base import *\nfrom .base import os\n\nDEBUG = False\n',
          },
        });
        // The base module is never edited: other settings modules may import it.
        expect(proof.files['config/settings/base.py']).toBe(`${settings}\n`);
        expect(proof.files['config/settings/production.py']).toBe(
          `from .base import *\nfrom .base import os\n${setting} = True\n\nDEBUG = False\n`,
        );
      });
    }

    it('replaces a False in the production module in place', () => {
      const proof = proveFix({
        module: 'project.settings',
        ruleId,
        files: { 'project/settings.py': `${settings}\n${setting} = False  # for now\n` },
      });
      expect(proof.fixed.map((f) => [f.ruleId, f.line])).toEqual([[ruleId, flagLine]]);
      expect(proof.files['project/settings.py']).toBe(`${settings}\n${setting} = True\n`);
    });

    it('turns an env read without a bool cast (DDG205) or with a False default into a cast with a True default', () => {
      const proof = proveFix({
        module: 'project.settings',
        ruleId,
        files: {
          'project/settings.py': `${settings}\n${setting} = os.environ.get('FLAG', '')\n`,
        },
      });
      expect(proof.fixed.map((f) => [f.ruleId, f.line])).toEqual([[ruleId, flagLine]]);
      expect(proof.files['project/settings.py']).toContain(
        `${setting} = os.environ.get("FLAG", "True") == "True"\n`,
      );
    });
  });
}
