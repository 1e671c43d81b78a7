import type { SettingsCheckContext } from '../settings/rule';
import type { PyValue } from '../settings/value';
import { str } from '../settings/value';
import { dictGet, truthiness } from '../settings/value-ops';
import { isSetInModule, sequenceOf } from './support';

/**
 * The three ways a Django project configures a Content-Security-Policy:
 * - Django 6.0: SECURE_CSP / SECURE_CSP_REPORT_ONLY dicts + django.middleware.csp.ContentSecurityPolicyMiddleware
 *   (https://docs.djangoproject.com/en/dev/ref/csp/);
 * - django-csp 4.x: CONTENT_SECURITY_POLICY = {'DIRECTIVES': {...}} (+ _REPORT_ONLY) with csp.middleware.CSPMiddleware;
 * - django-csp 3.x: CSP_DEFAULT_SRC, CSP_SCRIPT_SRC… with the same middleware. Its defaults send
 *   `default-src 'self'`, so the middleware alone enforces a policy.
 */
export const DJANGO_CSP_MIDDLEWARE = 'django.middleware.csp.ContentSecurityPolicyMiddleware';
export const DJANGO_CSP_PACKAGE_MIDDLEWARE = 'csp.middleware.CSPMiddleware';

export interface CspState {
  enforced: boolean | undefined;
  /** Why a configured-looking policy is not enforced. */
  note?: string;
}

export function describeCsp(ctx: SettingsCheckContext): CspState {
  const middleware = ctx.middleware();
  if (middleware === undefined) return { enforced: undefined };
  const secureCsp = ctx.setting('SECURE_CSP');
  if (middleware.includes(DJANGO_CSP_MIDDLEWARE)) {
    const on = secureCsp.exists ? truthiness(secureCsp.value) : false;
    if (on !== false) return { enforced: on };
  }
  if (middleware.includes(DJANGO_CSP_PACKAGE_MIDDLEWARE)) {
    const policy = ctx.setting('CONTENT_SECURITY_POLICY');
    if (!isSetInModule(ctx, policy.name) || policy.value.kind !== 'none') return { enforced: true };
    return {
      enforced: false,
      note: 'CONTENT_SECURITY_POLICY is None, so django-csp sends no enforced policy',
    };
  }
  if (isSetInModule(ctx, 'SECURE_CSP') && truthiness(secureCsp.value) === true) {
    return {
      enforced: false,
      note: `SECURE_CSP is set but ${DJANGO_CSP_MIDDLEWARE} is not in MIDDLEWARE`,
    };
  }
  const reportOnly = ['SECURE_CSP_REPORT_ONLY', 'CONTENT_SECURITY_POLICY_REPORT_ONLY'].some(
    (name) => isSetInModule(ctx, name),
  );
  return reportOnly
    ? { enforced: false, note: 'only a report-only policy is configured' }
    : { enforced: false };
}

/** CSP sources written as a list/tuple of str or one space-separated str. */
function sourcesOf(value: PyValue | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  if (value.kind === 'str') return value.value.split(/\s+/).filter(Boolean);
  const items = sequenceOf(value);
  if (items === undefined) return undefined;
  return items.flatMap((item) => (item.kind === 'str' ? [item.value] : []));
}

/** script-src, falling back to default-src as browsers do. */
function scriptSourcesOfDirectives(directives: PyValue): string[] | undefined {
  return (
    sourcesOf(dictGet(directives, str('script-src'))) ??
    sourcesOf(dictGet(directives, str('default-src')))
  );
}

export interface ScriptPolicy {
  /** Where the directive lives, for messages: `CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src']`. */
  where: string;
  setting: string;
  sources: string[];
}

/** The script sources of every CSP the settings define (enforced or report-only). */
export function cspScriptSources(ctx: SettingsCheckContext): ScriptPolicy[] {
  const out: ScriptPolicy[] = [];
  for (const name of ['SECURE_CSP', 'SECURE_CSP_REPORT_ONLY']) {
    const setting = ctx.setting(name);
    if (!isSetInModule(ctx, name) || setting.value.kind !== 'dict') continue;
    const sources = scriptSourcesOfDirectives(setting.value);
    if (sources) out.push({ where: `${name} script-src`, setting: name, sources });
  }
  for (const name of ['CONTENT_SECURITY_POLICY', 'CONTENT_SECURITY_POLICY_REPORT_ONLY']) {
    const setting = ctx.setting(name);
    if (!isSetInModule(ctx, name)) continue;
    const directives = dictGet(setting.value, str('DIRECTIVES'));
    if (directives === undefined) continue;
    const sources = scriptSourcesOfDirectives(directives);
    if (sources) out.push({ where: `${name}['DIRECTIVES'] script-src`, setting: name, sources });
  }
  const script = ctx.setting('CSP_SCRIPT_SRC');
  const fallback = ctx.setting('CSP_DEFAULT_SRC');
  const legacy = isSetInModule(ctx, script.name)
    ? script
    : isSetInModule(ctx, fallback.name)
      ? fallback
      : undefined;
  if (legacy) {
    const sources = sourcesOf(legacy.value);
    if (sources) out.push({ where: legacy.name, setting: legacy.name, sources });
  }
  return out;
}
