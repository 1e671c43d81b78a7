import type { Finding, FindingSource, RuleMeta, Severity } from '../core/types';
import { SEVERITIES } from '../core/types';
import type { ScanResult } from '../core/scan-result';
import type { AnnotationCounts } from './annotations';
import { countAnnotations, sortedActiveFindings } from './annotations';
import { escapeMarkdown, truncateText } from './escape';
import type { RepositoryLinks } from './links';
import { renderCommit, renderLocation, renderRuleLink } from './links';

/**
 * The job summary: the full report in markdown. GitHub accepts at most 1 MiB per step, so the
 * top part is kept and the rest cut with a note.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary
 */

/** GitHub's per-step limit is 1 MiB; we stay a little under it. */
export const SUMMARY_MAX_BYTES = 1_000_000;
const MAX_NOTES = 100;
const MAX_SETTINGS_MODULES = 20;
const MAX_CELL_CHARS = 1_000;

export interface SummaryOptions {
  links?: RepositoryLinks;
  /** From `selectAnnotations`: annotations the runner will not display. */
  annotationsNotShown?: AnnotationCounts;
  maxBytes?: number;
}

export const SEVERITY_ICON: Record<Severity, string> = {
  critical: '🟥',
  high: '🟧',
  medium: '🟨',
  low: '🟦',
  info: '⬜',
};

export const SOURCE_TITLE: Record<FindingSource, string> = {
  settings: 'Settings',
  tree: 'Secrets in the checked-out files',
  history: 'Secrets in git history',
};

const SOURCES: readonly FindingSource[] = ['settings', 'tree', 'history'];

function fixOf(finding: Finding, rules: readonly RuleMeta[]): string {
  return finding.fix ?? rules.find((rule) => rule.id === finding.ruleId)?.fix ?? '';
}

/** Further places a finding was seen, listed after its message (the first few, linked). */
const MAX_LISTED_LOCATIONS = 3;

/**
 * Message plus redacted evidence, the env var that decides it, the fingerprint (in full: it is
 * what an allowlist entry takes), its history facet and the other places it was seen; escaped
 * for a table cell.
 */
