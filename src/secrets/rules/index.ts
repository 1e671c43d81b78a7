import type { SecretRule } from '../rule';
import { awsAccessKey } from './aws-access-key';
import { databaseUrlWithPassword } from './database-url-with-password';
import { djangoSecretKeyCommitted } from './django-secret-key-committed';
import { dotenvFileCommitted } from './dotenv-file-committed';
import { emailUrlWithPassword } from './email-url-with-password';
import { githubToken } from './github-token';
import { gitlabToken } from './gitlab-token';
import { googleApiKey } from './google-api-key';
import { jwtCommitted } from './jwt-committed';
import { mailgunApiKey } from './mailgun-api-key';
import { namedCredentialLiteral } from './named-credential-literal';
import { npmToken } from './npm-token';
import { openaiApiKey } from './openai-api-key';
import { privateKeyCommitted } from './private-key-committed';
import { pypiToken } from './pypi-token';
import { sendgridApiKey } from './sendgrid-api-key';
import { sentryAuthToken } from './sentry-auth-token';
import { sentryDsnWithSecret } from './sentry-dsn-with-secret';
import { slackToken } from './slack-token';
import { stripeSecretKey } from './stripe-secret-key';
import { telegramBotToken } from './telegram-bot-token';
import { twilioAuthToken } from './twilio-auth-token';

/** Every secret detector, sorted by id. */
export const secretRules = [
  djangoSecretKeyCommitted, // DDG101
  dotenvFileCommitted, // DDG102
  privateKeyCommitted, // DDG103
  databaseUrlWithPassword, // DDG104
  awsAccessKey, // DDG105
  githubToken, // DDG106
  slackToken, // DDG107
  stripeSecretKey, // DDG108
  emailUrlWithPassword, // DDG109
  googleApiKey, // DDG110
  telegramBotToken, // DDG111
  sendgridApiKey, // DDG112
  mailgunApiKey, // DDG113
  twilioAuthToken, // DDG114
  sentryAuthToken, // DDG115
  sentryDsnWithSecret, // DDG116
  pypiToken, // DDG117
  npmToken, // DDG118
  gitlabToken, // DDG119
  openaiApiKey, // DDG120
  jwtCommitted, // DDG121
  namedCredentialLiteral, // DDG122
] as const satisfies readonly SecretRule[];
