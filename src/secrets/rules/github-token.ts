import { uniqueCharCount } from '../entropy';
import { defineSecretRule, LINE_SCOPE, type SecretMatch, type TextFile } from '../rule';
import { createLineIndex } from '../text-lines';
import { hasValidTokenChecksum } from '../token-checksum';

/**
 * Token formats: https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
 * `ghp_` personal, `gho_` OAuth, `ghu_` user-to-server, `ghs_` server-to-server, `ghr_` refresh.
 */
const CLASSIC_TOKEN = /(?<![A-Za-z0-9_])(gh[pousr])_([A-Za-z0-9]{36})(?![A-Za-z0-9_])/g;
const FINE_GRAINED_TOKEN = /(?<![A-Za-z0-9_])github_pat_([A-Za-z0-9_]{82})(?![A-Za-z0-9_])/g;
export const GITHUB_TOKEN_PATTERNS: readonly RegExp[] = [CLASSIC_TOKEN, FINE_GRAINED_TOKEN];

const KIND_BY_PREFIX: Record<string, string> = {
  ghp: 'personal access token',
  gho: 'OAuth access token',
  ghu: 'user-to-server token',
  ghs: 'server-to-server (installation) token',
  ghr: 'refresh token',
};

export function detectGitHubTokens(file: TextFile): SecretMatch[] {
  const index = createLineIndex(file.content);
  const matches: SecretMatch[] = [];
  const push = (offset: number, token: string, body: string, kind: string): void => {
    // `ghp_xxxxxxxx…` and similar documentation stand-ins have almost no variety.
    if (uniqueCharCount(body) < 10) return;
    matches.push({
      line: index.lineAt(offset),
      column: index.columnAt(offset),
      secret: token,
      message: `GitHub ${kind}`,
      ...(hasValidTokenChecksum(token) ? { validated: true } : {}),
    });
  };
  for (const match of file.content.matchAll(CLASSIC_TOKEN)) {
    const prefix = match[1] ?? '';
    push(match.index, match[0], match[2] ?? '', KIND_BY_PREFIX[prefix] ?? 'token');
  }
  for (const match of file.content.matchAll(FINE_GRAINED_TOKEN)) {
    push(match.index, match[0], match[1] ?? '', 'fine-grained personal access token');
  }
  return matches.sort((a, b) => a.line - b.line);
}

export const githubToken = defineSecretRule({
  id: 'DDG106',
  name: 'github-token',
  severity: 'critical',
  fix: 'Revoke the token on GitHub, create a new one with the least scope needed and pass it through a secret (e.g. GitHub Actions secrets).',
  keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  detect: detectGitHubTokens,
  // Each hit is one match on one line, judged by that line alone.
  scope: () => LINE_SCOPE,
  docs: {
    summary: 'A GitHub token is committed.',
    whatItDoes:
      'Finds GitHub tokens by their documented prefixes: `ghp_`, `gho_`, `ghu_`, `ghs_` and `ghr_` ' +
      'followed by 36 letters and digits, and fine-grained `github_pat_` tokens (82 more ' +
      'characters). Stand-ins with almost no character variety (`ghp_xxxx…`) are ignored.',
    whyBad:
      'A token acts as its owner within its scopes: it can read private repositories, push code, ' +
      'change workflows or read Actions secrets. GitHub and attackers both scan public pushes for ' +
      'these prefixes; a token in history stays usable until it is revoked.',
    badExample: {
      file: 'scripts/release.py',
      content: [
        'import requests',
        '',
        'TOKEN = "{{secret:github-token}}"',
        'requests.post(URL, headers={"Authorization": f"Bearer {TOKEN}"})',
        '',
      ].join('\n'),
    },
    goodExample: {
      file: 'scripts/release.py',
      content: [
        'import os',
        '',
        'import requests',
        '',
        'TOKEN = os.environ["GITHUB_TOKEN"]',
        'requests.post(URL, headers={"Authorization": f"Bearer {TOKEN}"})',
        '',
      ].join('\n'),
    },
    useInstead:
      'In workflows use the automatic `GITHUB_TOKEN` or a repository secret; elsewhere read the ' +
      'token from the environment. Prefer fine-grained tokens with an expiry, or a GitHub App.',
    references: [
      'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats',
      'https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/',
      'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation',
      'https://docs.github.com/en/code-security/secret-scanning/working-with-secret-scanning-and-push-protection/remediating-a-leaked-secret',
    ],
  },
});
