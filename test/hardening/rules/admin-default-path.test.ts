import { adminDefaultPath } from '../../../src/hardening/rules/admin-default-path';
import { testSettingsRule } from '../../helpers/rule-tester';

testSettingsRule(adminDefaultPath, {
  valid: [
    {
      name: 'custom path',
      spec: {
        settings: { ROOT_URLCONF: 'project.urls' },
        files: {
          'project/urls.py': 'urlpatterns = [path(settings.ADMIN_URL, admin.site.urls)]\n',
        },
      },
    },
    {
      name: 'commented out',
      spec: {
        settings: { ROOT_URLCONF: 'project.urls' },
        files: { 'project/urls.py': "# path('admin/', admin.site.urls)\n" },
      },
    },
    { name: 'urlconf outside the repo', spec: { settings: { ROOT_URLCONF: 'elsewhere.urls' } } },
  ],
  invalid: [
    {
      name: 'path admin/',
      spec: {
        settings: { ROOT_URLCONF: 'project.urls' },
        files: {
          'project/urls.py':
            "from django.contrib import admin\n\nurlpatterns = [\n    path('admin/', admin.site.urls),\n]\n",
        },
      },
      findings: [{ line: 4 }],
    },
    {
      name: 'old url() with include',
      spec: {
        settings: { ROOT_URLCONF: 'project.urls' },
        files: {
          'project/urls/__init__.py': "urlpatterns = [url(r'^admin/', include(admin.site.urls))]\n",
        },
      },
      findings: [{ line: 1 }],
    },
  ],
});
