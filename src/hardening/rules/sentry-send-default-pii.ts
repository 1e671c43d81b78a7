import { truthiness } from '../../settings/value-ops';
import { defineSettingsRule } from '../../settings/rule-support';

/** `send_default_pii=True` makes the SDK attach cookies, user ids, IPs and request bodies to events. */
export const sentrySendDefaultPii = defineSettingsRule({
  origin: 'hardening',
  id: 'DDG225',
  name: 'sentry-send-default-pii',
  severity: 'low',
  fix: 'Remove send_default_pii=True from sentry_sdk.init(), or scrub events in before_send.',
  docs: {
    summary:
      'sentry_sdk.init(..., send_default_pii=True) in the settings sends personal data and cookies to Sentry.',
    whatItDoes:
      'Reports `sentry_sdk.init(...)` calls in the evaluated settings whose send_default_pii keyword is truthy.',
    whyBad:
      'With send_default_pii the SDK attaches request cookies (including the session cookie), user ids, e-mail addresses, IP addresses and request bodies to error events. That copies session tokens and personal data to a third party and to everyone with access to the Sentry project, which matters for GDPR and for session hijacking. Severity low: it needs access to the error tracker, but it leaks by design on every error.',
    badExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nimport sentry_sdk\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nsentry_sdk.init(dsn=os.environ.get('SENTRY_DSN'), send_default_pii=True)\n",
    },
    goodExample: {
      file: 'project/settings.py',
      content:
        "import os\n\nimport sentry_sdk\n\nDEBUG = False\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nALLOWED_HOSTS = ['example.com']\nsentry_sdk.init(dsn=os.environ.get('SENTRY_DSN'), send_default_pii=False)\n",
    },
    useInstead:
      "The SDK default (send_default_pii=False); add only the user id you need with sentry_sdk.set_user({'id': ...}) and scrub with before_send.",
    references: [
      'https://docs.sentry.io/platforms/python/configuration/options/#send-default-pii',
      'https://docs.sentry.io/platforms/python/data-management/data-collected/',
    ],
  },
  check(ctx) {
    return ctx.snapshot.calls
      .filter((call) => call.callee === 'sentry_sdk.init')
      .flatMap((call) => {
        const pii = call.keywords.get('send_default_pii');
        if (pii === undefined) return [];
        const on = truthiness(pii);
        if (on === false) return [];
        return [
          {
            message:
              on === undefined
                ? `sentry_sdk.init(send_default_pii=…) at ${call.file}:${call.line} depends on a value that could not be evaluated: cannot decide DDG225`
                : `sentry_sdk.init(send_default_pii=True) at ${call.file}:${call.line}: cookies, user data and request bodies are sent with every error event`,
            file: call.file,
            line: call.line,
            detail: call.file,
            ...(on === undefined ? { undecided: true, severity: 'info' as const } : {}),
          },
        ];
      });
  },
});
