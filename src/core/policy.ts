import { ConfigurationError } from './errors';
import { matchFindingFingerprint } from './fingerprint';
import { matchesAnyGlob, tryCompileGlob, type GlobMatcher } from './glob';
import type { Finding, Severity } from './types';

/**
 * Applies the user's configuration to findings: rules switched off and excluded paths drop out,
 * severity overrides apply, allowlisted fingerprints are kept but marked suppressed (so reports can
 * still count them). Unknown rule ids in the config are an error: a typo must not disable nothing.
 */
/** The parts of the configuration the policy applies (the config file's validated contents). */
export interface PolicyConfig {
  /** The config file's name, for messages. */
  file?: string;
  exclude: readonly string[];
  rules: ReadonlyMap<string, { enabled: boolean; severity?: Severity; line: number }>;
  allowlist: readonly { fingerprint: string; reason: string; line: number }[];
}

export function applyConfigPolicy(
  findings: readonly Finding[],
  config: PolicyConfig,
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
  const allowed = resolveAllowlist(config, findings);
  const out: Finding[] = [];
  for (const original of findings) {
    // A finding with aliases (docs/findings.md) answers to each of its ids: it goes only when
    // every one is switched off, and takes the severity set for its own id, else for an alias.
    const settings = [original.ruleId, ...(original.aliases ?? [])].map((id) =>
      config.rules.get(id),
    );
    if (settings.every((setting) => setting && !setting.enabled)) continue;
    if (excludes.length > 0 && matchesAnyGlob(original.file, excludes)) continue;
    const finding: Finding = { ...original };
    const severity = settings.find((setting) => setting?.severity)?.severity;
    if (severity) finding.severity = severity;
    const reason = allowed.byFingerprint.get(finding.fingerprint);
    if (reason !== undefined && !finding.suppressed)
      finding.suppressed = { kind: 'config', reason };
    out.push(finding);
  }
  return out;
}

function resolveAllowlist(
  config: Pick<PolicyConfig, 'allowlist'>,
  findings: readonly Finding[],
): { byFingerprint: Map<string, string> } {
  const byFingerprint = new Map<string, string>();
  for (const entry of config.allowlist) {
    const found = matchFindingFingerprint(entry.fingerprint, findings);
    if ('match' in found) byFingerprint.set(found.match, entry.reason);
  }
  return { byFingerprint };
}

/**
 * Allowlist entries that name nothing in this run (stale: the finding was fixed, or a typo) or
 * more than one finding (a prefix too short): said as notes, never a failure.
 */
export function describeAllowlistEntries(
  config: Pick<PolicyConfig, 'allowlist' | 'file'>,
  findings: readonly Finding[],
): string[] {
  const notes: string[] = [];
  for (const entry of config.allowlist) {
    const found = matchFindingFingerprint(entry.fingerprint, findings);
    const where = `${config.file ?? 'config'}:${entry.line}`;
    if ('ambiguous' in found)
      notes.push(
        `${where}: allowlist fingerprint ${entry.fingerprint} matches ${found.ambiguous} findings; write more of it (the reports show all 16 characters)`,
      );
    else if ('none' in found)
      notes.push(
        `${where}: allowlist fingerprint ${entry.fingerprint} matches no finding of this run (stale: remove it, or check it against the fingerprints the reports show)`,
      );
  }
  return notes;
}

/** parseConfig already rejected bad patterns with their line; this catches any other source. */
function compileExclude(pattern: string, file: string | undefined): GlobMatcher {
  const compiled = tryCompileGlob(pattern);
  if (!compiled.ok) {
    throw new ConfigurationError(`invalid exclude pattern '${pattern}': ${compiled.reason}`, file);
  }
  return compiled.matches;
}
