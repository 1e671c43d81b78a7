import { pyRepr } from '../value-ops';
import { CORS_APP, allowedOrigins, inspectableOrigins } from './cors-support';
import { describeSetting } from '../describe';
import { inInstalledApps, defineSettingsRule } from '../rule-support';

/** corsheaders.E014: A CORS allowed origin has a path, query or fragment. */
export const corsOriginHasPath = defineSettingsRule({
  origin: 'corsheaders',
  id: 'corsheaders.E014',
  name: 'cors-origin-has-path',
  severity: 'high',
  fix: "Remove the path, query and fragment from each allowed origin: 'https://app.example.com', not 'https://app.example.com/'.",
  docs: {
    summary: 'A CORS allowed origin has a path, query or fragment.',
    whatItDoes:
      "When 'corsheaders' is in INSTALLED_APPS and the allowed origins are a sequence of strings, reports each origin with a scheme and host that also has a path (even a trailing '/'), a query or a fragment; one finding per part, as the library does.",
    whyBad:
      'Browsers send the Origin header as scheme://host[:port] only, so an origin with a path never matches and the requests you meant to allow fail.',
    badExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["corsheaders"]
CORS_ALLOWED_ORIGINS = ["https://app.example.com/"]
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `INSTALLED_APPS = ["corsheaders"]
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
`,
    },
    useInstead: 'Drop everything after the host and port.',
    references: [
      'https://github.com/adamchainz/django-cors-headers/blob/main/src/corsheaders/checks.py',
      'https://github.com/adamchainz/django-cors-headers#configuration',
    ],
  },
  check(ctx) {
    const installed = inInstalledApps(ctx, CORS_APP);
    if (installed === false) return [];
    const origins = allowedOrigins(ctx);
    if (origins.value.kind === 'unknown') return [ctx.undecided([origins])];
    return inspectableOrigins(origins).flatMap(({ origin, index, parts }) => {
      if (parts.scheme === '' || parts.netloc === '') return [];
      return (['path', 'query', 'fragment'] as const)
        .filter((part) => parts[part] !== '')
        .flatMap((part) => {
          const detail = `${origins.name}[${index}].${part}`;
          return ctx
            .decide(installed, [ctx.setting('INSTALLED_APPS')], () => ({
              setting: origins.name,
              detail,
              message: `Origin ${pyRepr(origin)} in ${origins.name} should not have a ${part}: ${describeSetting(origins)}`,
            }))
            .map((match) => ({ ...match, detail }));
        });
    });
  },
});
