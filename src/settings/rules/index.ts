import type { SettingsRule } from '../rule';
import { csrfTrustedOriginNoScheme } from './csrf-trusted-origin-no-scheme';
import { corsAllowHeadersInvalid } from './cors-allow-headers-invalid';
import { corsAllowMethodsInvalid } from './cors-allow-methods-invalid';
import { corsAllowCredentialsNotBool } from './cors-allow-credentials-not-bool';
import { corsPreflightMaxAgeInvalid } from './cors-preflight-max-age-invalid';
import { corsAllowAllOriginsNotBool } from './cors-allow-all-origins-not-bool';
import { corsAllowedOriginsInvalid } from './cors-allowed-origins-invalid';
import { corsOriginRegexesInvalid } from './cors-origin-regexes-invalid';
import { corsExposeHeadersInvalid } from './cors-expose-headers-invalid';
import { corsUrlsRegexInvalid } from './cors-urls-regex-invalid';
import { corsModelSettingRemoved } from './cors-model-setting-removed';
import { corsOriginMissingScheme } from './cors-origin-missing-scheme';
import { corsOriginHasPath } from './cors-origin-has-path';
import { corsAllowPrivateNetworkNotBool } from './cors-allow-private-network-not-bool';
import { referrerPolicyInvalid } from './referrer-policy-invalid';
import { crossOriginOpenerPolicyInvalid } from './cross-origin-opener-policy-invalid';
import { cspSettingNotDict } from './csp-setting-not-dict';
import { hashingAlgorithmInvalid } from './hashing-algorithm-invalid';
import { csrfFailureViewBadSignature } from './csrf-failure-view-bad-signature';
import { csrfFailureViewNotImportable } from './csrf-failure-view-not-importable';
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
 * Django's own checks (ids as Django spells them, so SILENCED_SYSTEM_CHECKS works unchanged),
 * django-cors-headers' checks, and settings.E001 (Django's load-time list/tuple refusal), sorted
 * by id. Severity: errors (E) are `high`; warnings (W) are `medium`, except W009 (weak
 * SECRET_KEY), W018 (DEBUG) and W020 (empty ALLOWED_HOSTS), which expose secrets or push teams to
 * ALLOWED_HOSTS = ['*'], and so are `high`.
 */
export const djangoRules = [
  csrfTrustedOriginNoScheme,
  corsAllowHeadersInvalid,
  corsAllowMethodsInvalid,
  corsAllowCredentialsNotBool,
  corsPreflightMaxAgeInvalid,
  corsAllowAllOriginsNotBool,
  corsAllowedOriginsInvalid,
  corsOriginRegexesInvalid,
  corsExposeHeadersInvalid,
  corsUrlsRegexInvalid,
  corsModelSettingRemoved,
  corsOriginMissingScheme,
  corsOriginHasPath,
  corsAllowPrivateNetworkNotBool,
  referrerPolicyInvalid,
  crossOriginOpenerPolicyInvalid,
  cspSettingNotDict,
  hashingAlgorithmInvalid,
  csrfFailureViewBadSignature,
  csrfFailureViewNotImportable,
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
