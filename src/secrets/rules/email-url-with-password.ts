import { defineSecretRule, LINE_SCOPE, type TextFile } from '../rule';
import { detectUrlPasswords } from '../url-matches';

/**
 * The schemes dj-email-url and django-environ's `email_url` read (smtp, smtps, smtp+tls,
 * smtp+ssl, submission), plus the mailbox protocols a project's mail settings carry.
 * https://github.com/migonzalvar/dj-email-url/blob/master/dj_email_url.py
 * https://django-environ.readthedocs.io/en/latest/types.html#environ-env-email-url
 */
const EMAIL_SCHEMES = new Set([
  'smtp',
  'smtps',
  'smtp+tls',
  'smtp+ssl',
  'submission',
  'submit',
  'imap',
  'imaps',
  'pop3',
  'pop3s',
]);

export function detectEmailUrls(file: TextFile) {
  return detectUrlPasswords(file, EMAIL_SCHEMES);
}

export const emailUrlWithPassword = defineSecretRule({
  id: 'DDG109',
  name: 'email-url-with-password',
  severity: 'high',
  fix: 'Read EMAIL_URL (or EMAIL_HOST_PASSWORD) from the environment and rotate the committed SMTP password.',
  keywords: ['smtp', 'submission://', 'submit://', 'imap://', 'imaps://', 'pop3://', 'pop3s://'],
  // CI mail servers are throwaway services (mailpit, mailhog) started for the test run.
  lowIn: ['ci'],
  detect: detectEmailUrls,
  // Each hit is one match on one line, judged by that line alone.
  scope: () => LINE_SCOPE,
  docs: {
    summary: 'An email (SMTP) URL carries an inline password.',
    whatItDoes:
      'Finds `scheme://user:password@host` URLs for smtp, smtps, smtp+tls, smtp+ssl, submission, ' +
      'submit, imap(s) and pop3(s) in any committed file: `dj_email_url.parse("smtp://…")` and ' +
      '`env.email_url("EMAIL_URL", default="smtp://…")` in settings, `EMAIL_URL=` in .env and ' +
      "compose files, docs. The URL is split as Python's `urllib.parse.urlsplit` splits it " +
      '(the password runs to the last `@` before the host). Templates and stand-ins in the ' +
      'password position are ignored; a default credential (the password equal to the user name, ' +
      'a well-known default) is `low` at a local host such as `mailpit` and says so; any other ' +
      'password is `high`. On a commented-out line, in tests, fixtures or CI configuration a hit ' +
      'is at most `low`. The password is hashed for the fingerprint and never shown.',
    whyBad:
      'An SMTP login sends mail as the project: password resets, invoices and phishing that passes ' +
      "SPF and DKIM because it comes from the project's own provider account. Providers such as " +
      'SendGrid, Mailgun or Mailtrap bill and suspend by account, and the password stays in git ' +
      'history after it is removed.',
    badExample: {
      file: 'shop/settings.py',
      content: [
        'import dj_email_url',
        '',
        'email_config = dj_email_url.parse(',
        '    "smtp://apikey:{{secret:db-password}}@smtp.mailtrap.io:2525/"',
        ')',
        'EMAIL_HOST_PASSWORD = email_config["EMAIL_HOST_PASSWORD"]',
        '',
      ].join('\n'),
    },
    goodExample: {
      file: 'shop/settings.py',
      content: [
        'import os',
        '',
        'import dj_email_url',
        '',
        'email_config = dj_email_url.parse(os.environ.get("EMAIL_URL", "console:"))',
        'EMAIL_HOST_PASSWORD = email_config["EMAIL_HOST_PASSWORD"]',
        '',
      ].join('\n'),
    },
    useInstead:
      'Read the whole URL from the environment (`dj_email_url.config()`, `env.email_url("EMAIL_URL")`) ' +
      'with a harmless default such as `console:` for development, or read `EMAIL_HOST_PASSWORD` ' +
      'alone. Rotate the SMTP password (or the provider API key used as one) that was committed.',
    references: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#email-host-password',
      'https://github.com/migonzalvar/dj-email-url',
      'https://django-environ.readthedocs.io/en/latest/types.html#environ-env-email-url',
      'https://docs.python.org/3/library/urllib.parse.html#urllib.parse.urlsplit',
    ],
  },
});
