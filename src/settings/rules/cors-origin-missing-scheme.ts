import type { SettingsMatch } from '../rule';
import { pyRepr } from '../value-ops';
import { CORS_APP, allowedOrigins, inspectableOrigins } from './cors-support';
import { describeSetting } from '../describe';
import { isSet, inInstalledApps, defineSettingsRule } from '../rule-support';

/** corsheaders.E013: A CORS allowed origin lacks a scheme or host, or the removed CORS_REPLACE_HTTPS_REFERER is set. */
export const corsOriginMissingScheme = defineSettingsRule({
  origin: 'corsheaders',
  id: 'corsheaders.E013',
  name: 'cors-origin-missing-scheme',
  severity: 'high',
  fix: "Write each allowed origin as scheme://host[:port], e.g. 'https://app.example.com'.",
  docs: {
    summary:
      'A CORS allowed origin lacks a scheme or host, or the removed CORS_REPLACE_HTTPS_REFERER is set.',
    whatItDoes:
      "When 'corsheaders' is in INSTALLED_APPS and the allowed origins are a sequence of strings, reports each origin (other than 'null' and 'file://') whose urlsplit has no scheme or no netloc, e.g. 'example.com' or 'localhost:3000'. The library uses the same id for CORS_REPLACE_HTTPS_REFERER being set (removed in 4.0.0), reported here too.",
    whyBad:
      "Origins are compared by scheme and host exactly: an entry without a scheme never matches, so requests you meant to allow fail, and the usual 'fix' is CORS_ALLOW_ALL_ORIGINS.",
    badExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["corsheaders"]
CORS_ALLOWED_ORIGINS = ["app.example.com"]
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["corsheaders"]
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
`,
    },
    useInstead: 'Prefix each origin with https://.',
    references: [
      'https://github.com/adamchainz/django-cors-headers/blob/main/src/corsheaders/checks.py',
      'https://github.com/adamchainz/django-cors-headers#configuration',
    ],
  },
  check(ctx) {
    const installed = inInstalledApps(ctx, CORS_APP);
    if (installed === false) return [];
    const origins = allowedOrigins(ctx);
    const matches: SettingsMatch[] = [];
    const referer = ctx.setting('CORS_REPLACE_HTTPS_REFERER');
    if (isSet(referer)) {
      matches.push(
        ...ctx.decide(installed, [ctx.setting('INSTALLED_APPS')], () => ({
          setting: referer.name,
          detail: referer.name,
          message: `CORS_REPLACE_HTTPS_REFERER was removed in django-cors-headers 4.0 and has no effect: ${describeSetting(referer)}`,
        })),
      );
    }
    if (origins.value.kind === 'unknown') return [...matches, ctx.undecided([origins])];
    inspectableOrigins(origins).forEach(({ origin, index, parts }) => {
      if (parts.scheme !== '' && parts.netloc !== '') return;
      const detail = `${origins.name}[${index}]`;
      matches.push(
        ...ctx
          .decide(installed, [ctx.setting('INSTALLED_APPS')], () => ({
            setting: origins.name,
            detail,
            message: `Origin ${pyRepr(origin)} in ${origins.name} is missing a scheme or host (write it as https://host): ${describeSetting(origins)}`,
          }))
          .map((match) => ({ ...match, detail })),
      );
    });
    return matches;
  },
});
