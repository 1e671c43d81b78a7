import { defineFileRule } from '../file-rule';
import { isProductionEnvFilePath, parseEnvFile } from '../deployment-files';

const KEYS = new Set(['ALLOWED_HOSTS', 'DJANGO_ALLOWED_HOSTS']);

/** `*`, `a.com,*`, `["*"]`: the items as a list cast (comma, space or JSON) would give them. */
function hasWildcard(value: string): boolean {
  return value
    .replace(/[[\]"']/g, ' ')
    .split(/[\s,]+/)
    .some((item) => item === '*');
}

export const envFileAllowedHostsWildcard = defineFileRule({
  id: 'DDG308',
  name: 'env-file-allowed-hosts-wildcard',
  severity: 'high',
  fix: 'List the real host names in DJANGO_ALLOWED_HOSTS (e.g. example.com,.example.com) instead of *.',
  docs: {
    summary: 'A production env file sets ALLOWED_HOSTS / DJANGO_ALLOWED_HOSTS to include *.',
    whatItDoes:
      'Reports ALLOWED_HOSTS or DJANGO_ALLOWED_HOSTS in production env files when one of its items (comma- or space-separated, or a JSON list) is *.',
    whyBad:
      "The settings read ALLOWED_HOSTS from this value, so '*' turns off Host header validation and lets an attacker choose the host in password-reset links and absolute URLs (host header poisoning). Severity high, as for allowed-hosts-wildcard.",
    badExample: {
      file: '.env.production',
      content: 'DJANGO_DEBUG=False\nDJANGO_ALLOWED_HOSTS=*\n',
    },
    goodExample: {
      file: '.env.production',
      content: 'DJANGO_DEBUG=False\nDJANGO_ALLOWED_HOSTS=example.com,.example.com\n',
    },
    useInstead: "The site's host names, with a leading dot for subdomains.",
    references: ['https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts'],
  },
  appliesToPath: isProductionEnvFilePath,
  detect(file) {
    return parseEnvFile(file.content)
      .filter((e) => KEYS.has(e.key) && hasWildcard(e.value))
      .map((e) => ({
        line: e.line,
        message: `${e.key} includes * in a production env file: Django accepts any Host header`,
        detail: e.key,
      }));
  },
});
