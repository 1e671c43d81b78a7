import type { SettingsMatch } from '../../settings/rule';
import { truthiness } from '../../settings/value-ops';
import { defineSettingsRule } from '../../settings/rule-support';

/** The string 'None' sends `SameSite=None`; Python None omits the attribute (browser default Lax). */
export const cookieSamesiteNoneInsecure = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG218',
  name: 'cookie-samesite-none-insecure',
  severity: 'medium',
  fix: "Keep SameSite at 'Lax' (Django's default), or set the matching *_COOKIE_SECURE = True when a cross-site 'None' cookie is required.",
  docs: {
    summary:
      "SESSION_COOKIE_SAMESITE or CSRF_COOKIE_SAMESITE is 'None' without the matching *_COOKIE_SECURE = True.",
    whatItDoes:
      "Reports SESSION_COOKIE_SAMESITE = 'None' when SESSION_COOKIE_SECURE is not truthy, and CSRF_COOKIE_SAMESITE = 'None' when CSRF_COOKIE_SECURE is not truthy. Python None (no SameSite attribute) is not reported.",
    whyBad:
      "SameSite=None sends the cookie on every cross-site request, removing the browser's CSRF defence in depth; browsers also reject SameSite=None cookies that are not Secure, so the session silently breaks, and if they accepted them the cookie would travel over plain HTTP. Severity medium: it weakens CSRF protection and exposes the cookie in transit.",
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nSESSION_COOKIE_SAMESITE = 'None'\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nSESSION_COOKIE_SAMESITE = 'None'\nSESSION_COOKIE_SECURE = True\n",
    },
    useInstead:
      "SameSite 'Lax' unless the cookie must be sent in cross-site contexts (embedded iframes); then SameSite 'None' with Secure = True.",
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-samesite',
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#samesitesamesite-value',
    ],
  },
  check(ctx) {
    const matches: SettingsMatch[] = [];
    for (const prefix of ['SESSION', 'CSRF'] as const) {
      const samesite = ctx.setting(`${prefix}_COOKIE_SAMESITE`);
      if (samesite.value.kind !== 'str' || samesite.value.value.toLowerCase() !== 'none') continue;
      const secure = ctx.setting(`${prefix}_COOKIE_SECURE`);
      const on = truthiness(secure.value);
      if (on === true) continue;
      matches.push({
        message:
          on === undefined
            ? `${prefix}_COOKIE_SAMESITE is 'None' and ${prefix}_COOKIE_SECURE could not be evaluated: the cookie is sent cross-site and may travel over plain HTTP`
            : `${prefix}_COOKIE_SAMESITE is 'None' but ${prefix}_COOKIE_SECURE is not True: the cookie is sent on every cross-site request, over plain HTTP too (and modern browsers reject it)`,
        setting: `${prefix}_COOKIE_SAMESITE`,
        detail: prefix,
        ...(on === undefined ? { undecided: true, severity: 'info' as const } : {}),
      });
    }
    return matches;
  },
});
