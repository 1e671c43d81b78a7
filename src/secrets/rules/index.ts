import type { SecretRule } from '../rule';
import { awsAccessKey } from './aws-access-key';
import { databaseUrlWithPassword } from './database-url-with-password';
import { djangoSecretKeyCommitted } from './django-secret-key-committed';
import { dotenvFileCommitted } from './dotenv-file-committed';
import { githubToken } from './github-token';
import { privateKeyCommitted } from './private-key-committed';
import { slackToken } from './slack-token';
import { stripeSecretKey } from './stripe-secret-key';

/** Every secret detector, sorted by id. */
export const secretRules = [
  djangoSecretKeyCommitted,
  dotenvFileCommitted,
  privateKeyCommitted,
  databaseUrlWithPassword,
  awsAccessKey,
  githubToken,
  slackToken,
  stripeSecretKey,
] as const satisfies readonly SecretRule[];