export function renderMessageCell(finding: Finding, links?: RepositoryLinks): string {
  let text = finding.message;
  if (finding.envVar) text += ` (decided by env ${finding.envVar})`;
  if (finding.undecided) text += ' (undecided)';
  if (finding.evidence) text += ` — ${finding.evidence}`;
  if (finding.commit && finding.source !== 'history')
    text += ` — in git history since ${finding.commit.slice(0, 12)}${finding.inHead === false ? ' (removed from HEAD)' : ''}: rotate it`;
  // One runaway message must not use up the whole summary.
  let cell = escapeMarkdown(truncateText(text, MAX_CELL_CHARS));
  const others = finding.locations.slice(1);
  if (others.length > 0) {
    const listed = others.slice(0, MAX_LISTED_LOCATIONS).map((l) => renderLocation(l, links));
    const more = others.length - listed.length;
    cell += `<br>Also: ${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  }
  return `${cell}<br>fp \`${finding.fingerprint}\``;
}

export function renderSeverity(severity: Severity): string {
  return `${SEVERITY_ICON[severity]} ${severity}`;
}

function historyStatus(finding: Finding): string {
  return finding.inHead ? '**still committed** — remove and rotate' : 'removed — rotate';
}

/** One table row per finding, by source (history rows carry commit and status columns). */
export function renderFindingRow(
  finding: Finding,
  rules: readonly RuleMeta[],
  links: RepositoryLinks | undefined,
): string {
  const cells = [
    `${renderRuleLink(finding)} ${escapeMarkdown(finding.name)}`,
    renderSeverity(finding.severity),
    renderLocation(finding.locations[0] ?? finding, links),
  ];
  if (finding.source === 'history') {
    cells.push(finding.commit ? renderCommit(finding.commit, links) : '—', historyStatus(finding));
  }
  cells.push(renderMessageCell(finding, links), escapeMarkdown(fixOf(finding, rules)));
  return `| ${cells.join(' | ')} |`;
}

export function tableHeader(source: FindingSource): string[] {
  const columns =
    source === 'history'
      ? ['Rule', 'Severity', 'Location', 'Commit', 'Status', 'Message', 'Fix']
      : ['Rule', 'Severity', 'Location', 'Message', 'Fix'];
  return [`| ${columns.join(' | ')} |`, `|${columns.map(() => ' --- ').join('|')}|`];
}

function renderHeader(result: ScanResult): string[] {
  const { summary } = result;
  const status = summary.failed ? '❌ failed' : '✅ passed';
  const threshold =
    summary.failOn === 'never'
      ? 'never fails (`fail-on: never`)'
      : `fails on \`${summary.failOn}\` or above`;
  return [
    `## django-deploy-guard: ${status}`,
    '',
    `**Threshold:** ${threshold}. ${escapeMarkdown(summary.reason)}`,
    '',
  ];
}

function renderCounts(result: ScanResult): string[] {
  const { summary } = result;
  return [
    `**${summary.total}** finding${summary.total === 1 ? '' : 's'} (highest: ${summary.highestSeverity})` +
      (summary.suppressed > 0 ? `, ${describeSuppressed(result)}` : '') +
      '.',
    '',
    '| Severity | Count |',
    '| --- | ---: |',
    ...SEVERITIES.map((s) => `| ${renderSeverity(s)} | ${summary.bySeverity[s]} |`),
    '',
    '| Source | Count |',
    '| --- | ---: |',
    ...SOURCES.map((s) => `| ${SOURCE_TITLE[s]} | ${summary.bySource[s]} |`),
    '',
  ];
}

/** `27 suppressed (25 known from the baseline, 2 allowlisted)`. */
export function describeSuppressed(result: Pick<ScanResult, 'findings'>): string {
  const byKind = new Map<string, number>();
  for (const f of result.findings)
    if (f.suppressed) byKind.set(f.suppressed.kind, (byKind.get(f.suppressed.kind) ?? 0) + 1);
  const words: Record<string, string> = {
    baseline: 'known from the baseline',
    config: 'allowlisted',
    inline: 'ignored inline',
    silenced: 'in SILENCED_SYSTEM_CHECKS',
  };
  const total = [...byKind.values()].reduce((a, b) => a + b, 0);
  const parts = [...byKind].map(([kind, n]) => `${n} ${words[kind] ?? kind}`);
  return `${total} suppressed (${parts.join(', ')})`;
}

function renderAssumptions(result: ScanResult, notShown: AnnotationCounts | undefined): string[] {
  const lines = ['### What was assumed', ''];
  if (result.settings.length === 0) lines.push('- No Django settings module was found.');
  for (const s of result.settings.slice(0, MAX_SETTINGS_MODULES)) {
    lines.push(
      `- Settings module ${escapeMarkdown(s.module)} (${escapeMarkdown(s.file)}): ${escapeMarkdown(s.reason)}`,
      `  - Django ${escapeMarkdown(s.djangoVersion)} (${escapeMarkdown(s.djangoVersionSource)})`,
      `  - Env profile sets: ${s.envSet.length > 0 ? s.envSet.map(escapeMarkdown).join(', ') : 'nothing'}`,
    );
    for (const other of s.setAside ?? [])
      lines.push(
        `  - Set aside: ${escapeMarkdown(other.module)} (${escapeMarkdown(other.reason)})`,
      );
    if (s.envUnsetWithDefault.length > 0) {
      lines.push(
        `  - Left unset (the code's defaults apply): ${s.envUnsetWithDefault.map(escapeMarkdown).join(', ')}`,
      );
    }
  }
  if (result.settings.length > MAX_SETTINGS_MODULES) {
    lines.push(`- …and ${result.settings.length - MAX_SETTINGS_MODULES} more settings modules.`);
  }
  const h = result.history;
  if (h.mode === 'off') {
    lines.push('- Git history: not scanned.');
  } else {
    const range =
      h.mode === 'range' && h.head
        ? ` ${escapeMarkdown((h.base ?? '(root)').slice(0, 12))}..${escapeMarkdown(h.head.slice(0, 12))}`
        : '';
    lines.push(
      `- Git history: ${h.mode}${range}, ${h.commits} commits, ${h.blobs} blobs` +
        (h.shallow
          ? ' (shallow clone' + (h.deepened ? `, deepened: ${escapeMarkdown(h.deepened)})` : ')')
          : '') +
        '.',
    );
    for (const warning of h.warnings) lines.push(`  - ⚠️ ${escapeMarkdown(warning)}`);
  }
  if (notShown && countAnnotations(notShown) > 0) {
    lines.push(
      `- ${countOf(countAnnotations(notShown), 'annotation')} ${countAnnotations(notShown) === 1 ? 'was' : 'were'} not shown in the job log (GitHub shows at most 10 per level per step): ${countOf(notShown.error, 'error')}, ${countOf(notShown.warning, 'warning')}, ${countOf(notShown.notice, 'notice')}. All of them are in the tables below.`,
    );
  }
  lines.push('');
  if (result.notes.length > 0) {
    // A repository with thousands of broken files must not crowd out the findings.
    const shown = result.notes.slice(0, MAX_NOTES);
    lines.push(
      '### Notes',
      '',
      ...shown.map((note) => `- ${escapeMarkdown(truncateText(note, 500))}`),
    );
    if (result.notes.length > shown.length) {
      lines.push(`- …and ${result.notes.length - shown.length} more notes (see the JSON report).`);
    }
    lines.push('');
  }
  return lines;
}

const encoder = new TextEncoder();
function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** Cuts text to at most `maxBytes` UTF-8 bytes at a line boundary (a last resort). */
function fitToBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  const lines = text.split('\n');
  let used = 0;
  let keep = 0;
  for (const line of lines) {
    const size = byteLength(line) + 1;
    if (used + size > maxBytes) break;
    used += size;
    keep += 1;
  }
  return lines.slice(0, keep).join('\n');
}

