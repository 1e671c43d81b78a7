import { defineSecretRule, LINE_SCOPE, type TextFile } from '../rule';
import { detectTokenFormats, type TokenFormat } from '../token-formats';

/**
 * PyPI API tokens are macaroons: `pypi-` + base64 of a header naming the index (`pypi.org` is
 * `AgEIcHlwaS5vcmc`, `test.pypi.org` is `AgENdGVzdC5weXBpLm9yZw`) + the rest.
 * https://pypi.org/help/#apitoken
 */
export const PYPI_TOKEN_PATTERN =
  /(?<![A-Za-z0-9_-])pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}(?![A-Za-z0-9_-])/g;

const FORMATS: readonly TokenFormat[] = [
  {
    pattern: PYPI_TOKEN_PATTERN,
    minUnique: 16,
    describe: (match) =>
      match[0].startsWith('pypi-AgEN') ? 'TestPyPI API token' : 'PyPI API token',
    severity: (match) => (match[0].startsWith('pypi-AgEN') ? 'medium' : undefined),
  },
];

export function detectPyPiTokens(file: TextFile) {
  return detectTokenFormats(file, FORMATS);
}

export const pypiToken = defineSecretRule({
  id: 'DDG117',
  name: 'pypi-token',
  severity: 'critical',
  fix: 'Remove the token on PyPI (Account settings → API tokens) and publish with trusted publishing or a CI secret.',
  keywords: ['pypi-age'],
  detect: detectPyPiTokens,
  // Each hit is one match on one line, judged by that line alone.
  scope: () => LINE_SCOPE,
  docs: {
    summary: 'A PyPI (or TestPyPI) API token is committed.',
    whatItDoes:
      'Finds PyPI API tokens: `pypi-` followed by the macaroon header for pypi.org ' +
      '(`AgEIcHlwaS5vcmc…`) or test.pypi.org (`AgENdGVzdC5weXBpLm9yZw…`), in `.pypirc`, CI ' +
      'files, scripts or settings. PyPI tokens are `critical`, TestPyPI tokens `medium`. In ' +
      'tests, fixtures and commented-out lines a hit is at most `low`.',
    whyBad:
      'An upload token publishes new releases of the project (or of every project of the account, ' +
      'for an account-wide token): a malicious release reaches everyone who installs it. This is ' +
      'how supply-chain attacks on Python packages start.',
    badExample: {
      file: '.pypirc',
      content: ['[pypi]', 'username = __token__', 'password = {{secret:pypi-token}}', ''].join(
        '\n',
      ),
    },
    goodExample: {
      file: '.github/workflows/publish.yml',
      content: [
        'jobs:',
        '  publish:',
        '    permissions:',
        '      id-token: write',
        '    steps:',
        '      - uses: pypa/gh-action-pypi-publish@release/v1',
        '',
      ].join('\n'),
    },
    useInstead:
      'Publish with trusted publishing (OIDC) so no token exists; otherwise use a project-scoped ' +
      'token stored as a CI secret. Remove any token that was committed.',
    references: ['https://pypi.org/help/#apitoken', 'https://docs.pypi.org/trusted-publishers/'],
  },
});
