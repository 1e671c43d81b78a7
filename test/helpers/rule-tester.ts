import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types';
import type { Severity } from '../../src/core/types';
import { runFileRules, type FileRule } from '../../src/hardening/file-rule';
import { hardeningFileRules } from '../../src/hardening/rules/index';
import type { SecretRule, TextFile } from '../../src/secrets/rule';
import type { SettingsRule } from '../../src/settings/rule';
import { runSettingsRule, type ContextSpec } from '../hardening/support/settings-context';
import { scanWith, toCrlf } from '../secrets/rules/scan-helpers';
import { hardenedSettings, runRules, SETTINGS_FILE } from '../settings/rules/snapshot-builder';
import { generateSecret, type SecretKind } from './secret-generators';
import { memoryRepoFiles } from '../../src/core/repo-files';

/**
 * One rule's tests as data, in the shape of typescript-eslint's RuleTester: `valid` cases must
 * produce nothing from the rule, `invalid` cases exactly the findings listed, each asserted by
 * rule id, severity and line (never by message prose). One helper per harness:
 *
 * - `testSettingsRule`: a settings rule on an evaluated-settings context built from data
 *   (test/hardening/support/settings-context.ts), the hardening settings rules' harness;
 * - `testDjangoCheck`: a Django check on hardened settings with overrides, per Django version,
 *   through the real runner over all Django checks (test/settings/rules/snapshot-builder.ts);
 * - `testFileRule`: a file rule on one file, through the real runner over all file rules;
 * - `testAppCheck`: a third-party app's check (django-cors-headers) on whole settings;
 * - `testRepoCheck`: a Django check that reads the project's own modules (CSRF_FAILURE_VIEW);
 * - `testSecretRule`: a secret detector through the pipeline's runner (path filter, keyword
 *   prefilter, context caps), its invalid cases generated at test time from the format.
 *
 * Expected severity defaults to the rule's own (`info` for an undecided finding), so a case
 * states a severity only where the rule lowers or raises it.
 */

/** One expected finding of the rule under test. */
export interface ExpectedFinding {
  line: number;
  /** Defaults to the rule's severity, or `info` when `undecided`. */
  severity?: Severity;
  envVar?: string;
  undecided?: boolean;
}

/** One case's test: its name and what it asserts. */
type CaseTest = readonly [name: string, run: () => void];

/**
 * The frame every tester shares: a `describe` named after the rule, a test that the rule has
 * cases (invalid ones always, valid ones unless the harness has no meaningful valid case), and
 * one test per case.
 */
function describeCases(
  rule: { id: string; name: string },
  valid: readonly CaseTest[],
  invalid: readonly CaseTest[],
  needsValid = true,
): void {
  describe(`${rule.id} ${rule.name}`, () => {
    it(needsValid ? 'has valid and invalid cases' : 'has invalid cases', () => {
      if (needsValid) expect(valid.length).toBeGreaterThan(0);
      expect(invalid.length).toBeGreaterThan(0);
    });
    for (const [name, run] of valid) it(`valid: ${name}`, run);
    for (const [name, run] of invalid) it(`invalid: ${name}`, run);
  });
}

export interface SettingsRuleCase {
  name: string;
  spec: ContextSpec;
}
export interface InvalidSettingsRuleCase extends SettingsRuleCase {
  findings: ExpectedFinding[];
}

/** Every case runs the rule on its own context; the rule's id is asserted on every finding. */
export function testSettingsRule(
  rule: SettingsRule,
  cases: { valid: SettingsRuleCase[]; invalid: InvalidSettingsRuleCase[] },
): void {
  describeCases(
    rule,
    cases.valid.map((c) => [c.name, () => expect(runSettingsRule(rule, c.spec)).toEqual([])]),
    cases.invalid.map((c) => [
      c.name,
      () => {
        const seen = runSettingsRule(rule, c.spec);
        expect(seen.map((s) => s.ruleId)).toEqual(c.findings.map(() => rule.id));
        c.findings.forEach((want, i) => {
          const got = seen[i]!;
          expect(got.line).toBe(want.line);
          if (want.envVar !== undefined) expect(got.envVar).toBe(want.envVar);
          expect(got.undecided).toBe(want.undecided ?? false);
          expect(got.severity).toBe(want.severity ?? (want.undecided ? 'info' : rule.severity));
        });
      },
    ]),
  );
}

