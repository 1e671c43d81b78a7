import type { ResolvedSetting, SettingsCheckContext } from '../settings/rule';
import { pyIn } from '../settings/rule-support';
import { NONE, type PyValue } from '../settings/value';
import { dictGet, stringItems } from '../settings/value-ops';
import { str } from '../settings/value';
import { isSetInModule } from './support';

/**
 * Django REST framework and Simple JWT as the rules see them: whether DRF is installed, and one
 * key of `REST_FRAMEWORK` / `SIMPLE_JWT` with the library's default when the key is absent.
 * Defaults: https://github.com/encode/django-rest-framework/blob/master/rest_framework/settings.py
 * and https://github.com/jazzband/djangorestframework-simplejwt/blob/master/rest_framework_simplejwt/settings.py
 */

export const DRF_APP = 'rest_framework';
export const JWT_AUTHENTICATION = 'rest_framework_simplejwt.authentication.JWTAuthentication';

/**
 * Whether `rest_framework` is in INSTALLED_APPS: true, false, or undefined when INSTALLED_APPS
 * cannot be decided and the module does not configure REST_FRAMEWORK either.
 */
export function isRestFrameworkInstalled(ctx: SettingsCheckContext): boolean | undefined {
  const apps = ctx.installedApps();
  if (apps?.some((app) => app === DRF_APP || app.startsWith(`${DRF_APP}.apps.`))) return true;
  const installed = pyIn(ctx.setting('INSTALLED_APPS').value, DRF_APP);
  // A module that configures REST_FRAMEWORK uses DRF, even where INSTALLED_APPS is Unknown.
  if (installed === undefined && isSetInModule(ctx, 'REST_FRAMEWORK')) return true;
  return installed;
}

/** One key of a library's settings dict, as the library reads it. */
export interface LibraryKey {
  /** `REST_FRAMEWORK['DEFAULT_PERMISSION_CLASSES']`. */
  label: string;
  /** The dict setting (its provenance locates the finding). */
  setting: ResolvedSetting;
  /** The key's value; the library's default when absent; Unknown when the dict is. */
  value: PyValue;
  /** True when the key is absent and the default applies. */
  isDefault: boolean;
  /** The line that writes the key, when it can be found after the dict's assignment. */
  line?: number;
}

/** `settingName[key]` with `fallback` (the library's default) when the dict or key is absent. */
export function libraryKey(
  ctx: SettingsCheckContext,
  settingName: string,
  key: string,
  fallback: PyValue,
): LibraryKey {
  const setting = ctx.setting(settingName, { kind: 'dict', entries: [] });
  const label = `${settingName}[${JSON.stringify(key)}]`;
  const dict = setting.value;
  if (dict.kind === 'unknown') return { label, setting, value: dict, isDefault: false };
  const value = dict.kind === 'dict' ? dictGet(dict, str(key)) : undefined;
  if (value === undefined) return { label, setting, value: fallback, isDefault: true };
  const line = keyLine(ctx, setting, key);
  return { label, setting, value, isDefault: false, ...(line !== undefined ? { line } : {}) };
}

/**
 * The line that writes `key` in the file of the dict's last assignment: the dict literal's
 * `'key':` entry, else a `['key']` subscript. A later `+=` or `.update()` is the provenance, but
 * the entry that holds the flagged value is usually the literal's.
 */
function keyLine(
  ctx: SettingsCheckContext,
  setting: ResolvedSetting,
  key: string,
): number | undefined {
  const at = setting.provenance;
  const lines = at && ctx.files.read(at.file)?.split(/\r\n|\r|\n/);
  if (!lines) return undefined;
  const quoted = [`'${key}'`, `"${key}"`];
  const entry = lines.findIndex((text) =>
    quoted.some((q) => /^\s*:/.test(text.split(q)[1] ?? 'x')),
  );
  if (entry !== -1) return entry + 1;
  const subscript = lines.findIndex((text) => quoted.some((q) => text.includes(`[${q}]`)));
  return subscript === -1 ? undefined : subscript + 1;
}

/** Where a key's finding points: the key's line, else the dict's assignment. */
export function locationOf(key: LibraryKey): { setting: string; line?: number } {
  return {
    setting: key.setting.name,
    ...(key.line !== undefined ? { line: key.line } : {}),
  };
}

/** Class paths of a list/tuple of strings; undefined when not a sequence of known str. */
export function classPaths(value: PyValue): string[] | undefined {
  return stringItems(value);
}

/** `['a.B', 'c.D']` as a Python list, for the library's default. */
export function pathList(paths: readonly string[]): PyValue {
  return { kind: 'list', items: paths.map((path) => str(path)) };
}

/** `X (set at file:line)` / `not set; DRF's default is …` for a library key. */
export function describeKey(key: LibraryKey, owner: string): string {
  if (key.isDefault) return `${key.label} not set (${owner}'s default applies)`;
  const at = key.setting.provenance;
  return at ? `${key.label} (${at.file}:${key.line ?? at.line})` : key.label;
}

/** Whether Simple JWT is in use: installed as an app, configured, or named as DRF's authentication. */
export function isSimpleJwtUsed(ctx: SettingsCheckContext): boolean {
  if (isSetInModule(ctx, 'SIMPLE_JWT')) return true;
  const apps = ctx.installedApps() ?? [];
  if (
    apps.some(
      (app) => app === 'rest_framework_simplejwt' || app.startsWith('rest_framework_simplejwt.'),
    )
  )
    return true;
  const auth = libraryKey(ctx, 'REST_FRAMEWORK', 'DEFAULT_AUTHENTICATION_CLASSES', NONE);
  return (classPaths(auth.value) ?? []).includes(JWT_AUTHENTICATION);
}
