import { describe, expect, it } from 'vitest';
import { pypiToken } from '../../../src/secrets/rules/pypi-token';
import { testSecretRule } from '../../helpers/rule-tester';
import { generateSecret } from '../../helpers/secret-generators';
import { scanWith, seededRandom } from './scan-helpers';

const random = seededRandom();

testSecretRule(pypiToken, {
  random,
  valid: [{ path: '.pypirc', content: 'password = pypi-AgEIcHlwaS5vcmc...\n' }],
  invalid: [
    {
      kind: 'pypi-token',
      runs: 40,
      places: [
        (t) => ({ path: '.pypirc', content: `[pypi]\nusername = __token__\npassword = ${t}\n` }),
      ],
    },
  ],
});

describe('DDG117 pypi-token', () => {
  it('a TestPyPI token is medium', () => {
    const token = generateSecret('pypi-token', random).replace(
      'AgEIcHlwaS5vcmc',
      'AgENdGVzdC5weXBpLm9yZw',
    );
    const [hit] = scanWith(pypiToken, { path: '.pypirc', content: `password = ${token}\n` });
    expect([hit?.severity, hit?.match.message]).toEqual(['medium', 'TestPyPI API token']);
  });
});