export interface DjangoCheckCase {
  name: string;
  /** Django versions (major.minor) the case runs on. */
  versions: readonly string[];
  /** Settings over `hardenedSettings()`; `undefined` removes a setting. */
  overrides: Record<string, unknown>;
}
export interface InvalidDjangoCheckCase extends DjangoCheckCase {
  /** The setting the finding points at, or '<unset>' for line 1 of the module. */
  at: string;
  /** Defaults to the rule's severity. */
  severity?: Severity;
}

/** The settings of a case and the snapshot line of `name` (object key order = snapshot line). */
function hardenedWith(overrides: Record<string, unknown>): Record<string, unknown> {
  const settings = { ...hardenedSettings(), ...overrides };
  for (const [key, value] of Object.entries(overrides))
    if (value === undefined) delete settings[key];
  return settings;
}
function lineOf(overrides: Record<string, unknown>, at: string): number {
  if (at === '<unset>') return 1;
  return Object.keys({ ...hardenedSettings(), ...overrides }).indexOf(at) + 1;
}

/**
 * A Django check through the runner over all Django checks (as a project runs them), keeping
 * this rule's findings: a valid case has none, an invalid case has a decided one at the line of
 * the deciding setting, with the rule's severity.
 */
export function testDjangoCheck(
  rule: SettingsRule,
  cases: { valid: DjangoCheckCase[]; invalid: InvalidDjangoCheckCase[] },
): void {
  const findingsOf = (c: DjangoCheckCase, version: string): Finding[] =>
    runRules(hardenedWith(c.overrides), version).filter((f) => f.ruleId === rule.id);
  describeCases(
    rule,
    cases.valid.flatMap((c) =>
      c.versions.map((version): CaseTest => [
        `${c.name} (${version})`,
        () => expect(findingsOf(c, version)).toEqual([]),
      ]),
    ),
    cases.invalid.flatMap((c) =>
      c.versions.map((version): CaseTest => [
        `${c.name} (${version})`,
        () =>
          expect(findingsOf(c, version).map((f) => [f.ruleId, f.line, f.severity])).toContainEqual([
            rule.id,
            lineOf(c.overrides, c.at),
            c.severity ?? rule.severity,
          ]),
      ]),
    ),
    false,
  );
}

export interface FileRuleCase {
  name: string;
  path: string;
  content: string;
}
export interface InvalidFileRuleCase extends FileRuleCase {
  /** Expected lines of this rule's findings, in order. */
  lines: number[];
  /** One per line; default the rule's severity. */
  severities?: Severity[];
}

/**
 * A file rule through the runner over all file rules (so a peer rule that owns a value keeps
 * it), keeping this rule's findings. `neverPrints` are values no message may contain.
 */
export function testFileRule(
  rule: FileRule,
  cases: { valid: FileRuleCase[]; invalid: InvalidFileRuleCase[]; neverPrints?: string[] },
): void {
  const findingsOf = (c: FileRuleCase): Finding[] =>
    runFileRules({ path: c.path, content: c.content }, hardeningFileRules).filter(
      (f) => f.ruleId === rule.id,
    );
  const noSecretIn = (findings: Finding[]): void => {
    for (const f of findings)
      for (const value of cases.neverPrints ?? []) expect(f.message).not.toContain(value);
  };
  describeCases(
    rule,
    cases.valid.map((c) => [c.name, () => expect(findingsOf(c)).toEqual([])]),
    cases.invalid.map((c) => [
      c.name,
      () => {
        const findings = findingsOf(c);
        expect(findings.map((f) => [f.ruleId, f.line])).toEqual(
          c.lines.map((line) => [rule.id, line]),
        );
        expect(findings.map((f) => f.severity)).toEqual(
          c.severities ?? c.lines.map(() => rule.severity),
        );
        noSecretIn(findings);
      },
    ]),
  );
}

export interface WholeSettingsCase {
  name: string;
  /** The whole evaluated settings (no hardened base). */
  settings: Record<string, unknown>;
}
export interface InvalidWholeSettingsCase extends WholeSettingsCase {
  /** Lines of the rule's findings, in order. */
  lines: number[];
}

/**
 * A check of a third-party app (django-cors-headers) on whole settings at one Django version,
 * through the runner over all Django checks. The cases assert over every check whose id starts
 * with `scope` (e.g. 'corsheaders.'): a valid case gets none of them, an invalid case only this
 * rule's findings, at the given lines, with the rule's severity.
 */
