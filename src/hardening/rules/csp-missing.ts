import { truthiness } from '../../settings/value-ops';
import { describeCsp } from '../csp';
import { defineSettingsRule } from '../../settings/rule-support';

export const cspMissing = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG223',
  name: 'csp-missing',
  severity: 'low',
  fix: "Enable a Content-Security-Policy: Django 6's SECURE_CSP with ContentSecurityPolicyMiddleware, or django-csp's CSPMiddleware.",
  docs: {
    summary: 'No Content-Security-Policy is configured in the production settings.',
    whatItDoes:
      "When the project renders HTML (TEMPLATES is configured; an API-only project without a template engine is not reported), reports production settings that enforce no CSP: neither Django 6.0's SECURE_CSP (non-empty) with 'django.middleware.csp.ContentSecurityPolicyMiddleware', nor django-csp's 'csp.middleware.CSPMiddleware' (configured with CSP_* settings, the 4.x CONTENT_SECURITY_POLICY dict, or its built-in default-src 'self'). A report-only policy alone does not count, since it enforces nothing. The policy may also come from a proxy or CDN, which this scan cannot see: silence the rule with a reason in that case.",
    whyBad:
      'A CSP is the browser-side safety net against XSS: when a template escapes something wrongly, the policy still stops injected scripts from running or loading. Without it every XSS bug is fully exploitable. Severity low: it is defence in depth and may be set outside Django.',
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nMIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\nTEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'APP_DIRS': True}]\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nMIDDLEWARE = ['django.middleware.security.SecurityMiddleware', 'csp.middleware.CSPMiddleware']\nCONTENT_SECURITY_POLICY = {'DIRECTIVES': {'default-src': [\"'self'\"], 'script-src': [\"'self'\"]}}\nTEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'APP_DIRS': True}]\n",
    },
    useInstead:
      "On Django 6.0+, SECURE_CSP = {'default-src': [CSP.SELF], 'script-src': [CSP.SELF, CSP.NONCE]} with django.middleware.csp.ContentSecurityPolicyMiddleware; before that, django-csp. Start with a report-only policy, then enforce it.",
    references: [
      'https://docs.djangoproject.com/en/dev/ref/csp/',
      'https://django-csp.readthedocs.io/en/latest/configuration.html',
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/CSP',
    ],
  },
  check(ctx) {
    // A CSP protects HTML documents; with no template engine Django renders none (an API-only
    // project), so there is nothing for the policy to protect.
    const templates = truthiness(ctx.setting('TEMPLATES').value);
    if (templates === false) return [];
    const csp = describeCsp(ctx);
    if (csp.enforced === true) return [];
    if (csp.enforced === undefined) {
      return [
        {
          message:
            'Whether a Content-Security-Policy is enforced depends on MIDDLEWARE or CSP settings that could not be evaluated: cannot decide DDG223',
          setting: 'MIDDLEWARE',
          undecided: true,
          severity: 'info',
        },
      ];
    }
    return [
      {
        message: `No Content-Security-Policy is enforced by Django${csp.note ? ` (${csp.note})` : ''}; XSS bugs have no browser-side safety net`,
        setting: 'MIDDLEWARE',
      },
    ];
  },
});
