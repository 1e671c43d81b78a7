import type { SettingsMatch } from '../../settings/rule';
import { corsSetting, isCorsInstalled, sequenceOf } from '../support';
import { defineSettingsRule } from '../../settings/rule-support';

/**
 * django-cors-headers tests regexes with `re.match`: anchored at the start only. Without `$`/`\Z`
 * `^https://example\.com` also matches `https://example.com.evil.net`; an unescaped `.` in the host
 * matches any character (`https://appXexample.com`).
 */
export function regexProblems(pattern: string): string[] {
  const problems: string[] = [];
  const trimmed = pattern.replace(/\s+$/, '');
  const endsAnchored = /(?:^|[^\\])(?:\\\\)*\$$/.test(trimmed) || /\\Z$/.test(trimmed);
  if (!endsAnchored) problems.push('not anchored at the end ($ or \\Z)');
  // The host part: after `://` (or the start) up to a port, path, group or the end anchor.
  const afterScheme = trimmed
    .replace(/^\^?/, '')
    .replace(/^[^:]*?:\/\//, '')
    .replace(/\(\?:/g, '(');
  const host = afterScheme.split(/:|\/|\$|\\Z/)[0] ?? '';
  // `[^\]\\]`, not `[^\]]`: a backslash matched both ways made the class exponential.
  const withoutClasses = host.replace(/\[(?:\\.|[^\]\\])*\]/g, '');
  if (/(?:^|[^\\])(?:\\\\)*\.(?![*+?{])/.test(withoutClasses))
    problems.push('unescaped "." in the host matches any character');
  return problems;
}

export const corsOriginRegexUnanchored = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG213',
  name: 'cors-origin-regex-unanchored',
  severity: 'medium',
  fix: "Anchor each origin regex at both ends and escape the dots: r'^https://(\\w+\\.)?example\\.com$'.",
  docs: {
    summary:
      'A CORS_ALLOWED_ORIGIN_REGEXES entry is not anchored at the end or has an unescaped dot in the host.',
    whatItDoes:
      'When `corsheaders` is installed, checks each string in CORS_ALLOWED_ORIGIN_REGEXES (or the pre-3.5 CORS_ORIGIN_REGEX_WHITELIST when the new name is unset): it must end with `$` or `\\Z`, and every `.` in the host part must be escaped (`.*`, `.+` wildcards and character classes are accepted). Compiled patterns are not inspected.',
    whyBad:
      "django-cors-headers uses re.match, which anchors only at the start. r'^https://example\\.com' also allows https://example.com.attacker.net, and r'^https://app.example\\.com$' allows https://appXexample.com, a domain anyone can register. The attacker's page then reads cross-origin responses (with the user's cookies when credentials are allowed). Severity medium: exploitable by registering a domain, but limited to what CORS exposes.",
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['api.example.com']\nINSTALLED_APPS = ['corsheaders']\nMIDDLEWARE = ['corsheaders.middleware.CorsMiddleware', 'django.middleware.common.CommonMiddleware']\nCORS_ALLOWED_ORIGIN_REGEXES = [r'^https://\\w+\\.example\\.com']\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['api.example.com']\nINSTALLED_APPS = ['corsheaders']\nMIDDLEWARE = ['corsheaders.middleware.CorsMiddleware', 'django.middleware.common.CommonMiddleware']\nCORS_ALLOWED_ORIGIN_REGEXES = [r'^https://\\w+\\.example\\.com$']\n",
    },
    useInstead:
      "Patterns of the form r'^https://([a-z0-9-]+\\.)?example\\.com$', or an explicit CORS_ALLOWED_ORIGINS list.",
    references: [
      'https://github.com/adamchainz/django-cors-headers#cors_allowed_origin_regexes-sequencestr--patternstr',
      'https://docs.python.org/3/library/re.html#re.match',
    ],
  },
  check(ctx) {
    if (isCorsInstalled(ctx) !== true) return [];
    const regexes = corsSetting(ctx, 'CORS_ALLOWED_ORIGIN_REGEXES');
    const items = sequenceOf(regexes.value);
    if (items === undefined) return [];
    const matches: SettingsMatch[] = [];
    for (const item of items) {
      if (item.kind !== 'str') continue;
      const problems = regexProblems(item.value);
      if (problems.length === 0) continue;
      matches.push({
        message: `${regexes.name} entry ${JSON.stringify(item.value)} is ${problems.join(' and ')}; re.match lets look-alike origins through`,
        setting: regexes.name,
        detail: item.value,
      });
    }
    return matches;
  },
});
