import { describe, expect, it } from 'vitest';
import type { SecretRule } from '../../../src/secrets/rule';
import { emailUrlWithPassword } from '../../../src/secrets/rules/email-url-with-password';
import { gitlabToken } from '../../../src/secrets/rules/gitlab-token';
import { googleApiKey } from '../../../src/secrets/rules/google-api-key';
import { jwtCommitted } from '../../../src/secrets/rules/jwt-committed';
import { mailgunApiKey } from '../../../src/secrets/rules/mailgun-api-key';
import { npmToken } from '../../../src/secrets/rules/npm-token';
import { openaiApiKey } from '../../../src/secrets/rules/openai-api-key';
import { pypiToken } from '../../../src/secrets/rules/pypi-token';
import { sendgridApiKey } from '../../../src/secrets/rules/sendgrid-api-key';
import { sentryAuthToken } from '../../../src/secrets/rules/sentry-auth-token';
import { sentryDsnWithSecret } from '../../../src/secrets/rules/sentry-dsn-with-secret';
import { slackToken } from '../../../src/secrets/rules/slack-token';
import { telegramBotToken } from '../../../src/secrets/rules/telegram-bot-token';
import { twilioAuthToken } from '../../../src/secrets/rules/twilio-auth-token';
import {
  generateSecret,
  mulberry32,
  testSeed,
  type SecretKind,
} from '../../helpers/secret-generators';
import { reportSeedOnFailure, scanWith, toCrlf } from './scan-helpers';

/**
 * The vendor-token detectors of issue 14: true positives generated at test time from each
 * format, in the places Django projects keep them, and look-alikes that must stay quiet.
 */

const seed = testSeed();
reportSeedOnFailure(seed);
const random = mulberry32(seed);

interface Positive {
  rule: SecretRule;
  kind: SecretKind;
  severity: string;
  /** The secret the hit carries, when it is not the whole generated value. */
  secretOf?: (value: string) => string;
  /** Files that hold the value on line 3. */
  places?: ((value: string) => { path: string; content: string })[];
}

const SETTINGS = (name: string) => (value: string) => ({
  path: 'shop/settings.py',
  content: `import os\n\n${name} = "${value}"\n`,
});
const DOTENV = (name: string) => (value: string) => ({
  path: '.env',
  content: `# production\nDEBUG=False\n${name}=${value}\n`,
});
const YAML = (name: string) => (value: string) => ({
  path: 'deploy/values.yaml',
  content: `app:\n  env:\n    ${name}: '${value}'\n`,
});