export function testAppCheck(
  rule: SettingsRule,
  scope: string,
  cases: { valid: WholeSettingsCase[]; invalid: InvalidWholeSettingsCase[] },
  version = '5.2',
): void {
  const inScope = (c: WholeSettingsCase): [string, number, string][] =>
    runRules(c.settings, version)
      .filter((f) => f.ruleId.startsWith(scope))
      .map((f): [string, number, string] => [f.ruleId, f.line, f.severity])
      .sort();
  describeCases(
    rule,
    cases.valid.map((c) => [c.name, () => expect(inScope(c)).toEqual([])]),
    cases.invalid.map((c) => [
      c.name,
      () => expect(inScope(c)).toEqual(c.lines.map((line) => [rule.id, line, rule.severity])),
    ]),
    false,
  );
}

/** A file that holds a generated value (on the case's line). */
export type SecretPlace = (value: string) => TextFile;

export interface SecretRuleCase {
  /** Says what the look-alike is, when the content does not. */
  name?: string;
  path: string;
  content: string;
}
/**
 * True positives generated at test time from the secret's format (so the repository holds
 * nothing that looks like a real key): each of `runs` values in each place, with LF and with
 * CRLF line ends, must give exactly one finding of the rule.
 */
export interface GeneratedSecretCase {
  kind: SecretKind;
  places: readonly SecretPlace[];
  runs: number;
  /** The line the value is on in every place; default 3. */
  line?: number;
  /** Defaults to the rule's severity. */
  severity?: Severity;
  /** The secret the finding carries, when it is not the whole generated value. */
  secretOf?: (value: string) => string;
}

/**
 * A secret detector's cases: every valid case (a look-alike) gives nothing from the rule, every
 * generated invalid case one hit with the rule's id, line, severity and secret, and a message
 * that does not contain the secret.
 */
export function testSecretRule(
  rule: SecretRule,
  cases: { random: () => number; valid: SecretRuleCase[]; invalid: GeneratedSecretCase[] },
): void {
  describeCases(
    rule,
    cases.valid.map((c) => [
      `${c.name ?? c.content.trim()} (${c.path})`,
      () => expect(scanWith(rule, { path: c.path, content: c.content })).toEqual([]),
    ]),
    cases.invalid.map((c) => [
      `generated ${c.kind}`,
      () => {
        for (let i = 0; i < c.runs; i++) {
          const value = generateSecret(c.kind, cases.random);
          for (const place of c.places) {
            const file = place(value);
            for (const content of [file.content, toCrlf(file.content)]) {
              const hits = scanWith(rule, { path: file.path, content });
              expect(
                hits.map((hit) => [hit.rule.id, hit.match.line, hit.severity, hit.match.secret]),
                file.path,
              ).toEqual([
                [rule.id, c.line ?? 3, c.severity ?? rule.severity, c.secretOf?.(value) ?? value],
              ]);
              for (const hit of hits) expect(hit.match.message).not.toContain(hit.match.secret);
            }
          }
        }
      },
    ]),
  );
}

export interface RepoCheckCase {
  name: string;
  /** The settings (`snapshotOf` specs: a value, or `{ value, line }`). */
  settings: Record<string, unknown>;
  /** The repository's files besides the settings module. */
  files: Record<string, string>;
  /** Folders modules are imported from; default the repository's top. */
  pythonPaths?: readonly string[];
}
export interface InvalidRepoCheckCase extends RepoCheckCase {
  line: number;
  /** Defaults to the rule's severity. */
  severity?: Severity;
}

/**
 * A Django check whose verdict reads the repository's modules (a view named by a setting), run
 * alone on the settings and files of each case at one Django version: a valid case gives nothing
 * from it (decided or not), an invalid case exactly one finding at the line, with the severity.
 */
export function testRepoCheck(
  rule: SettingsRule,
  cases: { valid: RepoCheckCase[]; invalid: InvalidRepoCheckCase[] },
  version = '5.2',
): void {
  const findingsOf = (c: RepoCheckCase): [string, number, string][] =>
    runRules(c.settings, version, {
      files: memoryRepoFiles({ [SETTINGS_FILE]: '', ...c.files }),
      rules: [rule],
      ...(c.pythonPaths !== undefined ? { pythonPaths: c.pythonPaths } : {}),
    }).map((f): [string, number, string] => [f.ruleId, f.line, f.severity]);
  describeCases(
    rule,
    cases.valid.map((c) => [c.name, () => expect(findingsOf(c)).toEqual([])]),
    cases.invalid.map((c) => [
      c.name,
      () => expect(findingsOf(c)).toEqual([[rule.id, c.line, c.severity ?? rule.severity]]),
    ]),
  );
}
