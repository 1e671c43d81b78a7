import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config';
import { ConfigurationError } from '../../src/core/errors';

const FILE = '.django-deploy-guard.yml';

function errorOf(text: string): ConfigurationError {
  try {
    parseConfig(text, FILE);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('parseConfig', () => {
  it('reads every documented key', () => {
    const config = parseConfig(
      [
        'fail-on: medium',
        'exclude:',
        "  - 'tests/**'",
        'rules:',
        '  DDG104: off',
        '  security.W004: low',
        '  DDG101: { enabled: true, severity: high }',
        'allowlist:',
        '  - fingerprint: 0123456789abcdef',
        '    reason: rotated test key',
        'settings-module: config.settings.production',
        'python-path: [src]',
        "django-version: '4.2'",
        'history: full',
        'baseline: .deploy-guard-baseline.json',
        'env-file: deploy/production.env',
      ].join('\n'),
      FILE,
    );
    const values = config.values;
    expect(values.failOn).toBe('medium');
    expect(values.exclude).toEqual(['tests/**']);
    expect(values.rules?.get('DDG104')).toMatchObject({ enabled: false, line: 5 });
    expect(values.rules?.get('security.W004')).toMatchObject({ enabled: true, severity: 'low' });
    expect(values.rules?.get('DDG101')).toMatchObject({ enabled: true, severity: 'high' });
    expect(values.allowlist).toEqual([
      { fingerprint: '0123456789abcdef', reason: 'rotated test key', line: 9 },
    ]);
    expect(values.settingsModule).toEqual(['config.settings.production']);
    expect(values.pythonPath).toEqual(['src']);
    expect(values.djangoVersion).toBe('4.2');
    expect(values.history).toBe('full');
    expect(values.baseline).toBe('.deploy-guard-baseline.json');
    expect(values.envFile).toBe('deploy/production.env');
  });

  it('accepts an empty file', () => {
    expect(parseConfig('', FILE).values).toEqual({});
    expect(parseConfig('# only a comment\n', FILE).values).toEqual({});
  });

  it.each([
    ['fail_on: high\n', 1, "unknown key 'fail_on'"],
    ['fail-on: sometimes\n', 1, "'fail-on' must be one of"],
    ['exclude: 3\n', 1, "'exclude' must be a list of strings"],
    ['rules:\n  DDG101: maybe\n', 2, "rule 'DDG101': expected on, off or a severity"],
    ['rules:\n  DDG101:\n    level: high\n', 3, "unknown key 'level'"],
    ['allowlist:\n  - fingerprint: abc\n', 2, 'needs a reason'],
    ['allowlist:\n  - reason: because\n', 2, 'missing its fingerprint'],
    ["django-version: 'five'\n", 1, 'django-version must look like 5.2'],
    ['- just\n- a list\n', 1, 'must be a mapping'],
    ['fail-on: [unclosed\n', 1, 'invalid YAML'],
    ['fail-on: high\nfail-on: low\n', 2, "duplicate key 'fail-on'"],
    [
      'exclude:\n  - tests/**\n  - "[z-a].py"\n',
      3,
      "invalid exclude pattern '[z-a].py': Invalid regular",
    ],
    ['exclude: "{a,b"\n', 1, "invalid exclude pattern '{a,b': Missing closing"],
    ["exclude:\n  - '!tests/**'\n", 2, 'negation'],
  ])('rejects %j at line %i', (text, line, message) => {
    const error = errorOf(text);
    expect(error.line).toBe(line);
    expect(error.message).toContain(`${FILE}:${line}: `);
    expect(error.message).toContain(message);
  });
});
