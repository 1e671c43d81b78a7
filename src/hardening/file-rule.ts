import { createFinding } from '../core/finding';
import { inlineIgnoreReason } from '../core/inline-ignore';
import type { Finding, RuleMeta, Severity } from '../core/types';

/**
 * A rule over one text file that is not about a secret value (e.g. `DEBUG=True` in
 * `.env.production`, `debug: true` in a django-cfg `config.prod.yaml`). Kept apart from
 * SecretRule on purpose: its matched text is not masked (masking "True" would garble every log).
 */
export interface FileRuleDefinition extends RuleMeta {
  appliesToPath(path: string): boolean;
  detect(file: { path: string; content: string }): FileMatch[];
}

/** A rule as `runFileRules` runs it; made by `defineFileRule`. */
export interface FileRule extends FileRuleDefinition {
  kind: 'file';
}

export function defineFileRule(definition: FileRuleDefinition): FileRule {
  return { kind: 'file', ...definition };
}

export interface FileMatch {
  line: number;
  endLine?: number;
  message: string;
  severity?: Severity;
  fix?: string;
  /** Extra stable part for the fingerprint (e.g. the key name), never a secret. */
  detail?: string;
}

/** Runs file rules over one file and returns redaction-free findings (they hold no secrets). */
export function runFileRules(
  file: { path: string; content: string },
  rules: readonly FileRule[],
): Finding[] {
  const findings: Finding[] = [];
  let lines: string[] | undefined;
  for (const rule of rules) {
    if (!rule.appliesToPath(file.path)) continue;
    for (const match of rule.detect(file)) {
      lines ??= file.content.split(/\r\n|\r|\n/);
      const ignored = inlineIgnoreReason(lines[match.line - 1], rule.id);
      const finding = createFinding({
        rule,
        identity: { kind: 'path', ruleId: rule.id, file: file.path, detail: match.detail ?? '' },
        source: 'tree',
        file: file.path,
        line: match.line,
        ...(match.endLine !== undefined ? { endLine: match.endLine } : {}),
        message: match.message,
        ...(match.severity !== undefined ? { severity: match.severity } : {}),
        ...(match.fix !== undefined ? { fix: match.fix } : {}),
        ...(ignored !== undefined ? { suppressed: { kind: 'inline', reason: ignored } } : {}),
      });
      findings.push(finding);
    }
  }
  return findings;
}
