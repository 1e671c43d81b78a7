import { defineSettingsRule } from '../../settings/rule-support';
import type { SettingsMatch } from '../../settings/rule';
import { timedelta, timedeltaSeconds } from '../../settings/eval/library/datetime';
import { FALSE } from '../../settings/value';
import { isTrueExact } from '../../settings/value-ops';
import {
  describeKey,
  isRestFrameworkInstalled,
  isSimpleJwtUsed,
  libraryKey,
  locationOf,
} from '../drf';

const DAY = 86_400;
const MAX_ACCESS_SECONDS = DAY;
const MAX_REFRESH_SECONDS = 90 * DAY;

/** `30 days`, `2 hours`: a duration for messages. */
function describeDuration(seconds: number): string {
  if (seconds % DAY === 0) return `${seconds / DAY} days`;
  if (seconds % 3600 === 0) return `${seconds / 3600} hours`;
  return `${seconds} seconds`;
}

export const simplejwtTokenLifetimeLong = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG233',
  name: 'simplejwt-token-lifetime-long',
  severity: 'medium',
  fix: 'Keep ACCESS_TOKEN_LIFETIME in minutes, and REFRESH_TOKEN_LIFETIME under 90 days or ROTATE_REFRESH_TOKENS = True (with BLACKLIST_AFTER_ROTATION).',
  docs: {
    summary:
      "Simple JWT's ACCESS_TOKEN_LIFETIME is over one day, or REFRESH_TOKEN_LIFETIME is over 90 days without refresh-token rotation.",
    whatItDoes:
      "When Django REST framework and Simple JWT are in use, reports SIMPLE_JWT['ACCESS_TOKEN_LIFETIME'] longer than one day (medium) and SIMPLE_JWT['REFRESH_TOKEN_LIFETIME'] longer than 90 days while ROTATE_REFRESH_TOKENS is not True (low). Lifetimes written as datetime.timedelta(...) are evaluated; one that depends on an unset environment variable is reported as undecided. Simple JWT's defaults are 5 minutes and 1 day.",
    whyBad:
      'An access token cannot be revoked: Simple JWT checks its signature and expiry only, so a leaked one (a log line, a browser extension, a shared screenshot) works until it expires, even after a password change or logout. A refresh token that never rotates is a long-lived password substitute. Severity medium for the access token, which skips every check for its whole life; low for the refresh token, which the blacklist app can revoke.',
    badExample: {
      file: 'project/settings.py',
      content:
        "from datetime import timedelta\n\nINSTALLED_APPS = ['rest_framework', 'rest_framework_simplejwt']\nSIMPLE_JWT = {\n    'ACCESS_TOKEN_LIFETIME': timedelta(days=30),\n}\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "from datetime import timedelta\n\nINSTALLED_APPS = ['rest_framework', 'rest_framework_simplejwt']\nSIMPLE_JWT = {\n    'ACCESS_TOKEN_LIFETIME': timedelta(minutes=15),\n    'REFRESH_TOKEN_LIFETIME': timedelta(days=180),\n    'ROTATE_REFRESH_TOKENS': True,\n}\n",
    },
    useInstead:
      'Short access tokens (minutes) renewed with refresh tokens, and rotation with the blacklist app when refresh tokens live long.',
    references: [
      'https://django-rest-framework-simplejwt.readthedocs.io/en/latest/settings.html#access-token-lifetime',
      'https://django-rest-framework-simplejwt.readthedocs.io/en/latest/settings.html#rotate-refresh-tokens',
      'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html#token-sidejacking',
    ],
  },
  check(ctx) {
    if (isRestFrameworkInstalled(ctx) !== true || !isSimpleJwtUsed(ctx)) return [];
    const matches: SettingsMatch[] = [];
    const access = libraryKey(ctx, 'SIMPLE_JWT', 'ACCESS_TOKEN_LIFETIME', timedelta(300));
    const accessSeconds = timedeltaSeconds(access.value);
    if (access.value.kind === 'unknown')
      matches.push(ctx.undecided([access.setting], 'ACCESS_TOKEN_LIFETIME'));
    else if (accessSeconds !== undefined && accessSeconds > MAX_ACCESS_SECONDS)
      matches.push({
        ...locationOf(access),
        message: `${describeKey(access, 'Simple JWT')} is ${describeDuration(accessSeconds)}: a leaked access token works that long and cannot be revoked`,
        detail: 'ACCESS_TOKEN_LIFETIME',
      });
    const refresh = libraryKey(ctx, 'SIMPLE_JWT', 'REFRESH_TOKEN_LIFETIME', timedelta(DAY));
    const rotate = libraryKey(ctx, 'SIMPLE_JWT', 'ROTATE_REFRESH_TOKENS', FALSE);
    const refreshSeconds = timedeltaSeconds(refresh.value);
    if (refresh.value.kind === 'unknown')
      matches.push(ctx.undecided([refresh.setting], 'REFRESH_TOKEN_LIFETIME'));
    else if (
      refreshSeconds !== undefined &&
      refreshSeconds > MAX_REFRESH_SECONDS &&
      isTrueExact(rotate.value) === false
    )
      matches.push({
        ...locationOf(refresh),
        severity: 'low',
        message: `${describeKey(refresh, 'Simple JWT')} is ${describeDuration(refreshSeconds)} and ROTATE_REFRESH_TOKENS is not True: one refresh token renews access for that long`,
        detail: 'REFRESH_TOKEN_LIFETIME',
      });
    return matches;
  },
});
