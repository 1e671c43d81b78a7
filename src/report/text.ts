import type { ScanResult } from '../core/scan-result';
import type { Finding, FindingLocation, Severity } from '../core/types';
import { escapeLogLine } from './escape';
import { describeSuppressed } from './summary';

const SEVERITY_COLOUR: Record<Severity, string> = {
  critical: '\u001b[1;35m',
  high: '\u001b[1;31m',
  medium: '\u001b[33m',
  low: '\u001b[36m',
  info: '\u001b[2m',
};
const RESET = '\u001b[0m';
const MAX_LISTED_LOCATIONS = 5;
const MAX_LISTED_SUPPRESSED = 50;
const BOLD = '\u001b[1m';
const DIM = '\u001b[2m';

/**
 * Text from the scanned repository, made safe for a terminal and for a CI log: the one escaping
 * of log lines the action's channels use (report/escape.ts), so a file name, reason or note can't
 * move the cursor, reorder text, break a line or start a workflow command (`::error::`).
 */
function clean(text: string): string {
  return escapeLogLine(text);
}

function describeLocation(l: FindingLocation): string {
  const where = `${l.file}:${l.line}`;
  if (l.current) return l.setting ? `${where} (feeds ${l.setting})` : where;
  return `${where} in commit ${(l.commit ?? '').slice(0, 12)}${l.authorDate ? ` (${l.authorDate.slice(0, 10)})` : ''}`;
}

/** `--format text`: findings grouped by file, most severe first, readable in a terminal. */
export function renderText(result: ScanResult, options: { color: boolean }): string {
  // Every piece of text is cleaned before it is painted: module names, reasons, paths and notes
  // come from the scanned repository and must not move the cursor or retitle the terminal.
  const paint = (code: string, text: string) =>
    options.color ? `${code}${clean(text)}${RESET}` : clean(text);
  const out: string[] = [];
  for (const settings of result.settings) {
    out.push(
      paint(
        DIM,
        `settings: ${settings.module} (${settings.file}) — ${settings.reason}; Django ${settings.djangoVersion} (${settings.djangoVersionSource})`,
      ),
    );
    for (const other of settings.setAside ?? [])
      out.push(paint(DIM, `  set aside: ${other.module} — ${other.reason}`));
  }
  if (result.history.mode !== 'off') {
    const h = result.history;
    out.push(
      paint(
        DIM,
        `history: ${h.mode}${h.base ? ` ${h.base.slice(0, 12)}..${(h.head ?? 'HEAD').slice(0, 12)}` : ''}, ${h.commits} commits, ${h.blobs} blobs${h.shallow ? ' (shallow clone)' : ''}`,
      ),
    );
  }
  if (out.length > 0) out.push('');

  const visible = result.findings.filter((f) => !f.suppressed);
  const byFile = new Map<string, Finding[]>();
  for (const finding of visible) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  for (const [file, findings] of byFile) {
    out.push(paint(BOLD, clean(file)));
    for (const f of [...findings].sort((a, b) => a.line - b.line)) {
      const where = `${f.line}${f.column ? `:${f.column}` : ''}`.padEnd(6);
      const label = paint(SEVERITY_COLOUR[f.severity], f.severity.padEnd(8));
      out.push(`  ${where} ${label} ${clean(f.ruleId)}  ${clean(f.message)}`);
      const details: string[] = [`fingerprint ${f.fingerprint}`];
      if (f.evidence) details.push(`evidence: ${clean(f.evidence)}`);
      if (f.envVar) details.push(`env: ${clean(f.envVar)}`);
      if (f.undecided) details.push('undecided');
      if (f.commit)
        details.push(
          `commit ${f.commit.slice(0, 12)}${f.authorDate ? ` (${f.authorDate.slice(0, 10)})` : ''}${f.inHead === false ? ', removed but still in history: rotate it' : f.inHead ? ', still committed' : ''}`,
        );
      if (!f.current) details.push('history only: no line of the current file holds it');
      out.push(paint(DIM, `         ${details.join('  ')}`));
      const others = f.locations.slice(1);
      for (const l of others.slice(0, MAX_LISTED_LOCATIONS))
        out.push(paint(DIM, `         also ${describeLocation(l)}`));
      if (others.length > MAX_LISTED_LOCATIONS)
        out.push(paint(DIM, `         …and ${others.length - MAX_LISTED_LOCATIONS} more places`));
      if (f.fix) out.push(paint(DIM, `         fix: ${clean(f.fix)}`));
    }
    out.push('');
  }
  const suppressed = result.findings.filter((f) => f.suppressed);
  if (suppressed.length > 0) {
    out.push(paint(BOLD, describeSuppressed(result)));
    for (const f of suppressed.slice(0, MAX_LISTED_SUPPRESSED))
      out.push(
        paint(
          DIM,
          `  ${f.ruleId}  ${f.file}:${f.line}  ${f.fingerprint}  ${f.suppressed!.kind}: ${f.suppressed!.reason}`,
        ),
      );
    if (suppressed.length > MAX_LISTED_SUPPRESSED)
      out.push(
        paint(DIM, `  …and ${suppressed.length - MAX_LISTED_SUPPRESSED} more (see --format json)`),
      );
    out.push('');
  }
  for (const note of result.notes) out.push(paint(DIM, `note: ${clean(note)}`));
  for (const part of result.incomplete ?? [])
    out.push(paint(SEVERITY_COLOUR.high, `not scanned: ${clean(part)}`));
  if (result.notes.length > 0 || result.incomplete !== undefined) out.push('');

  const s = result.summary;
  const counts = (['critical', 'high', 'medium', 'low', 'info'] as const)
    .filter((sev) => s.bySeverity[sev] > 0)
    .map((sev) => `${s.bySeverity[sev]} ${sev}`)
    .join(', ');
  const verdict = s.failed ? paint(SEVERITY_COLOUR.high, 'FAILED') : paint(BOLD, 'passed');
  out.push(
    `${verdict}: ${s.total} finding(s)${counts ? ` (${counts})` : ''}${s.suppressed ? `, ${describeSuppressed(result)}` : ''}; fail-on ${s.failOn}: ${clean(s.reason)}`,
  );
  return `${out.join('\n')}\n`;
}
