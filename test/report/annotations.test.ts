import * as core from '@actions/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Finding, Severity } from '../../src/core/types';
import {
  annotationLevelOf,
  buildAllAnnotations,
  selectAnnotations,
  type Annotation,
} from '../../src/report/annotations';
import { escapeLogLine } from '../../src/report/escape';
import { RULES, makeFinding, makeResult } from './fixtures';
import { parseWorkflowCommands } from '../helpers/workflow-commands';

function findingsOf(severity: Severity, count: number, ruleId: string): Finding[] {
  return Array.from({ length: count }, (_, i) =>
    makeFinding({
      ruleId,
      severity,
      line: i + 1,
      file: `app/${severity}.py`,
      fingerprint: `${severity}-${i}`,
    }),
  );
}

/** Prints through the real @actions/core and returns what reached stdout. */
function captureStdout(print: () => void): string {
  let output = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    print();
  } finally {
    spy.mockRestore();
  }
  return output;
}

function printAnnotation(annotation: Annotation): void {
  core[annotation.level](annotation.message, {
    file: annotation.file,
    startLine: annotation.startLine,
    endLine: annotation.endLine,
    title: annotation.title,
  });
}

afterEach(() => vi.restoreAllMocks());

describe('selectAnnotations', () => {
  it('keeps the most severe within 10 errors, 10 warnings and 10 notices and counts the rest', () => {
    const findings = [
      ...findingsOf('info', 7, 'DDG-H001'),
      ...findingsOf('high', 6, 'security.W018'),
      ...findingsOf('medium', 15, 'security.W004'),
      ...findingsOf('critical', 19, 'DDG-S001'),
      ...findingsOf('low', 5, 'security.W021'),
      makeFinding({
        ruleId: 'DDG-S001',
        severity: 'critical',
        suppressed: { kind: 'baseline', reason: 'known' },
      }),
    ];
    const { annotations, notShown } = selectAnnotations(makeResult(findings), RULES);
    const levels = annotations.map((a) => a.level);
    // 9 errors: the step's own failure line is the 10th the runner shows.
    expect(levels.filter((l) => l === 'error')).toHaveLength(9);
    expect(levels.filter((l) => l === 'warning')).toHaveLength(10);
    expect(levels.filter((l) => l === 'notice')).toHaveLength(10);
    // 19 critical + 6 high = 25 errors; only the 9 most severe (all critical) are shown.
    expect(
      annotations.filter((a) => a.level === 'error').every((a) => a.severity === 'critical'),
    ).toBe(true);
    // Notices: the 5 low ones come before info.
    expect(
      annotations
        .filter((a) => a.level === 'notice')
        .slice(0, 5)
        .map((a) => a.severity),
    ).toEqual(Array(5).fill('low'));
    expect(notShown).toEqual({ error: 16, warning: 5, notice: 2 });
    // The suppressed finding is neither shown nor counted.
    expect(buildAllAnnotations(makeResult(findings), RULES)).toHaveLength(52);
  });

  it('maps severities to annotation levels', () => {
    expect((['critical', 'high', 'medium', 'low', 'info'] as const).map(annotationLevelOf)).toEqual(
      ['error', 'error', 'warning', 'notice', 'notice'],
    );
  });

  it('gives one annotation per finding with file, lines, a title with the rule id, message and fix', () => {
    const finding = makeFinding({
      ruleId: 'security.W004',
      file: 'mysite/settings.py',
      line: 12,
      endLine: 14,
      message: 'SECURE_HSTS_SECONDS is not set',
    });
    const [annotation] = selectAnnotations(makeResult([finding]), RULES).annotations;
    expect(annotation).toMatchObject({
      level: 'warning',
      file: 'mysite/settings.py',
      startLine: 12,
      endLine: 14,
      title: 'security.W004 hsts-not-set',
    });
    expect(annotation?.message).toContain('SECURE_HSTS_SECONDS is not set');
    expect(annotation?.message).toContain('Fix: Set SECURE_HSTS_SECONDS to at least 31536000.');
  });

  it("annotates a secret only history holds nowhere (no line of today's files holds it)", () => {
    const finding = makeFinding({
      ruleId: 'DDG-S101',
      source: 'history',
      commit: 'a'.repeat(40),
      inHead: false,
    });
    expect(buildAllAnnotations(makeResult([finding]), RULES)).toEqual([]);
  });

  it('says when a still-committed secret has been in history since a commit', () => {
    const finding = makeFinding({
      ruleId: 'DDG-S101',
      source: 'history',
      current: true,
      commit: 'a'.repeat(40),
      inHead: true,
      column: 14,
    });
    const [annotation] = buildAllAnnotations(makeResult([finding]), RULES);
    expect(annotation?.message).toContain(`commit ${'a'.repeat(12)} (still committed): rotate it.`);
    expect(annotation?.message).toContain(`Fingerprint: ${finding.fingerprint}`);
    expect(annotation).toMatchObject({ startColumn: 14 });
  });
});

describe('scanned content can never create a workflow command', () => {
  const hostileFile = 'x::warning::y,line=1%0A::error::z\n::error::file';
  const hostileMessage = [
    'value %0A::error::pwned',
    '::error file=a.py::injected',
    '  ::set-output name=x::y',
    '\r::add-mask::secret',
    '##[error]legacy',
    '\u2028::warning::via line separator',
    '::stop-commands::token',
  ].join('\n');

  it('prints exactly the intended annotations through @actions/core', () => {
    const findings = [
      makeFinding({
        ruleId: 'DDG-S001',
        file: hostileFile,
        message: hostileMessage,
        evidence: '::error::ev…',
      }),
      makeFinding({ ruleId: 'security.W004', name: 'x::notice::y', message: '%0D%0A::error::x' }),
      makeFinding({ ruleId: 'DDG-H001', file: 'a,b:c%d.py', message: 'plain' }),
    ];
    const { annotations } = selectAnnotations(makeResult(findings), RULES);
    const output = captureStdout(() => annotations.forEach(printAnnotation));
    const commands = parseWorkflowCommands(output);
    expect(commands.map((c) => c.name)).toEqual(['error', 'warning', 'notice']);
    // Properties survive the round trip exactly (one line), so the annotation points at the file.
    expect(commands[0]?.properties.file).toBe(hostileFile.replace(/\n/g, ' '));
    expect(commands[2]?.properties.file).toBe('a,b:c%d.py');
    expect(commands[1]?.properties.title).toBe('security.W004 x::notice::y');
    // The literal text is still there for the reader.
    expect(commands[0]?.message).toContain('value %0A::error::pwned');
    expect(commands[1]?.message).toContain('%0D%0A::error::x');
  });

  it('escapeLogLine makes raw log lines inert, where core.info alone is not', () => {
    const raw = captureStdout(() => core.info(hostileMessage));
    expect(parseWorkflowCommands(raw).length).toBeGreaterThan(3); // the parser does see commands
    const escaped = captureStdout(() => core.info(escapeLogLine(hostileMessage)));
    expect(parseWorkflowCommands(escaped)).toEqual([]);
    expect(escaped.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(captureStdout(() => core.info(escapeLogLine('::error::x')))).toContain('::error::x');
  });
});
