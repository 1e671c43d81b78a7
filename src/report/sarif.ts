import type * as Sarif from 'sarif';
import type { DocsExample, Finding, RuleMeta, Severity, Suppression } from '../core/types';
import type { ScanResult } from '../core/scan-result';
import { REPOSITORY_URL, docsUrlFor } from '../core/docs-url';
import { asLineReplacement } from '../core/fix-edits';
import { compareFindings } from './annotations';
import { encodePathForUrl, repositoryRelativePath, stripUnsafeCharacters } from './escape';

/**
 * SARIF 2.1.0 for `github/codeql-action/upload-sarif`.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Key of our line-independent fingerprint; bump the version if its meaning ever changes. */
export const PARTIAL_FINGERPRINT_KEY = 'deployGuard/v2';
/** Code scanning rejects a run with more results than this. */
export const MAX_SARIF_RESULTS = 25_000;
/** Code scanning keeps at most this many (related) locations per result. */
const MAX_RELATED_LOCATIONS = 1_000;
const SOURCE_ROOT = '%SRCROOT%';

export type SarifLevel = Extract<Sarif.Result.level, 'error' | 'warning' | 'note'>;

/** Maps to GitHub's bands: >9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, ≤3.9 low. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

export function sarifLevelOf(severity: Severity): SarifLevel {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

export interface SarifOptions extends SarifLinks {
  /** e.g. `https://github.com/owner/repo`; with the commit it fills `versionControlProvenance`. */
  repositoryUri?: string;
  /** Branch or ref that was scanned, e.g. `refs/heads/main`. */
  ref?: string;
  /** Absolute `file:` URI of the checkout, ending in `/`; optional (results are relative anyway). */
  sourceRootUri?: string;
}

// What we emit: the SARIF 2.1.0 types of @types/sarif with the properties we always fill made
// required and narrowed (so the renderer can't forget one and tests read them without `?.`).
// `renderSarif` checks that the whole log still satisfies `Sarif.Log`.
type Override<T, R> = Omit<T, keyof R> & R;
type SarifMessage = Override<Sarif.Message, { text: string }>;
type SarifPhysicalLocation = Override<
  Sarif.PhysicalLocation,
  {
    artifactLocation: Override<Sarif.ArtifactLocation, { uri: string; uriBaseId: string }>;
    region: Override<Sarif.Region, { startLine: number; endLine: number }>;
  }
>;
type SarifLocation = Override<Sarif.Location, { physicalLocation: SarifPhysicalLocation }>;
export type SarifReportingDescriptor = Override<
  Sarif.ReportingDescriptor,
  {
    name: string;
    shortDescription: SarifMessage;
    fullDescription: SarifMessage;
    help: SarifMessage;
    helpUri: string;
    defaultConfiguration: Override<Sarif.ReportingConfiguration, { level: SarifLevel }>;
    properties: { tags: string[]; 'security-severity': string; precision: string };
  }
>;
export type SarifResult = Override<
  Sarif.Result,
  {
    ruleId: string;
    ruleIndex: number;
    level: SarifLevel;
    message: SarifMessage;
    locations: SarifLocation[];
    relatedLocations?: SarifLocation[];
    partialFingerprints: Record<string, string>;
    properties: Sarif.PropertyBag;
  }
>;
type SarifNotification = Override<Sarif.Notification, { level: SarifLevel; message: SarifMessage }>;
export type SarifRun = Override<
  Sarif.Run,
  {
    tool: {
      driver: Override<
        Sarif.ToolComponent,
        {
          version: string;
          semanticVersion: string;
          informationUri: string;
          rules: SarifReportingDescriptor[];
        }
      >;
    };
    originalUriBaseIds: Record<string, Sarif.ArtifactLocation>;
    versionControlProvenance?: Override<
      Sarif.VersionControlDetails,
      { revisionId: string; mappedTo: Sarif.ArtifactLocation }
    >[];
    invocations: Override<Sarif.Invocation, { toolExecutionNotifications: SarifNotification[] }>[];
    columnKind: 'utf16CodeUnits';
    results: SarifResult[];
    properties: Sarif.PropertyBag;
  }
