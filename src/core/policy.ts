import type { GuardConfig } from '../config/config';
import { ConfigurationError } from './errors';
import { matchesAnyGlob, tryCompileGlob, type GlobMatcher } from './glob';
import type { Finding } from './types';

/**
 * Applies the user's configuration to findings: rules switched off and excluded paths drop out,
 * severity overrides apply, allowlisted fingerprints are kept but marked suppressed (so reports can
 * still count them). Unknown rule ids in the config are an error: a typo must not disable nothing.
 */
export function applyConfigPolicy(
  findings: readonly Finding[],
  config: GuardConfig,
  knownRuleIds: ReadonlySet<string>,
): Finding[] {
  for (const [id, setting] of config.rules) {
    if (!knownRuleIds.has(id)) {
      throw new ConfigurationError(
        `unknown rule id '${id}' under 'rules' (see docs/rules for the list)`,
        config.file,
        setting.line,
      );
    }
  }
  const excludes = config.exclude.map((pattern) => compileExclude(pattern, config.file));
  const allowed = new Map(config.allowlist.map((entry) => [entry.fingerprint, entry.reason]));
  const out: Finding[] = [];
  for (const original of findings) {
    const setting = config.rules.get(original.ruleId);
    if (setting && !setting.enabled) continue;
    if (excludes.length > 0 && matchesAnyGlob(original.file, excludes)) continue;
    const finding: Finding = { ...original };
    if (setting?.severity) finding.severity = setting.severity;
    const reason = allowed.get(finding.fingerprint);
    if (reason !== undefined && !finding.suppressed)
      finding.suppressed = { kind: 'config', reason };
    out.push(finding);
  }
  return out;
}

/** parseConfig already rejected bad patterns with their line; this catches any other source. */
function compileExclude(pattern: string, file: string | undefined): GlobMatcher {
  const compiled = tryCompileGlob(pattern);
  if (!compiled.ok) {
    throw new ConfigurationError(`invalid exclude pattern '${pattern}': ${compiled.reason}`, file);
  }
  return compiled.matches;
}
