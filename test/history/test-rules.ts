import { randomInt } from 'node:crypto';
import type { SecretMatch, SecretRule } from '../../src/secrets/rule';

/**
 * Two tiny rules for the history tests, standing in for the real registry: the history scan takes
 * its rules as a parameter, so these exercise it without depending on the detectors' details.
 * Secrets are generated at run time from the pattern's alphabet: nothing real-looking is committed.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function generateToken(): string {
  let text = 'tok_';
  for (let i = 0; i < 32; i++) text += ALPHABET[randomInt(ALPHABET.length)];
  return text;
}

/** A `.env` value: long enough to count as a secret. */
export function generateEnvValue(): string {
  let text = '';
  for (let i = 0; i < 24; i++) text += ALPHABET[randomInt(ALPHABET.length)];
  return text;
}

const docs = (file: string) => ({
  summary: 'test rule',
  whatItDoes: 'test',
  whyBad: 'test',
  badExample: { file, content: '' },
  goodExample: { file, content: '' },
  useInstead: 'test',
  references: [],
});

const TOKEN = /tok_[A-Za-z0-9]{32}/g;
const PLACEHOLDER = /x{6,}|change.?me|placeholder|example/i;

/** `tok_` + 32 alphanumerics anywhere in any file; placeholders are skipped. */
export const testTokenRule: SecretRule = {
  kind: 'secret',
  id: 'TEST001',
  name: 'test-token-committed',
  severity: 'high',
  fix: 'Read the token from the environment.',
  docs: docs('settings.py'),
  keywords: ['tok_'],
  detect(file) {
    const found: SecretMatch[] = [];
    file.content.split(/\r\n|\r|\n/).forEach((text, index) => {
      for (const match of text.matchAll(TOKEN)) {
        if (PLACEHOLDER.test(match[0])) continue;
        found.push({
          line: index + 1,
          column: (match.index ?? 0) + 1,
          secret: match[0],
          message: 'A test token is committed',
        });
      }
    });
    return found;
  },
};

/** Any `KEY=value` with a value of 16+ characters in a `.env` file (by path). */
export const testDotenvRule: SecretRule = {
  kind: 'secret',
  id: 'TEST002',
  name: 'test-dotenv-committed',
  severity: 'critical',
  fix: 'Remove the .env file from git.',
  docs: docs('.env'),
  appliesToPath: (path) => /(^|\/)\.env(\.[\w-]+)?$/.test(path) && !path.endsWith('.example'),
  detect(file) {
    const found: SecretMatch[] = [];
    file.content.split(/\r\n|\r|\n/).forEach((text, index) => {
      const match = /^\s*([A-Z_][A-Z0-9_]*)\s*=\s*["']?([^"'\s#]{16,})/.exec(text);
      if (match?.[2] && !PLACEHOLDER.test(match[2]))
        found.push({
          line: index + 1,
          secret: match[2],
          message: `${match[1] ?? 'A value'} is committed in a .env file`,
        });
    });
    return found;
  },
};

export const testRules: readonly SecretRule[] = [testTokenRule, testDotenvRule];
