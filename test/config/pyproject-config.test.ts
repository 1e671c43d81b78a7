import { describe, expect, it } from 'vitest';
import { locateTomlLines } from '../../src/config/config-node';
import { parseTomlConfig } from '../../src/config/parse-config';
import { ConfigurationError } from '../../src/core/errors';

const FILE = 'pyproject.toml';

function errorOf(text: string): ConfigurationError {
  try {
    parseTomlConfig(text, FILE);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('[tool.django-deploy-guard] in pyproject.toml', () => {
  it('reads every documented key, as the YAML file does', () => {
    const config = parseTomlConfig(
      [
        '[project]',
        'name = "shop"',
        'dependencies = ["Django>=4.2"]',
        '',
        '[tool.django-deploy-guard]',
        'fail-on = "medium"',
        'exclude = [',
        '  "tests/**",  # fixtures',
        '  "docs/*.md",',
        ']',
        'settings-module = "config.settings.production"',
        'python-path = ["src"]',
        'django-version = "4.2"',
        'history = "full"',
        'settings-check = false',
        '',
        '[tool.django-deploy-guard.rules]',
        'DDG104 = "off"',
        '"security.W004" = "low"',
        'DDG101 = { enabled = true, severity = "high" }',
        '',
        '[[tool.django-deploy-guard.allowlist]]',
        'fingerprint = "0123456789abcdef"',
        'reason = "rotated test key"',
        '',
        '[tool.ruff]',
        'line-length = 100',
      ].join('\n'),
      FILE,
    );
    expect(config).toBeDefined();
    const values = config!.values;
    expect(values.failOn).toBe('medium');
    expect(values.exclude).toEqual(['tests/**', 'docs/*.md']);
    expect(values.settingsModule).toEqual(['config.settings.production']);
    expect(values.pythonPath).toEqual(['src']);
    expect(values.djangoVersion).toBe('4.2');
    expect(values.history).toBe('full');
    expect(values.settingsCheck).toBe(false);
    expect(values.rules?.get('DDG104')).toEqual({ enabled: false, line: 18 });
    expect(values.rules?.get('security.W004')).toEqual({
      enabled: true,
      severity: 'low',
      line: 19,
    });
    expect(values.rules?.get('DDG101')).toEqual({ enabled: true, severity: 'high', line: 20 });
    expect(values.allowlist).toEqual([
      { fingerprint: '0123456789abcdef', reason: 'rotated test key', line: 22 },
    ]);
    expect(config!.keyLines.failOn).toBe(6);
    expect(config!.line).toBe(5);
  });

  it('is undefined when the file has no such table', () => {
    expect(parseTomlConfig('[project]\nname = "shop"\n', FILE)).toBeUndefined();
    expect(parseTomlConfig('[tool.ruff]\nx = 1\n', FILE)).toBeUndefined();
  });

  it.each([
    ['[tool.django-deploy-guard]\nfail_on = "high"\n', 2, "unknown key 'fail_on'"],
    ['[tool.django-deploy-guard]\n\nfail-on = "sometimes"\n', 3, "'fail-on' must be one of"],
    ['[tool.django-deploy-guard]\nexclude = 3\n', 2, "'exclude' must be a list of strings"],
    [
      '[tool.django-deploy-guard]\nexclude = [\n  "tests/**",\n  "[z-a].py",\n]\n',
      4,
      "invalid exclude pattern '[z-a].py'",
    ],
    ['[tool.django-deploy-guard.rules]\nDDG101 = "maybe"\n', 2, "rule 'DDG101': expected on, off"],
    [
      '[tool.django-deploy-guard]\nrules = { DDG101 = { level = "high" } }\n',
      2,
      "unknown key 'level'",
    ],
    [
      '[tool.django-deploy-guard]\nfail-on = "high"\n\n[[tool.django-deploy-guard.allowlist]]\nfingerprint = "abc"\n',
      4,
      'needs a reason',
    ],
    ['[tool.django-deploy-guard]\ndjango-version = 4.2\n', 2, "must be a quoted string like '5.2'"],
    ['[tool.django-deploy-guard]\nenv-file = "/proc/self/environ"\n', 2, 'must be a path inside'],
    ['[tool.django-deploy-guard]\nbaseline = "../../etc/passwd"\n', 2, 'must be a path inside'],
    [
      '[tool.django-deploy-guard]\nsettings-check = "yes"\n',
      2,
      "'settings-check' must be true or false",
    ],
    ['[tool]\ndjango-deploy-guard.fail-on = "never!"\n', 2, "'fail-on' must be one of"],
    ['[tool.django-deploy-guard]\nfail-on = "high\n', 2, 'invalid TOML'],
    ['[tool.django-deploy-guard]\nfail-on = "high"\nfail-on = "low"\n', 3, 'invalid TOML'],
  ])('rejects %j at line %i', (text, line, message) => {
    const error = errorOf(text);
    expect(error.line).toBe(line);
    expect(error.message).toContain(`${FILE}:${line}: `);
    expect(error.message).toContain(message);
  });
});

describe('locateTomlLines', () => {
  it('finds keys through strings, comments, multi-line values and inline tables', () => {
    const lines = locateTomlLines(
      [
        'title = """a',
        '[not.a.header]',
        '"""', // line 3
        "literal = '''x = 1", // a multi-line literal string
        "'''",
        '[a] # comment with [brackets] and "quotes"',
        'list = [ # opens',
        '  "x]", # a bracket inside a string',
        '  { k = "v", n.m = 2 },',
        ']',
        'b.c = 1',
        '[[t]]',
        'x = 1',
        '[[t]]',
        'x = 2',
      ].join('\n'),
    );
    const at = (...path: (string | number)[]) => lines.get(JSON.stringify(path));
    expect(at('title')).toBe(1);
    expect(at('not')).toBeUndefined();
    expect(at('literal')).toBe(4);
    expect(at('a')).toBe(6);
    expect(at('a', 'list')).toBe(7);
    expect(at('a', 'list', 0)).toBe(8);
    expect(at('a', 'list', 1)).toBe(9);
    expect(at('a', 'list', 1, 'n', 'm')).toBe(9);
    expect(at('a', 'b', 'c')).toBe(11);
    expect(at('t', 0)).toBe(12);
    expect(at('t', 1, 'x')).toBe(15);
  });
});