function suppressedRow(finding: Finding, links: RepositoryLinks | undefined): string {
  const reason = finding.suppressed
    ? `${finding.suppressed.kind}: ${finding.suppressed.reason}`
    : '';
  return `| ${renderRuleLink(finding)} ${escapeMarkdown(finding.name)} | ${renderSeverity(finding.severity)} | ${renderLocation(finding.locations[0] ?? finding, links)} | ${escapeMarkdown(reason)} | \`${finding.fingerprint}\` |`;
}

/** The job summary markdown; always under `maxBytes` (UTF-8), the top part kept when cut. */
export function renderSummary(
  result: ScanResult,
  rules: readonly RuleMeta[],
  options: SummaryOptions = {},
): string {
  const maxBytes = options.maxBytes ?? SUMMARY_MAX_BYTES;
  // Room for the truncation note, so it always fits.
  const reserve = 400;
  const head = fitToBytes(
    [
      ...renderHeader(result),
      ...renderCounts(result),
      ...renderAssumptions(result, options.annotationsNotShown),
    ].join('\n'),
    maxBytes - reserve,
  );
  const active = sortedActiveFindings(result.findings);
  let budget = maxBytes - reserve - byteLength(head) - 1;
  const parts: string[] = [head];
  let written = 0;
  let truncated = false;
  const suppressed = result.findings.filter((f) => f.suppressed);

  /** Adds a table if its header fits, then as many rows as fit; returns how many rows it added. */
  const addTable = <T>(
    header: string[],
    items: readonly T[],
    renderRow: (item: T) => string,
    footer: string[] = [],
  ): number => {
    const headerText = header.join('\n');
    const footerBytes = footer.reduce((sum, line) => sum + byteLength(line) + 1, 0);
    if (byteLength(headerText) + 1 + footerBytes > budget) return 0;
    budget -= byteLength(headerText) + 1 + footerBytes;
    parts.push(headerText);
    let added = 0;
    for (const item of items) {
      const row = renderRow(item);
      const size = byteLength(row) + 1;
      if (size > budget) break;
      budget -= size;
      parts.push(row);
      added += 1;
    }
    parts.push(...footer);
    return added;
  };

  for (const source of SOURCES) {
    const findings = active.filter((f) => f.source === source);
    if (findings.length === 0) continue;
    const header = [`### ${SOURCE_TITLE[source]} (${findings.length})`, '', ...tableHeader(source)];
    const added = addTable(header, findings, (f) => renderFindingRow(f, rules, options.links), [
      '',
    ]);
    written += added;
    if (added < findings.length) {
      truncated = true;
      break;
    }
  }
  if (!truncated && suppressed.length > 0) {
    const added = addTable(
      [
        `<details><summary>${suppressed.length} suppressed finding${suppressed.length === 1 ? '' : 's'}</summary>`,
        '',
        '| Rule | Severity | Location | Suppressed by | Fingerprint |',
        '| --- | --- | --- | --- | --- |',
      ],
      suppressed,
      (finding) => suppressedRow(finding, options.links),
      ['', '</details>', ''],
    );
    if (added < suppressed.length) truncated = true;
  }
  if (truncated) {
    parts.push(
      '',
      `> [!WARNING]\n> Truncated to stay under GitHub's 1 MiB job summary limit: ${active.length - written} of ${active.length} findings${suppressed.length > 0 ? ' (and possibly some suppressed ones)' : ''} are not listed here. The SARIF and JSON reports have all of them.`,
      '',
    );
  }
  return parts.join('\n');
}

/** `1 error`, `2 errors`, `0 errors`. */
function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
