import type { Finding, RuleMeta, Severity } from '../core/types';
import { compareSeverity } from '../core/types';
import type { ScanResult } from '../core/scan-result';
import { escapeAnnotationMessage, escapeAnnotationProperty } from './escape';

/**
 * Workflow-command annotations. The runner shows at most 10 error, 10 warning and 10 notice
 * annotations per step, so the most severe go first and the rest are counted for the summary.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#setting-an-error-message
 */

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  /** Already escaped; print with `core[level](message, {file, startLine, endLine, title})`. */
  message: string;
  file: string;
  startLine: number;
  endLine: number;
  /** Only on a one-line annotation (GitHub ignores columns across lines). */
  startColumn?: number;
  endColumn?: number;
  title: string;
  /** The finding this annotation reports (for the Checks API and tests). */
  ruleId: string;
  severity: Severity;
}

export type AnnotationCounts = Record<AnnotationLevel, number>;

export interface AnnotationSelection {
  annotations: Annotation[];
  notShown: AnnotationCounts;
}

/**
 * The runner's per-step display limits, less one error: the step's own failure line
 * (`core.setFailed`) is an error annotation too, and it is the one that must never be dropped.
 */
export const ANNOTATION_LIMITS: Readonly<AnnotationCounts> = { error: 9, warning: 10, notice: 10 };

export function annotationLevelOf(severity: Severity): AnnotationLevel {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    case 'low':
    case 'info':
      return 'notice';
  }
}

const SOURCE_ORDER: Record<Finding['source'], number> = { settings: 0, tree: 1, history: 2 };

/** Most severe first; then settings before tree before history; then by path and line. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    // What the change introduced first (annotations are capped at 10 per level).
    Number(a.delta === 'existing') - Number(b.delta === 'existing') ||
    compareSeverity(a.severity, b.severity) ||
    SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source] ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/** Unsuppressed findings, most severe first. */
export function sortedActiveFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => !finding.suppressed).sort(compareFindings);
}

/**
 * Findings an annotation can mark: unsuppressed, on a line of the checked-out tree that holds the
 * problem now. A secret found only in history marks nothing (its line is gone or elsewhere).
 */
export function annotatableFindings(findings: readonly Finding[]): Finding[] {
  return sortedActiveFindings(findings).filter((finding) => finding.current);
}

/** One annotation for one finding; the fix comes from the finding, else from its rule. */
export function toAnnotation(finding: Finding, rules: readonly RuleMeta[]): Annotation {
  const rule = rules.find((candidate) => candidate.id === finding.ruleId);
  const fix = finding.fix ?? rule?.fix;
  const parts = [finding.message];
  if (finding.evidence) parts.push(`Evidence: ${finding.evidence}`);
  if (finding.commit) {
    const status = finding.inHead ? 'still committed' : 'removed from HEAD, but still in history';
    parts.push(`Introduced in commit ${finding.commit.slice(0, 12)} (${status}): rotate it.`);
  }
  const elsewhere = finding.locations.length - 1;
  if (elsewhere > 0) parts.push(`Seen in ${elsewhere} more place(s): see the job summary.`);
  if (fix) parts.push(`Fix: ${fix}`);
  parts.push(`Fingerprint: ${finding.fingerprint}`);
  parts.push(finding.docsUrl);
  const startLine = Math.max(1, finding.line);
  const endLine = Math.max(startLine, finding.endLine ?? startLine);
  const annotation: Annotation = {
    level: annotationLevelOf(finding.severity),
    message: escapeAnnotationMessage(parts.join('\n')),
    file: escapeAnnotationProperty(finding.file),
    startLine,
    endLine,
    title: escapeAnnotationProperty(`${finding.ruleId} ${finding.name}`),
    ruleId: finding.ruleId,
    severity: finding.severity,
  };
  if (finding.column !== undefined && finding.column >= 1 && endLine === startLine) {
    annotation.startColumn = finding.column;
    if (finding.endColumn !== undefined && finding.endColumn > finding.column)
      annotation.endColumn = finding.endColumn;
  }
  return annotation;
}

/**
 * Every annotatable finding as an annotation, most severe first (the Checks API takes them all).
 */
export function buildAllAnnotations(
  result: Pick<ScanResult, 'findings'>,
  rules: readonly RuleMeta[],
): Annotation[] {
  return annotatableFindings(result.findings).map((finding) => toAnnotation(finding, rules));
}

/**
 * The annotations to print as workflow commands: the most severe first, within the runner's
 * per-level limits, and how many of each level were left out.
 */
export function selectAnnotations(
  result: Pick<ScanResult, 'findings'>,
  rules: readonly RuleMeta[],
  limits: Readonly<AnnotationCounts> = ANNOTATION_LIMITS,
): AnnotationSelection {
  const shown: AnnotationCounts = { error: 0, warning: 0, notice: 0 };
  const notShown: AnnotationCounts = { error: 0, warning: 0, notice: 0 };
  const annotations: Annotation[] = [];
  for (const annotation of buildAllAnnotations(result, rules)) {
    if (shown[annotation.level] < limits[annotation.level]) {
      shown[annotation.level] += 1;
      annotations.push(annotation);
    } else {
      notShown[annotation.level] += 1;
    }
  }
  return { annotations, notShown };
}

/** Total of the counts, e.g. for "N more annotations were not shown". */
export function countAnnotations(counts: Readonly<AnnotationCounts>): number {
  return counts.error + counts.warning + counts.notice;
}
