import type { SettingsMatch } from '../../settings/rule';
import { listedAt, sequenceOf } from '../support';
import { defineSettingsRule } from '../../settings/rule-support';

const DEBUG_APPS = ['debug_toolbar', 'django_extensions'];
const DEBUG_MIDDLEWARE = ['debug_toolbar.middleware.DebugToolbarMiddleware'];

/** `debug_toolbar` or its AppConfig path (`debug_toolbar.apps.DebugToolbarConfig`). */
function debugApp(entry: string): string | undefined {
  return DEBUG_APPS.find((app) => entry === app || entry.startsWith(`${app}.`));
}

export const debugToolingInstalled = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG221',
  name: 'debug-tooling-installed',
  severity: 'high',
  fix: 'Add debug_toolbar / django_extensions and DebugToolbarMiddleware only in the local settings module.',
  docs: {
    summary: 'django-debug-toolbar or django-extensions is enabled in the production settings.',
    whatItDoes:
      "Reports 'debug_toolbar' or 'django_extensions' (or their AppConfig paths) in INSTALLED_APPS, and 'debug_toolbar.middleware.DebugToolbarMiddleware' in MIDDLEWARE, of the production settings module.",
    whyBad:
      "The debug toolbar shows SQL queries, settings, headers and templates to whoever passes SHOW_TOOLBAR_CALLBACK (INTERNAL_IPS is easily misjudged behind a proxy, where every request comes from the proxy's address) and slows every request. django-extensions brings runserver_plus with the Werkzeug debugger, a remote Python console if it is ever started. Both belong to development and should not even be importable in production. Severity high: information disclosure up to code execution, depending on one misconfigured callback or command.",
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nINSTALLED_APPS = ['django.contrib.staticfiles', 'debug_toolbar']\nMIDDLEWARE = ['debug_toolbar.middleware.DebugToolbarMiddleware']\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nINSTALLED_APPS = ['django.contrib.staticfiles']\nMIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n",
    },
    useInstead:
      'Development-only settings (local.py) that add these apps, and production dependencies that do not include them.',
    references: [
      'https://django-debug-toolbar.readthedocs.io/en/latest/installation.html',
      'https://django-extensions.readthedocs.io/en/latest/runserver_plus.html',
    ],
  },
  check(ctx) {
    const matches: SettingsMatch[] = [];
    // The known str items even when another item is Unknown: one unknown app must not hide these.
    const knownStrings = (name: string) =>
      (sequenceOf(ctx.setting(name).value) ?? []).flatMap((v) =>
        v.kind === 'str' ? [v.value] : [],
      );
    for (const entry of ctx.installedApps() ?? knownStrings('INSTALLED_APPS')) {
      const app = debugApp(entry);
      if (app === undefined) continue;
      matches.push({
        message: `INSTALLED_APPS contains ${JSON.stringify(entry)}, a development tool, in the production settings`,
        setting: 'INSTALLED_APPS',
        detail: app,
        // The line that lists the app, not the statement that last changed the list.
        ...listedAt(ctx, ctx.setting('INSTALLED_APPS'), (item) => item === entry),
      });
    }
    for (const entry of ctx.middleware() ?? knownStrings('MIDDLEWARE')) {
      if (!DEBUG_MIDDLEWARE.includes(entry)) continue;
      matches.push({
        message: `MIDDLEWARE contains ${JSON.stringify(entry)}: the debug toolbar runs on production requests`,
        setting: 'MIDDLEWARE',
        detail: entry,
        ...listedAt(ctx, ctx.setting('MIDDLEWARE'), (item) => item === entry),
      });
    }
    return matches;
  },
});
