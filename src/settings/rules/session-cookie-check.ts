import { describeSetting } from '../describe';
import type { SettingsMatch, SettingsRuleContext } from '../rule';
import { cookieFlagOff } from './support';
import {
  SESSION_MIDDLEWARE,
  SESSIONS_APP,
  all,
  inInstalledApps,
  inMiddleware,
  not,
} from '../rule-support';

/** Which sessions setup a W010–W015 variant covers (Django reports exactly one of the three). */
export type SessionsInUse = 'app-only' | 'middleware-only' | 'both';

const WHILE: Record<SessionsInUse, string> = {
  'app-only': "'django.contrib.sessions' is in INSTALLED_APPS",
  'middleware-only': 'SessionMiddleware is in MIDDLEWARE',
  both: 'sessions are in use',
};

/**
 * Django's three-way session-cookie check (django/core/checks/security/sessions.py): the flag is
 * off and the sessions app and/or middleware is present; W012/W015 replace the app-only and
 * middleware-only variants when both are there.
 */
export function checkSessionCookieFlag(
  ctx: SettingsRuleContext,
  flagName: 'SESSION_COOKIE_SECURE' | 'SESSION_COOKIE_HTTPONLY',
  sessionsInUse: SessionsInUse,
): SettingsMatch[] {
  const flag = ctx.setting(flagName);
  const app = inInstalledApps(ctx, SESSIONS_APP);
  const middleware = inMiddleware(ctx, SESSION_MIDDLEWARE);
  const condition = all(
    cookieFlagOff(ctx, flag),
    sessionsInUse === 'middleware-only' ? not(app) : app,
    sessionsInUse === 'app-only' ? not(middleware) : middleware,
  );
  const what = flagName === 'SESSION_COOKIE_SECURE' ? 'not marked Secure' : 'not HttpOnly';
  return ctx.decide(
    condition,
    [flag, ctx.setting('INSTALLED_APPS'), ctx.setting('MIDDLEWARE')],
    () => ({
      setting: flag.name,
      message: `The session cookie is ${what} while ${WHILE[sessionsInUse]}: ${describeSetting(flag)}`,
    }),
  );
}