const POSITIVES: Positive[] = [
  {
    rule: emailUrlWithPassword,
    kind: 'db-password',
    severity: 'high',
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
  {
    rule: googleApiKey,
    kind: 'google-api-key',
    severity: 'high',
    places: [
      SETTINGS('GOOGLE_MAPS_API_KEY'),
      (key) => ({
        path: 'shop/templates/map.html',
        content: `{% load static %}\n<div id="map"></div>\n<script src="https://maps.googleapis.com/maps/api/js?key=${key}&callback=init"></script>\n`,
      }),
    ],
  },
  {
    rule: telegramBotToken,
    kind: 'telegram-bot-token',
    severity: 'high',
    places: [SETTINGS('TELEGRAM_TOKEN'), DOTENV('BOT_TOKEN')],
  },
  {
    rule: sendgridApiKey,
    kind: 'sendgrid-api-key',
    severity: 'high',
    places: [SETTINGS('SENDGRID_API_KEY'), YAML('SENDGRID_API_KEY')],
  },
  {
    rule: mailgunApiKey,
    kind: 'mailgun-api-key',
    severity: 'high',
    places: [SETTINGS('MAILGUN_KEY'), DOTENV('MAILGUN_API_KEY')],
  },
  {
    rule: twilioAuthToken,
    kind: 'twilio-auth-token',
    severity: 'high',
    places: [SETTINGS('TWILIO_AUTH_TOKEN'), DOTENV('TWILIO_AUTH_TOKEN')],
  },
  {
    rule: sentryAuthToken,
    kind: 'sentry-auth-token',
    severity: 'high',
    places: [DOTENV('SENTRY_AUTH_TOKEN'), YAML('token')],
  },
  {
    rule: sentryDsnWithSecret,
    kind: 'sentry-dsn-secret',
    severity: 'medium',
    secretOf: (dsn) => /:([0-9a-f]{32})@/.exec(dsn)?.[1] ?? '',
    places: [SETTINGS('SENTRY_DSN'), DOTENV('SENTRY_DSN')],
  },
  {
    rule: pypiToken,
    kind: 'pypi-token',
    severity: 'critical',
    places: [
      (t) => ({ path: '.pypirc', content: `[pypi]\nusername = __token__\npassword = ${t}\n` }),
    ],
  },
  {
    rule: npmToken,
    kind: 'npm-token',
    severity: 'critical',
    places: [
      (t) => ({
        path: 'frontend/.npmrc',
        content: `registry=https://registry.npmjs.org/\n\n//registry.npmjs.org/:_authToken=${t}\n`,
      }),
    ],
  },
  {
    rule: gitlabToken,
    kind: 'gitlab-token',
    severity: 'critical',
    places: [SETTINGS('GITLAB_TOKEN'), DOTENV('CI_TOKEN')],
  },
  {
    rule: openaiApiKey,
    kind: 'openai-api-key',
    severity: 'high',
    places: [SETTINGS('OPENAI_API_KEY'), DOTENV('OPENAI_API_KEY')],
  },
  {
    rule: jwtCommitted,
    kind: 'jwt',
    severity: 'high',
    places: [SETTINGS('SUPABASE_SERVICE_KEY'), DOTENV('SUPABASE_KEY'), YAML('service_key')],
  },
  {
    rule: slackToken,
    kind: 'slack-legacy-webhook',
    severity: 'high',
    secretOf: (url) => url.slice(url.indexOf('token=') + 6),
    places: [SETTINGS('SLACK_URL'), YAML('hook')],
  },
  {
    rule: slackToken,
    kind: 'slack-webhook',
    severity: 'high',
    places: [SETTINGS('SLACK_URL')],
  },
];

describe('vendor token rules: generated true positives', () => {
  it.each(POSITIVES.map((p) => [`${p.rule.id} ${p.kind}`, p] as const))('%s', (_name, positive) => {
    for (let i = 0; i < 40; i++) {
      const value = generateSecret(positive.kind, random);
      for (const place of positive.places ?? []) {
        const file = place(value);
        for (const content of [file.content, toCrlf(file.content)]) {
          const hits = scanWith(positive.rule, { path: file.path, content });
          expect(
            hits.map((hit) => [hit.rule.id, hit.match.line, hit.severity, hit.match.secret]),
            `${file.path} (seed ${seed})`,
          ).toEqual([
            [positive.rule.id, 3, positive.severity, positive.secretOf?.(value) ?? value],
          ]);
          for (const hit of hits) expect(hit.match.message).not.toContain(hit.match.secret);
        }
      }
    }
  });

  it('a legacy Slack webhook without the scheme and the Travis CI notification are found', () => {
    const hook = generateSecret('slack-webhook', random).replace('https://', '');
    expect(
      scanWith(slackToken, { path: 'shop/settings.py', content: `HOOK = "${hook}"\n` }).map(
        (hit) => hit.match.secret,
      ),
    ).toEqual([hook]);
    const token = generateSecret('generic-token', random).slice(0, 24);
    for (const content of [
      `language: python\nnotifications:\n  slack: shop:${token}\n`,
      `notifications:\n  slack:\n    rooms:\n      - shop:${token}#builds\n`,
    ]) {
      const hits = scanWith(slackToken, { path: '.travis.yml', content });
      expect(hits.map((hit) => [hit.severity, hit.match.secret])).toEqual([['high', token]]);
    }
  });

  it('a TestPyPI token is medium', () => {
    const token = generateSecret('pypi-token', random).replace(
      'AgEIcHlwaS5vcmc',
      'AgENdGVzdC5weXBpLm9yZw',
    );
    const [hit] = scanWith(pypiToken, { path: '.pypirc', content: `password = ${token}\n` });
    expect([hit?.severity, hit?.match.message]).toEqual(['medium', 'TestPyPI API token']);
  });
});

describe('vendor token rules: look-alikes stay quiet', () => {
  it.each<[SecretRule, string, string]>([
    [emailUrlWithPassword, 'shop/settings.py', 'EMAIL_URL = "smtp://localhost:1025"\n'],
    [
      emailUrlWithPassword,
      '.env',
      'EMAIL_URL=smtp://${SMTP_USER}:${SMTP_PASSWORD}@smtp.example.com\n',
    ],
    [
      emailUrlWithPassword,
      'shop/settings.py',
      'EMAIL_URL = f"smtp://{user}:{password}@{host}:587"\n',
    ],
    [emailUrlWithPassword, 'docs/mail.md', 'Use `smtp://user:password@smtp.example.com`.\n'],
    [
      googleApiKey,
      'shop/settings.py',
      'GOOGLE_API_KEY = "AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"\n',
    ],
    [googleApiKey, 'shop/settings.py', 'GOOGLE_API_KEY = "AIza-your-key"\n'],
    [
      telegramBotToken,
      'shop/settings.py',
      'TELEGRAM_TOKEN = "123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"\n',
    ],
    [telegramBotToken, 'shop/settings.py', 'TIME = "12345678:AB"\n'],
    [
      sendgridApiKey,
      'shop/settings.py',
      'SENDGRID_API_KEY = "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n',
    ],
    [sendgridApiKey, 'shop/emails.py', 'msg.add_header("x")\n'],
    [
      mailgunApiKey,
      'shop/settings.py',
      'MAILGUN_API_KEY = "key-00000000000000000000000000000000"\n',
    ],
    [
      mailgunApiKey,
      'shop/ids.py',
      'UUIDISH = "0123456789abcdef0123456789abcdef-01234567-89abcdef"\n',
    ],
    [
      twilioAuthToken,
      'shop/settings.py',
      'TWILIO_ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef"\n',
    ],
    [twilioAuthToken, 'shop/settings.py', 'TWILIO_AUTH_TOKEN = os.environ["TWILIO_AUTH_TOKEN"]\n'],
    [twilioAuthToken, 'shop/hashes.py', 'MD5 = "9e107d9d372bb6826bd81d3542a419d6"\n'],
    [
      sentryAuthToken,
      'shop/hashes.py',
      'SHA256 = "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"\n',
    ],
    [
      sentryDsnWithSecret,
      'shop/settings.py',
      'SENTRY_DSN = "https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/1"\n',
    ],
    [sentryDsnWithSecret, 'shop/settings.py', 'SENTRY_DSN = os.environ.get("SENTRY_DSN")\n'],
    [pypiToken, '.pypirc', 'password = pypi-AgEIcHlwaS5vcmc...\n'],
    [npmToken, 'frontend/.npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n'],
    [
      npmToken,
      'frontend/.npmrc',
      '//registry.npmjs.org/:_authToken=npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n',
    ],
    [gitlabToken, '.gitlab-ci.yml', 'variables:\n  TOKEN: glpat-xxxxxxxxxxxxxxxxxxxx\n'],
    [openaiApiKey, 'shop/settings.py', 'OPENAI_API_KEY = "sk-..."\n'],
    [openaiApiKey, 'shop/settings.py', 'STRIPE = "sk-test-but-not-openai-0123456789abcdef"\n'],
    [
      jwtCommitted,
      'shop/settings.py',
      // jwt.io's sample token: documentation, not a credential.
      'JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"\n',
    ],
    [
      slackToken,
      'shop/settings.py',
      'HOOK = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"\n',
    ],
    [
      slackToken,
      '.travis.yml',
      'notifications:\n  slack:\n    secure: dGhpcyBpcyBlbmNyeXB0ZWQgYW5kIG5vdCBhIHRva2Vu\n',
    ],
  ])('%s stays quiet in %s', (rule, path, content) => {
    expect(scanWith(rule, { path, content })).toEqual([]);
  });

  it('a JWT in Python application code or a built bundle is left alone', () => {
    const token = generateSecret('jwt', random);
    expect(
      scanWith(jwtCommitted, { path: 'shop/api/client.py', content: `T = "${token}"\n` }),
    ).toEqual([]);
    expect(
      scanWith(jwtCommitted, { path: 'frontend/dist/app.js', content: `const t = "${token}";\n` }),
    ).toEqual([]);
  });

  it('a signed JWT in frontend source (.ts, .tsx) is shipped to every visitor: reported', () => {
    const token = generateSecret('jwt', random);
    for (const path of ['frontend/src/api.ts', 'frontend/src/Client.tsx'])
      expect(
        scanWith(jwtCommitted, { path, content: `const t = "${token}";\n` }).map(
          (raw) => `${raw.match.line} ${raw.severity} ${raw.match.message}`,
        ),
      ).toEqual(['1 high signed JWT committed in source code']);
  });

  it("a token edited in jwt.io's debugger (its sample iat) is a sample", () => {
    const part = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
    const token = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: '35634567', name: 'Someone', iat: 1516239022 })}.c2lnbmF0dXJlLWZyb20tdGhlLWRlYnVnZ2VyLXBhZ2U`;
    expect(
      scanWith(jwtCommitted, {
        path: 'src-ui/chat.component.ts',
        content: `const t = '${token}';\n`,
      }),
    ).toEqual([]);
  });

  it('an unsigned JWT (alg none) is not a credential', () => {
    const header = Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url');
    const payload = Buffer.from('{"sub":"someone-1234567","role":"admin"}').toString('base64url');
    const content = `TOKEN = "${header}.${payload}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk"\n`;
    expect(scanWith(jwtCommitted, { path: 'shop/settings.py', content })).toEqual([]);
  });
});
