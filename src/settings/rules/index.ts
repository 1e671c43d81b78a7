import type { SettingsRule } from '../rule';
import { csrfTrustedOriginNoScheme } from './csrf-trusted-origin-no-scheme';
import { referrerPolicyInvalid } from './referrer-policy-invalid';
import { crossOriginOpenerPolicyInvalid } from './cross-origin-opener-policy-invalid';
import { cspSettingNotDict } from './csp-setting-not-dict';
import { hashingAlgorithmInvalid } from './hashing-algorithm-invalid';
import { securityMiddlewareMissing } from './security-middleware-missing';
import { xframeOptionsMiddlewareMissing } from './xframe-options-middleware-missing';
import { csrfMiddlewareMissing } from './csrf-middleware-missing';
import { hstsNotSet } from './hsts-not-set';
import { hstsSubdomainsNotIncluded } from './hsts-subdomains-not-included';
import { contentTypeNosniffDisabled } from './content-type-nosniff-disabled';
import { sslRedirectDisabled } from './ssl-redirect-disabled';
import { secretKeyWeak } from './secret-key-weak';
import { sessionCookieInsecureSessionsApp } from './session-cookie-insecure-sessions-app';
import { sessionCookieInsecureSessionMiddleware } from './session-cookie-insecure-session-middleware';
import { sessionCookieInsecure } from './session-cookie-insecure';
import { sessionCookieNotHttponlySessionsApp } from './session-cookie-not-httponly-sessions-app';
import { sessionCookieNotHttponlySessionMiddleware } from './session-cookie-not-httponly-session-middleware';
import { sessionCookieNotHttponly } from './session-cookie-not-httponly';
import { csrfCookieInsecure } from './csrf-cookie-insecure';
import { debugEnabled } from './debug-enabled';
import { xframeOptionsNotDeny } from './xframe-options-not-deny';
import { allowedHostsEmpty } from './allowed-hosts-empty';
import { hstsPreloadNotSet } from './hsts-preload-not-set';
import { referrerPolicyNone } from './referrer-policy-none';
import { secretKeyFallbackWeak } from './secret-key-fallback-weak';
import { listSettingNotList } from './list-setting-not-list';

/**
 * Django's own checks (ids as Django spells them, so SILENCED_SYSTEM_CHECKS works unchanged) and
 * django-cors-headers' checks, sorted by id. Severity: Django errors (E) are `high`; warnings (W)
 * are `medium`, except W009 (weak SECRET_KEY), W018 (DEBUG) and W020 (empty ALLOWED_HOSTS), which
 * expose secrets or break the site outright and so are `high`.
 */
export const djangoRules = [
  csrfTrustedOriginNoScheme,
  referrerPolicyInvalid,
  crossOriginOpenerPolicyInvalid,
  cspSettingNotDict,
  hashingAlgorithmInvalid,
  securityMiddlewareMissing,
  xframeOptionsMiddlewareMissing,
  csrfMiddlewareMissing,
  hstsNotSet,
  hstsSubdomainsNotIncluded,
  contentTypeNosniffDisabled,
  sslRedirectDisabled,
  secretKeyWeak,
  sessionCookieInsecureSessionsApp,
  sessionCookieInsecureSessionMiddleware,
  sessionCookieInsecure,
  sessionCookieNotHttponlySessionsApp,
  sessionCookieNotHttponlySessionMiddleware,
  sessionCookieNotHttponly,
  csrfCookieInsecure,
  debugEnabled,
  xframeOptionsNotDeny,
  allowedHostsEmpty,
  hstsPreloadNotSet,
  referrerPolicyNone,
  secretKeyFallbackWeak,
  listSettingNotList,
] as const satisfies readonly SettingsRule[];
