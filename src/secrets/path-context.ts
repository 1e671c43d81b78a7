import { baseNameOf } from './text-lines';

/**
 * What a repository path says about the secrets in it: test code and fixtures, CI configuration,
 * documentation, committed third-party code, Django settings. Pure functions of the
 * repository-relative path (`/` separators), so the tree scan, the history scan and the settings
 * rules classify a path the same way.
 */

/** Directories of installed third-party code: virtualenvs and package managers' trees. */
const VENDORED_DIR =
  /(^|\/)(site-packages|dist-packages|node_modules|bower_components|jspm_packages|\.?venv|\.?virtualenv|\.tox|\.nox|__pypackages__)\//i;
/** `env/lib/python3.11/…`, `myenv/Lib/site-packages/…`: a virtualenv under any name. */
const VENV_LIB = /(^|\/)lib\/python[23](\.\d+)?\//i;

/**
 * Committed third-party code: virtualenvs and vendored packages (`site-packages/`, `venv/`,
 * `.venv/`, `env/lib/python*`, `node_modules/`, …). Its test keys and examples are the library's,
 * not the project's: the tree scan skips these paths (with one note), and so should any other scan
 * that walks files (history: apply this predicate to each path before scanning its blob).
 */
export function isVendoredPath(path: string): boolean {
  return VENDORED_DIR.test(path) || VENV_LIB.test(path);
}

/** A path segment that is a template expression: `{{cookiecutter.project_slug}}`, `{{ name }}`. */
const TEMPLATE_SEGMENT = /(^|\/)[^/]*(\{\{[^/]*\}\}|\{%[^/]*%\})[^/]*\//;

/**
 * A file inside a project template (cookiecutter, copier, django-admin startproject templates):
 * a directory name is a template expression. Its placeholders are what the generator replaces
 * when it renders a project, not values anything runs with.
 */
export function isProjectTemplatePath(path: string): boolean {
  return TEMPLATE_SEGMENT.test(path);
}

/** CI configuration file names, wherever they sit (a backend in a subdirectory has its own). */
const CI_FILE =
  /^(circle\.ya?ml|\.travis\.ya?ml|\.gitlab-ci\.ya?ml|bitbucket-pipelines\.ya?ml|azure-pipelines\.ya?ml|appveyor\.ya?ml|\.appveyor\.ya?ml|\.drone\.ya?ml|\.woodpecker\.ya?ml|cloudbuild\.ya?ml|buildspec\.ya?ml|codefresh\.ya?ml|wercker\.ya?ml|jenkinsfile(\.[\w-]+)?|tox\.ini|pytest\.ini|noxfile\.py)$/;
const CI_DIR = /(^|\/)(\.github\/workflows|\.circleci|\.buildkite|\.woodpecker|\.gitlab\/ci)\//;

/**
 * CI configuration: `.github/workflows/*`, `.circleci/`, `circle.yml`, `.travis.yml`,
 * `.gitlab-ci.yml`, `bitbucket-pipelines.yml`, `Jenkinsfile`, `tox.ini`, … at any depth. The
 * credentials there usually only let the test suite start (a throwaway database, a dummy key).
 */
export function isCiPath(path: string): boolean {
  return CI_DIR.test(path) || CI_FILE.test(baseNameOf(path));
}

const TEST_DIRS = new Set([
  'tests',
  'test',
  'testing',
  'fixtures',
  'fixture',
  'testdata',
  'test_data',
  'test-data',
  '__tests__',
  '__mocks__',
  'spec',
  'specs',
  'e2e',
  // Storybook stories render components with made-up props, as fixtures do.
  'storybook',
  '.storybook',
]);

/**
 * Test code and fixtures: files under `tests/`, `test/`, `fixtures/`, `__tests__/`…, `test_*.py`,
 * `*_test.py`, `tests.py`, `conftest.py`, test settings (`settings/test.py`, `test_settings.py`,
 * `testing.py`), `.env.test`, `*.test.js`, `*.spec.ts`, and Storybook stories (`storybook/`,
 * `*.stories.tsx`).
 */
export function isTestPath(path: string): boolean {
  const segments = path.toLowerCase().split('/');
  const base = segments[segments.length - 1] ?? '';
  if (segments.slice(0, -1).some((dir) => TEST_DIRS.has(dir))) return true;
  if (base.endsWith('.py')) {
    return base.startsWith('test') || /_tests?\.py$/.test(base) || base === 'conftest.py';
  }
  return (
    /(^|[._-])(tests?|testing|spec)([._-]|$)/.test(base) ||
    /\.(stories|story)\.(js|jsx|mjs|ts|tsx|mdx|vue|svelte)$/.test(base)
  );
}

/**
 * Documentation, by content type wherever it sits: Markdown, reStructuredText, AsciiDoc and text
 * pages (`install/upgrading.md` at the top is as much a doc as `docs/x.md`), README/CHANGELOG
 * files, and anything under `docs/` or `doc/` (mkdocs and Sphinx trees). Notebooks are code.
 */
export function isDocsPath(path: string): boolean {
  const lower = path.toLowerCase();
  if (/(^|\/)docs?\//.test(lower)) return true;
  const base = baseNameOf(lower);
  return /\.(md|markdown|mdx|rst|adoc|asciidoc|txt|textile)$/.test(base) &&
    !/^requirements/.test(base)
    ? true
    : /^(readme|changelog|changes|history|contributing)(\.|$)/.test(base);
}

/** Directories of UI translation catalogues. */
const TRANSLATION_DIR = /(^|\/)(i18n|l10n|locales?|langs?|translations?)\//i;
/** Catalogue formats: key-to-text maps (JSON, YAML, JS/TS modules, properties, ARB, Fluent). */
const TRANSLATION_FILE = /\.(json|ya?ml|js|mjs|cjs|ts|properties|arb|ftl|strings|po|xliff|xlf)$/i;

/**
 * A translation catalogue: a key-to-text map under `i18n/`, `locale/`, `locales/`, `lang/`,
 * `translations/` (`src/i18n/languages/es/dict.json`). Its `"password": "Contraseña"` is the
 * label a form shows in one language, never a credential.
 */
export function isTranslationPath(path: string): boolean {
  return TRANSLATION_DIR.test(path) && TRANSLATION_FILE.test(baseNameOf(path));
}

/**
 * A Python file that holds Django (or pydantic/django-cfg) settings by its name: `settings.py`,
 * `settings/*.py`, `*_settings.py`, `settings_*.py`, `config.py`, `conf.py`, `config/settings/*`.
 * Lower-case names such as `secret_key` are credentials here; in application code they are
 * variables.
 */
export function isSettingsShapedPath(path: string): boolean {
  const lower = path.toLowerCase();
  if (!/\.pyw?$/.test(lower)) return false;
  if (/(^|\/)(settings|config|conf|configs)\//.test(lower)) return true;
  const base = baseNameOf(lower).replace(/\.pyw?$/, '');
  return /(^|_)settings($|_)/.test(base) || /^(config|conf|configuration|local_config)$/.test(base);
}
