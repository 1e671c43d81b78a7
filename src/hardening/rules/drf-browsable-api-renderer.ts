import { defineSettingsRule } from '../../settings/rule-support';
import {
  classPaths,
  describeKey,
  isRestFrameworkInstalled,
  libraryKey,
  locationOf,
  pathList,
} from '../drf';

const BROWSABLE = 'rest_framework.renderers.BrowsableAPIRenderer';

export const drfBrowsableApiRenderer = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG229',
  name: 'drf-browsable-api-renderer',
  severity: 'low',
  fix: "Set REST_FRAMEWORK['DEFAULT_RENDERER_CLASSES'] = ['rest_framework.renderers.JSONRenderer'] in the production settings.",
  docs: {
    summary:
      "BrowsableAPIRenderer is in Django REST framework's DEFAULT_RENDERER_CLASSES in production (it is in DRF's default list).",
    whatItDoes:
      "When rest_framework is installed, reports REST_FRAMEWORK['DEFAULT_RENDERER_CLASSES'] containing 'rest_framework.renderers.BrowsableAPIRenderer' or a class whose name ends in BrowsableAPIRenderer (a project's subclass), including when the key is absent: DRF's default is [JSONRenderer, BrowsableAPIRenderer].",
    whyBad:
      'The browsable API renders every endpoint as an HTML page with forms for each allowed method, which maps the API for an attacker, serves the session-authenticated HTML forms that CSRF and clickjacking protections must then cover, and has had its own cross-site scripting advisories (CVE-2020-25626). Severity low: it widens the surface more than it opens a hole.',
    badExample: {
      file: 'project/settings.py',
      content:
        "INSTALLED_APPS = ['rest_framework']\nREST_FRAMEWORK = {\n    'DEFAULT_RENDERER_CLASSES': [\n        'rest_framework.renderers.JSONRenderer',\n        'rest_framework.renderers.BrowsableAPIRenderer',\n    ],\n}\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "INSTALLED_APPS = ['rest_framework']\nREST_FRAMEWORK = {\n    'DEFAULT_RENDERER_CLASSES': ['rest_framework.renderers.JSONRenderer'],\n}\n",
    },
    useInstead:
      'JSONRenderer only in production; add BrowsableAPIRenderer in the development settings if the team uses it.',
    references: [
      'https://www.django-rest-framework.org/api-guide/renderers/#setting-the-renderers',
      'https://www.django-rest-framework.org/topics/browsable-api/',
    ],
  },
  check(ctx) {
    if (isRestFrameworkInstalled(ctx) !== true) return [];
    const key = libraryKey(
      ctx,
      'REST_FRAMEWORK',
      'DEFAULT_RENDERER_CLASSES',
      pathList(['rest_framework.renderers.JSONRenderer', BROWSABLE]),
    );
    const paths = classPaths(key.value);
    if (paths === undefined)
      return key.value.kind === 'unknown' ? [ctx.undecided([key.setting])] : [];
    // A project's subclass (NetBox's FormlessBrowsableAPIRenderer) renders the same pages.
    const browsable = paths.find(
      (path) => path === BROWSABLE || path.endsWith('BrowsableAPIRenderer'),
    );
    if (browsable === undefined) return [];
    const which =
      browsable === BROWSABLE
        ? 'BrowsableAPIRenderer'
        : `${browsable} (by its name, a BrowsableAPIRenderer)`;
    return [
      {
        ...locationOf(key),
        message: `${describeKey(key, 'DRF')} includes ${which}: the API is browsable as HTML in production`,
        detail: 'DEFAULT_RENDERER_CLASSES',
      },
    ];
  },
});
