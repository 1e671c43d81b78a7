import { resolveModuleFile } from '../../settings/eval/index';
import { defineSettingsRule } from '../../settings/rule-support';

/**
 * `path("admin/", admin.site.urls)`, `re_path(r"^admin/", ...)`, `url(r'^admin/', include(admin.site.urls))`.
 * Read textually from the ROOT_URLCONF file (nothing is executed); a computed prefix
 * (`path(settings.ADMIN_URL, ...)`) is not the default path and does not match.
 */
const DEFAULT_ADMIN_ROUTE =
  /\b(?:path|re_path|url)\s*\(\s*[rRuU]?(['"])\^?\/?admin\/?\$?\1\s*,\s*(?:include\s*\(\s*)?admin\.site\.urls\b/g;

/** 1-based lines of default-path admin routes in a urls.py source. */
export function findDefaultAdminRoutes(source: string): number[] {
  const lines: number[] = [];
  for (const match of source.matchAll(DEFAULT_ADMIN_ROUTE)) {
    const before = source.slice(0, match.index);
    const lineStart = before.lastIndexOf('\n') + 1;
    // A commented-out route does not count.
    if (source.slice(lineStart, match.index).includes('#')) continue;
    lines.push(before.split('\n').length);
  }
  return lines;
}

export const adminDefaultPath = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG222',
  name: 'admin-default-path',
  severity: 'low',
  fix: 'Mount the admin under a path of your own, e.g. path(settings.ADMIN_URL, admin.site.urls) with ADMIN_URL from the environment.',
  docs: {
    summary: 'The Django admin is mounted at the default admin/ path in the root URLconf.',
    whatItDoes:
      "Reads the ROOT_URLCONF module's file (as text, never executed) and reports `path('admin/', admin.site.urls)`, `re_path(r'^admin/', admin.site.urls)` or `url(r'^admin/', include(admin.site.urls))`.",
    whyBad:
      'Every scanner and credential-stuffing bot probes /admin/. A predictable admin URL invites password guessing against staff accounts and fingerprints the site as Django. Moving it is not access control, but it removes the site from untargeted attacks and makes targeted probing visible. Severity low: defence in depth only.',
    badExample: {
      // A single-file project: the settings module is its own URLconf.
      file: 'project/settings.py',
      content:
        "import os\n\nfrom django.contrib import admin\nfrom django.urls import path\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nROOT_URLCONF = 'project.settings'\n\nurlpatterns = [\n    path('admin/', admin.site.urls),\n]\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nfrom django.contrib import admin\nfrom django.urls import path\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nROOT_URLCONF = 'project.settings'\nADMIN_URL = os.environ['DJANGO_ADMIN_URL']\n\nurlpatterns = [\n    path(ADMIN_URL, admin.site.urls),\n]\n",
    },
    useInstead:
      'A non-default admin path from the environment (cookiecutter-django uses DJANGO_ADMIN_URL), plus real protection: strong passwords, 2FA, django-axes, or an IP allow-list at the proxy.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/contrib/admin/#hooking-adminsite-instances-into-your-urlconf',
      'https://cheatsheetseries.owasp.org/cheatsheets/Django_Security_Cheat_Sheet.html',
    ],
  },
  check(ctx) {
    const urlconf = ctx.setting('ROOT_URLCONF');
    if (urlconf.value.kind !== 'str') return [];
    const file = resolveModuleFile(urlconf.value.value, [...ctx.pythonPaths], ctx.files);
    if (file === undefined) return [];
    const source = ctx.files.read(file);
    if (source === undefined) return [];
    return findDefaultAdminRoutes(source).map((line) => ({
      message: `The admin is mounted at the default path admin/ in ${file} (ROOT_URLCONF ${urlconf.value.kind === 'str' ? urlconf.value.value : ''})`,
      file,
      line,
    }));
  },
});
