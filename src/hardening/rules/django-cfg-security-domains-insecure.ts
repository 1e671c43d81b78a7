import { defineFileRule, type FileMatch } from '../file-rule';
import { isDjangoCfgCandidatePath, parseDjangoCfg } from '../django-cfg';
import { isLoopbackHost, parseOrigin } from '../support';

/** Why a security_domains entry is unsafe in production, and whether it is a wildcard. */
export function domainProblem(entry: string): { reason: string; wildcard: boolean } | undefined {
  const text = entry.trim().toLowerCase();
  if (text.includes('*'))
    return { reason: 'a wildcard trusts every host and origin', wildcard: true };
  const parsed = parseOrigin(text) ?? { scheme: '', host: text.replace(/[:/].*$/, '') };
  if (isLoopbackHost(parsed.host))
    return { reason: 'localhost also enables localhost CORS/CSRF origins', wildcard: false };
  if (parsed.scheme === 'http')
    return { reason: 'plain http:// origins are trusted for CORS and CSRF', wildcard: false };
  return undefined;
}

export const djangoCfgSecurityDomainsInsecure = defineFileRule({
  id: 'DDG303',
  name: 'django-cfg-security-domains-insecure',
  severity: 'medium',
  fix: 'List only the production domains in security_domains, without *, http:// or localhost.',
  docs: {
    summary:
      'A production django-cfg security_domains list contains *, an http:// origin or localhost.',
    whatItDoes:
      "Reports entries of security_domains in production django-cfg configs that contain '*', start with http://, or name localhost/127.0.0.1. Each entry is reported on its own line.",
    whyBad:
      "django-cfg turns each entry into an ALLOWED_HOSTS name, a CORS origin (with credentials allowed) and a CSRF trusted origin. A wildcard disables Host validation and trusts every origin; http:// origins can be spoofed on the network; localhost additionally adds CORS regexes and CSRF origins for every localhost port, so anything running on a visitor's machine can make credentialed requests. Severity medium (high for a wildcard).",
    badExample: {
      file: 'config.prod.yaml',
      content:
        'project_name: shop\ndebug: false\nsecurity_domains:\n  - shop.example.com\n  - http://shop.example.com\n  - localhost\n',
    },
    goodExample: {
      file: 'config.prod.yaml',
      content:
        'project_name: shop\ndebug: false\nssl_redirect: true\nsecurity_domains:\n  - shop.example.com\n  - https://api.shop.example.com\n',
    },
    useInstead:
      'Bare domains or https:// origins of the production site only; keep localhost in the development config.',
    references: [
      'https://github.com/markolofsen/django-cfg',
      'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-trusted-origins',
    ],
  },
  appliesToPath: isDjangoCfgCandidatePath,
  detect(file) {
    const config = parseDjangoCfg(file);
    const domains = config?.fields.security_domains;
    if (!config || config.production !== true || domains?.value.kind !== 'list') return [];
    const matches: FileMatch[] = [];
    for (const item of domains.value.items) {
      const problem = domainProblem(item.value);
      if (!problem) continue;
      matches.push({
        line: item.line,
        message: `security_domains entry ${JSON.stringify(item.value)} in a production config: ${problem.reason}`,
        detail: item.value,
        ...(problem.wildcard ? { severity: 'high' as const } : {}),
      });
    }
    return matches;
  },
});
