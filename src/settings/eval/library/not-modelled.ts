/**
 * Settings libraries the evaluator knows it does not model yet. A project using one gets one
 * clear note and undecided checks, never confident findings from values it could not see.
 */
import type { LibraryModel } from './model';

/** django-configurations: settings are attributes of the class DJANGO_CONFIGURATION names. */
export const djangoConfigurationsModel: LibraryModel = {
  name: 'django-configurations',
  modules: ['configurations'],
  notModelled: {
    note: 'the settings use django-configurations (class-based settings selected by DJANGO_CONFIGURATION, values.*Value read from env), which the evaluator does not model yet: checks of settings it cannot see are undecided',
    maySetSettings: true,
  },
};

/** dynaconf: `DjangoDynaconf(__name__)` fills the settings module from files and env. */
export const dynaconfModel: LibraryModel = {
  name: 'dynaconf',
  modules: ['dynaconf'],
  notModelled: {
    note: 'the settings use dynaconf, which the evaluator does not model yet: checks of settings it may set are undecided',
    maySetSettings: true,
  },
};

/** environs: `Env().bool("DEBUG")`-style reads; their values are Unknown. */
export const environsModel: LibraryModel = {
  name: 'environs',
  modules: ['environs'],
  notModelled: {
    note: 'the settings use environs, which the evaluator does not model yet: values read through it are unknown and the checks that need them undecided',
    maySetSettings: false,
  },
};
