import { describe, expect, it } from 'vitest';
import { checkSettingsSource } from '../../../src/settings/analyze';
import { differs, runCPythonFiles } from './differential/differential';
import { evaluate } from './harness';

/**
 * A function whose result depends on a condition the evaluator cannot decide (whether an optional
 * package is installed) still returns what holds on every path: HackSoftware's Styleguide-Example
 * shape, reduced (a setup helper that adds the debug toolbar when it is installed and returns the
 * apps and middleware as a tuple). CPython (run-settings.py, missing packages stubbed so the
 * toolbar path runs) is the oracle: every fact the evaluator keeps must hold of its value.
 */
const SETTINGS = [
  'MIDDLEWARE = [',
  '    "django.middleware.security.SecurityMiddleware",',
  '    "django.middleware.common.CommonMiddleware",',
  ']',
  'INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth"]',
  'def show_toolbar():',
  '    try:',
  '        import debug_toolbar  # noqa',
  '    except ImportError:',
  '        return False',
  '    return True',
  'class ToolbarSetup:',
  '    @staticmethod',
  '    def do_settings(apps, middleware):',
  '        if not show_toolbar():',
  '            return apps, middleware',
  '        apps = apps + ["debug_toolbar"]',
  '        middleware = middleware + ["debug_toolbar.middleware.DebugToolbarMiddleware"]',
  '        return apps, middleware',
  'INSTALLED_APPS, MIDDLEWARE = ToolbarSetup.do_settings(INSTALLED_APPS, MIDDLEWARE)',
  'def both_return(flag):',
  '    if flag:',
  '        return ("a", ["x", "y"])',
  '    return ("a", ["y", "x", "z"])',
  'try:',
  '    import optional_pkg  # noqa',
  '    FLAG = True',
  'except ImportError:',
  '    FLAG = False',
  'NAME, ITEMS = both_return(FLAG)',
  'def returns_or_raises(flag):',
  '    if flag:',
  '        return "on"',
  '    raise RuntimeError("not installed")',
  'MODE = returns_or_raises(FLAG)',
  '',
].join('\n');

describe('a function returning from an undecidable branch keeps what holds on every path', () => {
  it('the tuple is joined element-wise; facts agree with CPython', () => {
    const snapshot = evaluate({ source: SETTINGS });
    const cpython = runCPythonFiles({ 'settings.py': SETTINGS }, 'settings');
    expect(cpython.raised).toBeUndefined();
    for (const [name, py] of Object.entries(cpython.names ?? {})) {
      const value = snapshot.settings.get(name)?.value;
      expect(value, name).toBeDefined();
      expect(differs(py, value!), name).toBeUndefined();
    }
    const middleware = snapshot.settings.get('MIDDLEWARE')?.value;
    expect(middleware?.kind).toBe('unknown');
    expect(middleware?.kind === 'unknown' ? middleware.facts?.contains : []).toContainEqual({
      kind: 'str',
      value: 'django.middleware.security.SecurityMiddleware',
    });
    // Both paths return 'a' first: decided.
    expect(snapshot.settings.get('NAME')?.value).toEqual({ kind: 'str', value: 'a' });
    // The path that raises is left out (the import would fail there), as for module-level branches.
    expect(snapshot.settings.get('MODE')?.value).toEqual({ kind: 'str', value: 'on' });
    const items = snapshot.settings.get('ITEMS')?.value;
    expect(items?.kind === 'unknown' ? items.facts?.contains?.length : 0).toBe(2);
  });

  it('security.W001 is decided (SecurityMiddleware is on both paths), as Django decides it', () => {
    const findings = checkSettingsSource({ file: 'proj/settings.py', source: SETTINGS });
    const w001 = findings.filter((f) => f.ruleId === 'security.W001');
    expect(w001).toEqual([]);
    const undecided = findings
      .filter((f) => f.message.includes('cannot decide'))
      .map((f) => f.ruleId);
    expect(undecided).not.toContain('security.W001');
  });
});
