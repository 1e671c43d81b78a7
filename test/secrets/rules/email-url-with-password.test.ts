import { emailUrlWithPassword } from '../../../src/secrets/rules/email-url-with-password';
import { testSecretRule } from '../../helpers/rule-tester';
import { seededRandom } from './scan-helpers';

testSecretRule(emailUrlWithPassword, {
  random: seededRandom(),
  valid: [
    { path: 'shop/settings.py', content: 'EMAIL_URL = "smtp://localhost:1025"\n' },
    { path: '.env', content: 'EMAIL_URL=smtp://${SMTP_USER}:${SMTP_PASSWORD}@smtp.example.com\n' },
    { path: 'shop/settings.py', content: 'EMAIL_URL = f"smtp://{user}:{password}@{host}:587"\n' },
    { path: 'docs/mail.md', content: 'Use `smtp://user:password@smtp.example.com`.\n' },
  ],
  invalid: [
    {
      kind: 'db-password',
      runs: 40,
      secretOf: (password) => password,
      places: [
        (pw) => ({
          path: 'shop/settings.py',
          content: `import dj_email_url\n\nEMAIL = dj_email_url.parse("smtp://apikey:${pw}@smtp.mailtrap.io:2525/")\n`,
        }),
        (pw) => ({
          path: '.env',
          content: `\n\nEMAIL_URL=smtp+tls://u:${pw}@smtp.example.com:587\n`,
        }),
        (pw) => ({
          path: 'deploy/mail.yaml',
          content: `mail:\n  x: 1\n  url: submission://u:${pw}@mx.example.com\n`,
        }),
        (pw) => ({
          // (The same line in docs/ is low: documentation caps every unvalidated value.)
          path: 'deploy/mail.sh',
          content: `#!/bin/sh\n\nexport EMAIL_URL=smtps://u:${pw}@smtp.example.com:465\n`,
        }),
      ],
    },
  ],
});
