import { defineSecretRule, LINE_SCOPE, type TextFile } from '../rule';
import { hasValidTokenChecksum } from '../token-checksum';
import { detectTokenFormats, type TokenFormat } from '../token-formats';

/** `npm_` + 36 letters and digits (https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/). */
export const NPM_TOKEN_PATTERN = /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g;

const FORMATS: readonly TokenFormat[] = [
  {
    pattern: NPM_TOKEN_PATTERN,
    minUnique: 12,
    describe: () => 'npm access token',
    validate: hasValidTokenChecksum,
  },
];

export function detectNpmTokens(file: TextFile) {
  return detectTokenFormats(file, FORMATS);
}

export const npmToken = defineSecretRule({
  id: 'DDG118',
  name: 'npm-token',
  severity: 'critical',
  fix: 'Revoke the token on npmjs.com (Access Tokens) and publish with a granular token from a CI secret or with trusted publishing.',
  keywords: ['npm_'],
  detect: detectNpmTokens,
  // Each hit is one match on one line, judged by that line alone.
  scope: () => LINE_SCOPE,
  docs: {
    summary: 'An npm access token is committed.',
    whatItDoes:
      'Finds npm access tokens (`npm_` followed by 36 letters and digits) in any file: `.npmrc` ' +
      '(`//registry.npmjs.org/:_authToken=…`), CI files, the frontend beside a Django backend. In ' +
      'tests, fixtures and commented-out lines a hit is at most `low`.',
    whyBad:
      "A publish token releases new versions of the account's packages: a malicious version " +
      'reaches every install. Read-only tokens still expose private packages.',
    badExample: {
      file: 'frontend/.npmrc',
      content: ['//registry.npmjs.org/:_authToken={{secret:npm-token}}', ''].join('\n'),
    },
    goodExample: {
      file: 'frontend/.npmrc',
      content: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', ''].join('\n'),
    },
    useInstead:
      'Reference the token from the environment in `.npmrc` (`${NPM_TOKEN}`), keep it in the CI ' +
      'secret store, prefer granular tokens with an expiry or trusted publishing, and revoke a ' +
      'committed token.',
    references: [
      'https://docs.npmjs.com/about-access-tokens',
      'https://docs.npmjs.com/using-private-packages-in-a-ci-cd-workflow',
    ],
  },
});
