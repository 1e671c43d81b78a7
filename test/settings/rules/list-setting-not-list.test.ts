import { listSettingNotList } from '../../../src/settings/rules/list-setting-not-list';
import { testDjangoCheck } from '../../helpers/rule-tester';
import { ALL } from './snapshot-builder';

testDjangoCheck(listSettingNotList, {
  valid: [
    {
      name: 'str ALLOWED_HOSTS is accepted by 3.2',
      versions: ['3.2'],
      overrides: { ALLOWED_HOSTS: 'www.example.com' },
    },
    {
      name: 'INSTALLED_APPS as a tuple is fine',
      versions: ALL,
      overrides: { INSTALLED_APPS: { kind: 'tuple', items: [] } },
    },
    {
      // HackSoftware's do_settings: a list on every path of an undecidable branch.
      name: 'INSTALLED_APPS not known but a list on every path is decided fine',
      versions: ALL,
      overrides: {
        INSTALLED_APPS: {
          kind: 'unknown',
          reason: 'depends on not _show_toolbar',
          facts: { kind: 'list', contains: [{ kind: 'str', value: 'django.contrib.admin' }] },
        },
      },
    },
  ],
  invalid: [
    {
      name: 'str ALLOWED_HOSTS refuses to load',
      versions: ['4.2', '5.2'],
      overrides: { ALLOWED_HOSTS: 'www.example.com' },
      at: 'ALLOWED_HOSTS',
    },
    {
      name: 'str SECRET_KEY_FALLBACKS refuses to load',
      versions: ['5.2'],
      overrides: { SECRET_KEY_FALLBACKS: 'old' },
      at: 'SECRET_KEY_FALLBACKS',
    },
    {
      name: 'INSTALLED_APPS as a set is refused',
      versions: ALL,
      overrides: { INSTALLED_APPS: { kind: 'set', items: [] } },
      at: 'INSTALLED_APPS',
    },
  ],
});
