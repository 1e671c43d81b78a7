import { defineSecretRule, LINE_SCOPE, type TextFile } from '../rule';
import { detectTokenFormats, type TokenFormat } from '../token-formats';

/** https://docs.gitlab.com/security/tokens/#token-prefixes */
const KINDS: Record<string, string> = {
  'glpat-': 'personal, project or group access token',
  'gldt-': 'deploy token',
  'glrt-': 'runner authentication token',
  'glptt-': 'pipeline trigger token',
  'glcbt-': 'CI/CD job token',
  'glsoat-': 'SCIM OAuth access token',
  'gloas-': 'OAuth application secret',
  'glft-': 'feed token',
  'glimt-': 'incoming mail token',
  'glagent-': 'agent token',
  GR1348941: 'runner registration token',
};

export const GITLAB_TOKEN_PATTERN =
  /(?<![A-Za-z0-9_-])(glpat-|gldt-|glrt-|glptt-|glcbt-|glsoat-|gloas-|glft-|glimt-|glagent-|GR1348941)([A-Za-z0-9_.-]{20,})(?![A-Za-z0-9_-])/g;

const FORMATS: readonly TokenFormat[] = [
  {
    pattern: GITLAB_TOKEN_PATTERN,
    minUnique: 10,
    describe: (match) => `GitLab ${KINDS[match[1] ?? ''] ?? 'token'}`,
  },
];

export function detectGitLabTokens(file: TextFile) {
  return detectTokenFormats(file, FORMATS);
}

export const gitlabToken = defineSecretRule({
  id: 'DDG119',
  name: 'gitlab-token',
  severity: 'critical',
  fix: 'Revoke the token in GitLab and pass a new one through masked CI/CD variables or the environment.',
  keywords: [
    'glpat-',
    'gldt-',
    'glrt-',
    'glptt-',
    'glcbt-',
    'glsoat-',
    'gloas-',
    'glft-',
    'glimt-',
    'glagent-',
    'gr1348941',
  ],
  detect: detectGitLabTokens,
  // Each hit is one match on one line, judged by that line alone.
  scope: () => LINE_SCOPE,
  docs: {
    summary: 'A GitLab token is committed.',
    whatItDoes:
      'Finds GitLab tokens by their documented prefixes: `glpat-` (personal, project and group ' +
      'access tokens), `gldt-` (deploy), `glrt-` and `GR1348941` (runners), `glptt-` (pipeline ' +
      'triggers), `glcbt-`, `glsoat-`, `gloas-`, `glft-`, `glimt-`, `glagent-`, each followed by ' +
      'at least 20 token characters. Stand-ins with little variety are ignored. In tests, ' +
      'fixtures and commented-out lines a hit is at most `low`.',
    whyBad:
      'An access token acts as its user within its scopes: read private repositories, push code, ' +
      'change CI/CD variables and pipelines. Runner and trigger tokens run jobs that can read ' +
      "the project's secrets.",
    badExample: {
      file: 'scripts/mirror.py',
      content: ['GITLAB_TOKEN = "{{secret:gitlab-token}}"', ''].join('\n'),
    },
    goodExample: {
      file: 'scripts/mirror.py',
      content: ['import os', '', 'GITLAB_TOKEN = os.environ["GITLAB_TOKEN"]', ''].join('\n'),
    },
    useInstead:
      'Use masked and protected CI/CD variables or the job token; elsewhere read tokens from the ' +
      'environment, give them an expiry and the least scope, and revoke a committed one.',
    references: [
      'https://docs.gitlab.com/security/tokens/',
      'https://docs.gitlab.com/security/tokens/#token-prefixes',
    ],
  },
});
