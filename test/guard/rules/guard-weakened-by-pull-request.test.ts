import { describe, expect, it } from 'vitest';
import { EMPTY_CONFIG } from '../../../src/config/config';
import { parseConfigText } from '../../../src/guard/changes';
import { runGuardRules, type GuardChange } from '../../../src/guard/rule';
import { guardWeakenedByPullRequest as rule } from '../../../src/guard/rules/guard-weakened-by-pull-request';

const severities = new Map([
  ['DDG101', 'critical' as const],
  ['security.W018', 'high' as const],
]);

function configChange(base: string | undefined, head: string): GuardChange {
  return {
    kind: 'config',
    path: '.django-deploy-guard.yml',
    base: base === undefined ? EMPTY_CONFIG : parseConfigText(base, '.django-deploy-guard.yml'),
    head: parseConfigText(head, '.django-deploy-guard.yml'),
    ruleSeverities: severities,
  };
}

const FP = '3f2a9c0d11223344';

const invalid: { name: string; change: GuardChange; message: RegExp; line: number }[] = [
  {
    name: 'fail-on lowered',
    change: configChange('fail-on: high\n', 'fail-on: never\n'),
    message: /fail-on high → never/,
    line: 1,
  },
  {
    name: 'history off',
    change: configChange(undefined, 'history: off\n'),
    message: /history from the event → off/,
    line: 1,
  },
  {
    name: 'an exclude glob',
    change: configChange(undefined, "fail-on: high\nexclude: ['**']\n"),
    message: /excludes \*\*/,
    line: 2,
  },
  {
    name: 'a rule switched off',
    change: configChange(undefined, 'rules:\n  DDG101: off\n'),
    message: /switches off DDG101/,
    line: 2,
  },
  {
    name: 'a rule lowered',
    change: configChange(undefined, 'rules:\n  DDG101: low\n'),
    message: /lowers DDG101 critical → low/,
    line: 2,
  },
  {
    name: 'an allowlisted fingerprint',
    change: configChange(undefined, `allowlist:\n  - fingerprint: ${FP}\n    reason: mine\n`),
    message: /allowlists 3f2a9c0d…/,
    line: 2,
  },
  {
    name: 'settings-check off',
    change: configChange(undefined, 'settings-check: false\n'),
    message: /switches off the settings deploy check/,
    line: 1,
  },
  {
    name: 'a settings module named',
    change: configChange(undefined, 'settings-module: [proj.decoy]\n'),
    message: /changes settings-module from unset to proj\.decoy/,
    line: 1,
  },
  {
    name: 'fail-scope all → new',
    change: configChange('fail-scope: all\n', 'fail-scope: new\n'),
    message: /fail-scope all → new/,
    line: 1,
  },
  {
    name: 'undecided fail → warn',
    change: configChange('undecided: fail\n', 'undecided: warn\n'),
    message: /undecided fail → warn/,
    line: 1,
  },
  {
    name: 'an unreadable config',
    change: {
      kind: 'config',
      path: '.django-deploy-guard.yml',
      base: EMPTY_CONFIG,
      head: { error: 'unknown key', line: 3 },
      ruleSeverities: severities,
    },
    message: /makes the configuration unreadable \(unknown key\)/,
    line: 3,
  },
  {
    name: 'a fingerprint added to the baseline',
    change: {
      kind: 'baseline',
      path: 'baseline.json',
      base: new Set(),
      head: [{ fingerprint: FP, ruleId: 'DDG101', file: 'proj/settings.py' }],
      headText: `{\n  "findings": [\n    {"fingerprint": "${FP}"}\n  ]\n}\n`,
    },
    message: /adds 3f2a9c0d… \(DDG101 in proj\/settings\.py\) to the baseline/,
    line: 3,
  },
  {
    name: 'an inline ignore added',
    change: {
      kind: 'source',
      path: 'proj/settings.py',
      baseText: 'A = 1\n',
      headText: "A = 1\nKEY = 'x'  # deploy-guard: ignore[DDG101] local\n",
    },
    message: /adds an inline ignore for DDG101 at proj\/settings\.py:2/,
    line: 2,
  },
];

const valid: { name: string; change: GuardChange }[] = [
  { name: 'fail-on raised', change: configChange('fail-on: high\n', 'fail-on: medium\n') },
  {
    name: 'the same config',
    change: configChange(
      'fail-on: high\nexclude: [docs/**]\n',
      'fail-on: high\nexclude: [docs/**]\n',
    ),
  },
  { name: 'a rule raised', change: configChange(undefined, 'rules:\n  security.W018: critical\n') },
  { name: 'history full', change: configChange(undefined, 'history: full\n') },
  {
    name: 'a baseline entry already on the base',
    change: {
      kind: 'baseline',
      path: 'b.json',
      base: new Set([FP]),
      head: [{ fingerprint: FP, ruleId: 'DDG101', file: 'x' }],
      headText: FP,
    },
  },
  {
    name: 'an inline ignore the base already has (moved down a line)',
    change: {
      kind: 'source',
      path: 'a.py',
      baseText: "K = 'x'  # deploy-guard: ignore[DDG101] ok\n",
      headText: "import os\nK = 'x'  # deploy-guard: ignore[DDG101] ok\n",
    },
  },
];

describe('DDG390 guard-weakened-by-pull-request', () => {
  it.each(invalid.map((c) => [c.name, c] as const))('reports %s', (_name, c) => {
    const findings = runGuardRules(c.change, [rule]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'DDG390', severity: 'high', line: c.line });
    expect(findings[0]!.message).toMatch(c.message);
  });

  it.each(valid.map((c) => [c.name, c] as const))('is quiet for %s', (_name, c) => {
    expect(runGuardRules(c.change, [rule])).toEqual([]);
  });
});