>;
export type SarifLog = Override<Sarif.Log, { $schema: string; version: '2.1.0'; runs: [SarifRun] }>;

/** `allowed-hosts-wildcard` → `AllowedHostsWildcard` (the SARIF spec asks for an identifier). */
export function toPascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function withPeriod(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function helpText(rule: RuleMeta): string {
  const { docs } = rule;
  return [
    docs.summary,
    `What it does: ${docs.whatItDoes}`,
    `Why is this bad? ${docs.whyBad}`,
    `Use instead: ${docs.useInstead}`,
    `Fix: ${rule.fix}`,
    ...(docs.references.length > 0 ? ['References:', ...docs.references.map((r) => `- ${r}`)] : []),
  ].join('\n\n');
}

/** Docs examples mark generated secrets as `{{secret:KIND}}`; show a placeholder, never a value. */
function describeSecretMarkers(content: string): string {
  return content.replace(/\{\{secret:([^{}]*)\}\}/g, (_, kind: string) => `<${kind} secret>`);
}

/** A fenced block that the content can't close early, tagged by the example's file type. */
function codeBlock(example: DocsExample): string {
  const longestRun = Math.max(
    2,
    ...Array.from(example.content.matchAll(/`+/g), (m) => m[0].length),
  );
  const fence = '`'.repeat(longestRun + 1);
  const language = example.file.endsWith('.py') ? 'python' : '';
  return `${fence}${language}\n${describeSecretMarkers(example.content)}\n${fence}`;
}

function helpMarkdown(rule: RuleMeta): string {
  const { docs } = rule;
  return [
    `**${rule.id}** \`${rule.name}\`: ${docs.summary}`,
    `## What it does\n\n${docs.whatItDoes}`,
    `## Why is this bad?\n\n${docs.whyBad}`,
    `## Example\n\n${codeBlock(docs.badExample)}`,
    `## Use instead\n\n${docs.useInstead}\n\n${codeBlock(docs.goodExample)}`,
    ...(docs.references.length > 0
      ? [`## References\n\n${docs.references.map((r) => `- <${r}>`).join('\n')}`]
      : []),
  ].join('\n\n');
}

export function toReportingDescriptor(rule: RuleMeta): SarifReportingDescriptor {
  return {
    id: rule.id,
    name: toPascalCase(rule.name),
    shortDescription: { text: withPeriod(rule.docs.summary) },
    fullDescription: { text: withPeriod(rule.docs.whatItDoes) },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    helpUri: docsUrlFor(rule.name),
    defaultConfiguration: { level: sarifLevelOf(rule.severity) },
    properties: {
      tags: ['security', 'django'],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      precision: 'high',
    },
  };
}

/** A finding whose rule isn't registered (should not happen) still gets a valid descriptor. */
function descriptorFromFinding(finding: Finding): SarifReportingDescriptor {
  const summary = withPeriod(`Flags ${finding.name}`);
  return {
    id: finding.ruleId,
    name: toPascalCase(finding.name),
    shortDescription: { text: summary },
    fullDescription: { text: summary },
    help: { text: finding.fix ?? summary, markdown: finding.fix ?? summary },
    helpUri: finding.docsUrl,
    defaultConfiguration: { level: sarifLevelOf(finding.severity) },
    properties: {
      tags: ['security', 'django'],
      'security-severity': SECURITY_SEVERITY[finding.severity],
      precision: 'high',
    },
  };
}

function suppressionKind(suppression: Suppression): 'inSource' | 'external' {
  // Inline comments and SILENCED_SYSTEM_CHECKS live in the scanned code; config and baseline don't.
  return suppression.kind === 'inline' || suppression.kind === 'silenced' ? 'inSource' : 'external';
}

function physicalLocation(
  file: string,
  line: number,
  endLine?: number,
  column?: number,
  endColumn?: number,
) {
  const startLine = Math.max(1, Math.trunc(line) || 1);
  const region: SarifPhysicalLocation['region'] = {
    startLine,
    endLine: Math.max(startLine, Math.trunc(endLine ?? startLine) || startLine),
  };
  if (column !== undefined && column >= 1) region.startColumn = Math.trunc(column);
  if (endColumn !== undefined && region.startColumn !== undefined && endColumn > region.startColumn)
    region.endColumn = Math.trunc(endColumn);
  return {
    artifactLocation: {
      uri: encodePathForUrl(repositoryRelativePath(file)),
      uriBaseId: SOURCE_ROOT,
    },
    region,
  };
}

/**
 * A finding's edits as a SARIF fix: each edit replaces whole lines (a region with only start and
 * end lines spans them, line ends aside), an insertion rewriting its anchor line. Instructions
 * that no edit can carry (untrack a file) stay in the message's fix sentence.
 */
function sarifFixOf(finding: Finding): Sarif.Fix | undefined {
  const edits = finding.autofix?.edits ?? [];
  if (edits.length === 0) return undefined;
  const byFile = new Map<string, Sarif.Replacement[]>();
  for (const edit of edits) {
    const line = asLineReplacement(edit);
    const replacements = byFile.get(line.file) ?? [];
    replacements.push({
      deletedRegion: { startLine: line.startLine, endLine: line.endLine },
      insertedContent: { text: line.lines.map((text) => stripUnsafeCharacters(text)).join('\n') },
    });
    byFile.set(line.file, replacements);
  }
  return {
    description: { text: withPeriod(stripUnsafeCharacters(finding.autofix!.description)) },
    artifactChanges: [...byFile].map(([file, replacements]) => ({
      artifactLocation: { uri: encodePathForUrl(file.replace(/^\/+/, '')), uriBaseId: SOURCE_ROOT },
      replacements,
    })),
  };
}

export interface SarifLinks {
  /** Builds a permalink to a file's line at a commit (history occurrences), when known. */
  blobUrl?: (commit: string, file: string, line: number) => string;
}

function toResult(finding: Finding, ruleIndex: number, links: SarifLinks): SarifResult {
  const notes: string[] = [withPeriod(stripUnsafeCharacters(finding.message))];
  if (finding.evidence) notes.push(`Evidence: ${stripUnsafeCharacters(finding.evidence)}.`);
  const properties: Record<string, unknown> = {
    severity: finding.severity,
    source: finding.source,
    name: finding.name,
    fingerprint: finding.fingerprint,
  };
  if (finding.envVar) properties.envVar = finding.envVar;
  if (finding.undecided) properties.undecided = true;
  if (finding.delta) properties.delta = finding.delta;
  if (finding.commit) {
    const status = finding.inHead
      ? 'It is still committed'
      : 'It was removed from HEAD but stays in history';
    notes.push(
      `Introduced in commit ${finding.commit.slice(0, 12)}. ${status}: rotate the secret.`,
    );
    properties.commit = finding.commit;
  }
  if (finding.authorDate) properties.authorDate = finding.authorDate;
  if (finding.inHead !== undefined) properties.inHead = finding.inHead;
  if (finding.refs) properties.refs = finding.refs;
  // History occurrences are not lines of today's files: they are listed with their commit (and a
  // permalink), never as regions.
  const history = finding.locations.filter((l) => !l.current && l.commit !== undefined);
  if (history.length > 0) {
    properties.history = history.slice(0, MAX_RELATED_LOCATIONS).map((l) => ({
      commit: l.commit,
      file: l.file,
      line: l.line,
      ...(links.blobUrl && l.commit ? { url: links.blobUrl(l.commit, l.file, l.line) } : {}),
    }));
  }
  if (!finding.current) {
    // Code scanning needs a region: a history-only result is anchored at the top of the file it
    // was committed to (a file-level result), and says so.
    notes.push(
      `No line of the current ${finding.file} holds it: the location is the file, not a line.`,
    );
    properties.historyOnly = true;
  }
  let relatedLocations: SarifLocation[] | undefined;
  const others = finding.locations
    .filter((l) => l.current)
    .filter((l) => !(l.file === finding.file && l.line === finding.line));
  if (others.length > 0) {
    relatedLocations = others.slice(0, MAX_RELATED_LOCATIONS).map((l, index) => ({
      id: index + 1,
      physicalLocation: physicalLocation(l.file, l.line, l.endLine, l.column, l.endColumn),
      message: { text: l.setting ? `Feeds ${l.setting}.` : 'Also here.' },
    }));
  }
  const result: SarifResult = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: sarifLevelOf(finding.severity),
    message: { text: notes.join(' ') },
    locations: [
      {
        physicalLocation: finding.current
          ? physicalLocation(
              finding.file,
              finding.line,
              finding.endLine,
              finding.column,
              finding.endColumn,
            )
          : physicalLocation(finding.file, 1),
      },
    ],
    partialFingerprints: { [PARTIAL_FINGERPRINT_KEY]: finding.fingerprint },
    properties,
  };
  if (relatedLocations) result.relatedLocations = relatedLocations;
  // SARIF's own word for it: `new` or `unchanged` against the base branch.
  if (finding.delta) result.baselineState = finding.delta === 'new' ? 'new' : 'unchanged';
  const fix = sarifFixOf(finding);
  if (fix) result.fixes = [fix];
  if (finding.suppressed) {
    result.suppressions = [
      {
        kind: suppressionKind(finding.suppressed),
        status: 'accepted',
        justification: `${finding.suppressed.kind}: ${stripUnsafeCharacters(finding.suppressed.reason)}`,
      },
    ];
  }
  return result;
}

/**
 * The SARIF log of a scan: every registered rule (so code scanning can close alerts of rules that
 * no longer fire), one result per finding (suppressed ones with `suppressions`), most severe first.
 */
export function toSarif(
  result: ScanResult,
  rules: readonly RuleMeta[],
  options: SarifOptions = {},
): SarifLog {
  const descriptors = [...rules]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(toReportingDescriptor);
  const indexById = new Map(descriptors.map((descriptor, index) => [descriptor.id, index]));
  const ordered = [...result.findings].sort(compareFindings);
  for (const finding of ordered) {
    if (!indexById.has(finding.ruleId)) {
      indexById.set(finding.ruleId, descriptors.length);
      descriptors.push(descriptorFromFinding(finding));
    }
  }
  const kept = ordered.slice(0, MAX_SARIF_RESULTS);
  const notifications: SarifNotification[] = result.notes.map((note) => ({
    level: 'note',
    message: { text: withPeriod(stripUnsafeCharacters(note)) },
  }));
  if (ordered.length > kept.length) {
    notifications.push({
      level: 'warning',
      message: {
        text: `${ordered.length - kept.length} less severe results were left out: code scanning accepts at most ${MAX_SARIF_RESULTS} per run.`,
      },
    });
  }
  const run: SarifRun = {
    tool: {
      driver: {
        name: result.tool.name,
        version: result.tool.version,
        semanticVersion: result.tool.version,
        informationUri: REPOSITORY_URL,
        rules: descriptors,
      },
    },
    originalUriBaseIds: {
      [SOURCE_ROOT]: options.sourceRootUri
        ? { uri: options.sourceRootUri }
        : { description: { text: 'The root of the scanned repository.' } },
    },
    invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
    columnKind: 'utf16CodeUnits',
    results: kept.map((finding) => toResult(finding, indexById.get(finding.ruleId) ?? 0, options)),
    properties: {
      failOn: result.summary.failOn,
      failed: result.summary.failed,
      historyMode: result.history.mode,
      settingsModules: result.settings.map((s) => s.module),
    },
  };
  if (result.commit) {
    run.properties.commit = result.commit;
    if (options.repositoryUri) {
      run.versionControlProvenance = [
        {
          repositoryUri: options.repositoryUri,
          revisionId: result.commit,
          ...(options.ref ? { branch: options.ref } : {}),
          // The checkout root is the repository root: result URIs are repository-relative.
          mappedTo: { uriBaseId: SOURCE_ROOT },
        },
      ];
    }
  }
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

/** Serialised SARIF, ready to write to the `sarif-file` path. */
export function renderSarif(
  result: ScanResult,
  rules: readonly RuleMeta[],
  options: SarifOptions = {},
): string {
  return `${JSON.stringify(toSarif(result, rules, options) satisfies Sarif.Log, null, 2)}\n`;
}
