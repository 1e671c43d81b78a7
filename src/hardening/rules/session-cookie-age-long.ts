import { describeSetting } from '../../settings/describe';
import { all, defineSettingsRule } from '../../settings/rule-support';
import { isTrueExact } from '../../settings/value-ops';

const THIRTY_DAYS = 30 * 86_400;

export const sessionCookieAgeLong = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG234',
  name: 'session-cookie-age-long',
  severity: 'low',
  fix: 'Lower SESSION_COOKIE_AGE to at most 30 days (Django’s default is two weeks), or set SESSION_EXPIRE_AT_BROWSER_CLOSE = True.',
  docs: {
    summary: 'SESSION_COOKIE_AGE is over 30 days and sessions do not end when the browser closes.',
    whatItDoes:
      "Reports SESSION_COOKIE_AGE (seconds; Django's default is 1209600, two weeks) above 30 days while SESSION_EXPIRE_AT_BROWSER_CLOSE is not True. One of the settings the Django deployment checklist and security guide discuss that `check --deploy` does not check. SESSION_COOKIE_HTTPONLY = False is reported by Django's own security.W013 (session-cookie-not-httponly). CSRF_COOKIE_HTTPONLY is out of scope: it only matters when the project's own JavaScript does not read the CSRF cookie, which a settings check cannot see.",
    whyBad:
      'A session cookie is a bearer credential: one stolen from a shared computer, a backup or malware stays valid for as long as the session lives, long after the user forgot the device. Severity low: it lengthens the window of a theft rather than causing one.',
    badExample: {
      file: 'project/settings.py',
      content: 'SESSION_COOKIE_AGE = 60 * 60 * 24 * 365\n',
    },
    goodExample: {
      file: 'project/settings.py',
      content: 'SESSION_COOKIE_AGE = 60 * 60 * 24 * 14\n',
    },
    useInstead:
      'Two weeks or less (sessions renew while the user is active with SESSION_SAVE_EVERY_REQUEST), or browser-length sessions for sensitive sites.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-age',
      'https://docs.djangoproject.com/en/stable/topics/http/sessions/#browser-length-sessions-vs-persistent-sessions',
      'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-expiration',
    ],
  },
  check(ctx) {
    const age = ctx.setting('SESSION_COOKIE_AGE');
    const atClose = ctx.setting('SESSION_EXPIRE_AT_BROWSER_CLOSE');
    const long =
      age.value.kind === 'unknown'
        ? undefined
        : (age.value.kind === 'int' && age.value.value > BigInt(THIRTY_DAYS)) ||
          (age.value.kind === 'float' && age.value.value > THIRTY_DAYS);
    const persistent =
      atClose.value.kind === 'unknown' ? undefined : isTrueExact(atClose.value) === false;
    return ctx.decide(all(long, persistent), [age, atClose], () => ({
      setting: age.name,
      message: `${describeSetting(age)}: sessions last over 30 days (${describeSetting(atClose)})`,
    }));
  },
});
