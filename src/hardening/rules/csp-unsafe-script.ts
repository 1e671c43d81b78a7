import type { SettingsMatch } from '../../settings/rule';
import { cspScriptSources } from '../csp';
import { defineSettingsRule } from '../../settings/rule-support';

const UNSAFE = ["'unsafe-inline'", "'unsafe-eval'"];

export const cspUnsafeScript = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG224',
  name: 'csp-unsafe-script',
  severity: 'medium',
  fix: "Remove 'unsafe-inline' and 'unsafe-eval' from script-src; use nonces (CSP.NONCE / csp_nonce) or hashes for inline scripts.",
  docs: {
    summary:
      "The Content-Security-Policy's script-src (or default-src fallback) allows 'unsafe-inline' or 'unsafe-eval'.",
    whatItDoes:
      "Looks at the script sources of every CSP form the settings use: Django 6's SECURE_CSP / SECURE_CSP_REPORT_ONLY dicts, django-csp 4.x CONTENT_SECURITY_POLICY['DIRECTIVES'], and django-csp 3.x CSP_SCRIPT_SRC. When script-src is absent, default-src applies, as in browsers. Reports 'unsafe-inline' and 'unsafe-eval'. 'unsafe-inline' next to a nonce or hash is ignored by CSP2+ browsers and is not reported.",
    whyBad:
      "'unsafe-inline' lets any injected <script> or onclick= run, which is exactly what CSP exists to stop; 'unsafe-eval' lets injected strings become code through eval(), setTimeout('…') and friends. With either, the policy gives little protection against XSS while looking configured. Severity medium: the defence is present but neutralised.",
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nMIDDLEWARE = ['csp.middleware.CSPMiddleware']\nCONTENT_SECURITY_POLICY = {'DIRECTIVES': {'default-src': [\"'self'\"], 'script-src': [\"'self'\", \"'unsafe-inline'\"]}}\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nMIDDLEWARE = ['csp.middleware.CSPMiddleware']\nCONTENT_SECURITY_POLICY = {'DIRECTIVES': {'default-src': [\"'self'\"], 'script-src': [\"'self'\"]}}\n",
    },
    useInstead:
      "Nonces for the inline scripts you own ({{ request.csp_nonce }} with django-csp, CSP.NONCE on Django 6), hashes for fixed snippets, and 'strict-dynamic' for loaders.",
    references: [
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/script-src',
      'https://docs.djangoproject.com/en/dev/ref/csp/',
      'https://django-csp.readthedocs.io/en/latest/nonce.html',
    ],
  },
  check(ctx) {
    const matches: SettingsMatch[] = [];
    for (const policy of cspScriptSources(ctx)) {
      const hasNonceOrHash = policy.sources.some(
        (s) => /^'(nonce-|sha(256|384|512)-)/.test(s) || s === 'NONCE',
      );
      const bad = UNSAFE.filter(
        (u) => policy.sources.includes(u) && !(u === "'unsafe-inline'" && hasNonceOrHash),
      );
      if (bad.length === 0) continue;
      matches.push({
        message: `${policy.where} allows ${bad.join(' and ')} for scripts, so injected scripts can run despite the policy`,
        setting: policy.setting,
        detail: policy.where,
      });
    }
    return matches;
  },
});
