import { describeSetting } from '../../settings/describe';
import { envStringBoolean } from '../support';
import { defineSettingsRule } from '../../settings/rule-support';

/**
 * `os.environ.get("DEBUG", False)` returns the env value as a str whenever the variable is set,
 * and `bool("False")` is True (django-rules.md §3.1).
 */
export const debugEnvString = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG204',
  name: 'debug-env-string',
  severity: 'high',
  fix: "Cast the env value to a bool: env.bool('DJANGO_DEBUG', default=False), or os.environ.get('DJANGO_DEBUG', '') == 'True'.",
  docs: {
    summary:
      'DEBUG is a str read from the environment without a bool cast, so "False" turns debug on.',
    whatItDoes:
      'Reports when the evaluated DEBUG is a str that came from an environment variable (set in the production env profile, or the str default of the env read), i.e. the code reads the variable without converting it to a bool.',
    whyBad:
      'Any non-empty string is truthy: DEBUG="False", DEBUG="0" and DEBUG="no" all enable debug mode, which shows tracebacks with settings and local variables to every visitor. Severity high: the configuration looks off to whoever sets the variable, while debug pages are served in production.',
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = os.environ.get('DJANGO_DEBUG', 'False')\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = os.environ.get('DJANGO_DEBUG', 'False') == 'True'\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\n",
    },
    useInstead:
      "A cast that understands the string: django-environ's `env.bool(...)`, python-decouple's `config(..., cast=bool)`, a pydantic-settings `bool` field, or an explicit comparison such as `os.environ.get('DJANGO_DEBUG', '') == 'True'`.",
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#debug',
      'https://django-environ.readthedocs.io/en/latest/types.html',
      'https://docs.python.org/3/library/stdtypes.html#truth-value-testing',
    ],
  },
  check(ctx) {
    const debug = ctx.setting('DEBUG');
    const read = envStringBoolean(debug);
    if (read === undefined) return [];
    if (read.truthy) {
      return [
        {
          message: `${describeSetting(debug)}: a non-empty str is truthy, so DEBUG is on whatever the text says`,
          setting: 'DEBUG',
        },
      ];
    }
    return [
      {
        message: `${describeSetting(debug)}: DEBUG is off only because the str is empty; setting ${read.envVar}=False would turn it on`,
        setting: 'DEBUG',
        severity: 'medium',
      },
    ];
  },
});
