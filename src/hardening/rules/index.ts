import type { FileRule } from '../file-rule';
import type { SettingsRule } from '../../settings/rule';
import { adminDefaultPath } from './admin-default-path';
import { allowedHostsEmptyString } from './allowed-hosts-empty-string';
import { allowedHostsRegex } from './allowed-hosts-regex';
import { allowedHostsWildcard } from './allowed-hosts-wildcard';
import { composeDebugTrue } from './compose-debug-true';
import { composePlaintextSecret } from './compose-plaintext-secret';
import { cookieSamesiteNoneInsecure } from './cookie-samesite-none-insecure';
import { corsAllowAllOrigins } from './cors-allow-all-origins';
import { corsAllowAllWithCredentials } from './cors-allow-all-with-credentials';
import { corsMiddlewareMisplaced } from './cors-middleware-misplaced';
import { corsOriginInsecure } from './cors-origin-insecure';
import { corsOriginRegexUnanchored } from './cors-origin-regex-unanchored';
import { csrfFailureViewDoesNotExist } from './csrf-failure-view-does-not-exist';
import { csrfTrustedOriginsInsecure } from './csrf-trusted-origins-insecure';
import { cspMissing } from './csp-missing';
import { credentialSettingLiteral } from './credential-setting-literal';
import { cspUnsafeScript } from './csp-unsafe-script';
import { debugEnvString } from './debug-env-string';
import { debugToolingInstalled } from './debug-tooling-installed';
import { drfBasicAuthentication } from './drf-basic-authentication';
import { drfBrowsableApiRenderer } from './drf-browsable-api-renderer';
import { drfDefaultPermissionAllowAny } from './drf-default-permission-allow-any';
import { drfThrottlingMissing } from './drf-throttling-missing';
import { djangoCfgDebugTrue } from './django-cfg-debug-true';
import { djangoCfgSecretKeyLiteral } from './django-cfg-secret-key-literal';
import { djangoCfgSecurityDomainsInsecure } from './django-cfg-security-domains-insecure';
import { djangoCfgSecurityDomainsMissing } from './django-cfg-security-domains-missing';
import { djangoCfgSslRedirectOff } from './django-cfg-ssl-redirect-off';
import { envFileAllowedHostsWildcard } from './env-file-allowed-hosts-wildcard';
import { envFileDebugTrue } from './env-file-debug-true';
import { envFilePlaceholderSecretKey } from './env-file-placeholder-secret-key';
import { envFileSslRedirectOff } from './env-file-ssl-redirect-off';
import { httpsNotEnforced } from './https-not-enforced';
import { passwordHasherWeak } from './password-hasher-weak';
import { passwordValidatorsWeak } from './password-validators-weak';
import { proxySslHeaderWithForwardedHost } from './proxy-ssl-header-with-forwarded-host';
import { secretKeyEnvDefault } from './secret-key-env-default';
import { secretKeyFallbacksLiteral } from './secret-key-fallbacks-literal';
import { secretKeyLiteral } from './secret-key-literal';
import { secretKeyPlaceholder } from './secret-key-placeholder';
import { securityFlagEnvString } from './security-flag-env-string';
import { sessionCookieAgeLong } from './session-cookie-age-long';
import { sentrySendDefaultPii } from './sentry-send-default-pii';
import { simplejwtAlgorithmWeak } from './simplejwt-algorithm-weak';
import { simplejwtSigningKeyLiteral } from './simplejwt-signing-key-literal';
import { simplejwtTokenLifetimeLong } from './simplejwt-token-lifetime-long';

/** Hardening rules over the evaluated production settings (DDG2xx), sorted by id. */
export const hardeningSettingsRules = [
  allowedHostsWildcard, // DDG201
  allowedHostsEmptyString, // DDG202
  allowedHostsRegex, // DDG203
  debugEnvString, // DDG204
  securityFlagEnvString, // DDG205
  secretKeyLiteral, // DDG206
  secretKeyEnvDefault, // DDG207
  secretKeyPlaceholder, // DDG208
  secretKeyFallbacksLiteral, // DDG209
  corsAllowAllOrigins, // DDG210
  corsAllowAllWithCredentials, // DDG211
  corsOriginInsecure, // DDG212
  corsOriginRegexUnanchored, // DDG213
  corsMiddlewareMisplaced, // DDG214
  csrfTrustedOriginsInsecure, // DDG215
  proxySslHeaderWithForwardedHost, // DDG216
  httpsNotEnforced, // DDG217
  cookieSamesiteNoneInsecure, // DDG218
  passwordValidatorsWeak, // DDG219
  passwordHasherWeak, // DDG220
  debugToolingInstalled, // DDG221
  adminDefaultPath, // DDG222
  cspMissing, // DDG223
  cspUnsafeScript, // DDG224
  sentrySendDefaultPii, // DDG225
  credentialSettingLiteral, // DDG226
  drfDefaultPermissionAllowAny, // DDG227
  drfBasicAuthentication, // DDG228
  drfBrowsableApiRenderer, // DDG229
  drfThrottlingMissing, // DDG230
  simplejwtSigningKeyLiteral, // DDG231
  simplejwtAlgorithmWeak, // DDG232
  simplejwtTokenLifetimeLong, // DDG233
  sessionCookieAgeLong, // DDG234
  csrfFailureViewDoesNotExist, // DDG235
] as const satisfies readonly SettingsRule[];

/** Hardening rules over django-cfg configs, production env files and compose files (DDG3xx), sorted by id. */
export const hardeningFileRules = [
  djangoCfgDebugTrue, // DDG301
  djangoCfgSecurityDomainsMissing, // DDG302
  djangoCfgSecurityDomainsInsecure, // DDG303
  djangoCfgSecretKeyLiteral, // DDG304
  djangoCfgSslRedirectOff, // DDG305
  envFileDebugTrue, // DDG306
  envFileSslRedirectOff, // DDG307
  envFileAllowedHostsWildcard, // DDG308
  envFilePlaceholderSecretKey, // DDG309
  composePlaintextSecret, // DDG310
  composeDebugTrue, // DDG311
] as const satisfies readonly FileRule[];

/** The env-file rules: they judge production env files, whose set a compose file can extend. */
const ENV_FILE_RULE_IDS: ReadonlySet<string> = new Set([
  envFileDebugTrue.id,
  envFileSslRedirectOff.id,
  envFileAllowedHostsWildcard.id,
  envFilePlaceholderSecretKey.id,
]);

/**
 * `rules` with the env-file rules also applying to `extraPaths`: the env files a production
 * compose file loads (`productionEnvFilesOf` in src/hardening/deployment-files.ts), e.g. `./envs/web.env`.
 */
export function withProductionEnvFiles(
  rules: readonly FileRule[],
  extraPaths: Iterable<string>,
): FileRule[] {
  const extra = new Set(extraPaths);
  if (extra.size === 0) return [...rules];
  return rules.map((rule) =>
    ENV_FILE_RULE_IDS.has(rule.id)
      ? { ...rule, appliesToPath: (path: string) => extra.has(path) || rule.appliesToPath(path) }
      : rule,
  );
}

export { productionEnvFilesOf } from '../deployment-files';
