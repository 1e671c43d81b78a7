import type { ScanResult, ScanSummary } from '../../src/core/scan-result';
import type { Finding, FindingSource, RuleMeta, Severity } from '../../src/core/types';
import { SEVERITIES, compareSeverity, isAtOrAbove } from '../../src/core/types';
import { docsUrlFor } from '../../src/core/docs-url';

/** Our own rule fixtures: the real registries are written concurrently. */
export const RULES: readonly RuleMeta[] = [
  rule(
    'DDG-S001',
    'django-secret-key-committed',
    'critical',
    'Read SECRET_KEY from the environment.',
  ),
  rule(
    'DDG-S101',
    'aws-access-key-committed',
    'high',
    'Revoke the key and load it from a secret store.',
  ),
  rule('security.W004', 'hsts-not-set', 'medium', 'Set SECURE_HSTS_SECONDS to at least 31536000.'),
  rule('security.W018', 'debug-true', 'high', 'Set DEBUG = False in production.'),
  rule('security.W021', 'hsts-preload-not-set', 'low', 'Set SECURE_HSTS_PRELOAD = True.'),
  rule('DDG-H001', 'admin-url-default', 'info', 'Move the admin away from /admin/.'),
];

function rule(id: string, name: string, severity: Severity, fix: string): RuleMeta {
  return {
    id,
    name,
    severity,
    fix,
    docs: {
      summary: `Flags ${name.replace(/-/g, ' ')}`,
      whatItDoes: `Checks the settings for ${name.replace(/-/g, ' ')}.`,
      whyBad: 'It weakens the deployment.',
      badExample: { file: 'settings.py', content: 'DEBUG = True' },
      goodExample: { file: 'settings.py', content: "DEBUG = env.bool('DEBUG', default=False)" },
      useInstead: fix,
      references: ['https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/'],
    },
  };
}

export function makeFinding(overrides: Partial<Finding> & { ruleId: string }): Finding {
  const meta = RULES.find((r) => r.id === overrides.ruleId);
  const name = overrides.name ?? meta?.name ?? 'unknown-rule';
  const source = overrides.source ?? 'settings';
  const current = overrides.current ?? source !== 'history';
  const severity = overrides.severity ?? meta?.severity ?? 'medium';
  const file = overrides.file ?? 'mysite/settings.py';
  const line = overrides.line ?? 1;
  return {
    name,
    severity,
    message: `${name} found`,
    file,
    line,
    fingerprint: `fp-${overrides.ruleId}-${line}`,
    source,
    current,
    docsUrl: docsUrlFor(name),
    locations: [{ source, ruleId: overrides.ruleId, file, line, current, severity }],
    ...overrides,
  };
}

export function summarise(
  findings: Finding[],
  failOn: ScanSummary['failOn'] = 'high',
): ScanSummary {
  const active = findings.filter((f) => !f.suppressed);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const bySource: Record<FindingSource, number> = { tree: 0, settings: 0, history: 0 };
  for (const f of active) {
    bySeverity[f.severity] += 1;
    bySource[f.source] += 1;
  }
  const highest = [...active].sort((a, b) => compareSeverity(a.severity, b.severity))[0];
  const failed = active.some((f) => isAtOrAbove(f.severity, failOn));
  return {
    total: active.length,
    bySeverity,
    bySource,
    suppressed: findings.length - active.length,
    highestSeverity: highest?.severity ?? 'none',
    failOn,
    undecided: 0,
    undecidedCauses: [],
    failed,
    reason: failed
      ? `${active.filter((f) => isAtOrAbove(f.severity, failOn)).length} finding(s) at or above ${failOn}`
      : `no finding at or above ${failOn}`,
  };
}

export const COMMIT = '0123456789abcdef0123456789abcdef01234567';
export const OLD_COMMIT = 'fedcba9876543210fedcba9876543210fedcba98';

export function fixtureFindings(): Finding[] {
  return [
    makeFinding({
      ruleId: 'security.W004',
      message: 'SECURE_HSTS_SECONDS is not set',
      line: 12,
      envVar: 'DJANGO_HSTS_SECONDS',
    }),
    makeFinding({
      ruleId: 'security.W018',
      message: "DEBUG is True when DJANGO_DEBUG is unset (default 'true')",
      line: 5,
      envVar: 'DJANGO_DEBUG',
    }),
    makeFinding({
      ruleId: 'DDG-S001',
      source: 'tree',
      file: 'mysite/settings/base.py',
      line: 20,
      message: 'A Django SECRET_KEY is committed',
      evidence: 'dj4n… (50 chars)',
      fingerprint: 'a1b2c3d4e5f60718',
      secretHash: '00112233445566778899aabbccddeeff',
    }),
    makeFinding({
      ruleId: 'DDG-S101',
      source: 'history',
      file: 'deploy/old env.sh',
      line: 3,
      message: 'An AWS access key id was committed',
      evidence: 'AKIA… (20 chars)',
      fingerprint: '9f8e7d6c5b4a3921',
      commit: OLD_COMMIT,
      authorDate: '2024-01-02T03:04:05Z',
      inHead: false,
      refs: ['refs/heads/main'],
      locations: [
        {
          source: 'history',
          ruleId: 'DDG-S101',
          current: false,
          severity: 'high',
          commit: OLD_COMMIT,
          file: 'deploy/old env.sh',
          line: 3,
          authorDate: '2024-01-02T03:04:05Z',
        },
        {
          source: 'history',
          ruleId: 'DDG-S101',
          current: false,
          severity: 'high',
          commit: COMMIT,
          file: 'deploy/copy.sh',
          line: 7,
          authorDate: '2024-02-03T04:05:06Z',
        },
      ],
    }),
    makeFinding({
      ruleId: 'security.W021',
      message: 'SECURE_HSTS_PRELOAD is False',
      line: 14,
      suppressed: { kind: 'inline', reason: 'preload decided later' },
    }),
    makeFinding({
      ruleId: 'DDG-H001',
      message: "admin is mounted at 'admin/'",
      file: 'mysite/urls.py',
      line: 8,
    }),
  ];
}

export function makeResult(
  findings: Finding[] = fixtureFindings(),
  failOn: ScanSummary['failOn'] = 'high',
): ScanResult {
  return {
    version: 2,
    tool: { name: 'django-deploy-guard', version: '0.1.0' },
    commit: COMMIT,
    findings,
    summary: summarise(findings, failOn),
    settings: [
      {
        module: 'mysite.settings.production',
        file: 'mysite/settings/production.py',
        reason: 'DJANGO_SETTINGS_MODULE default in mysite/wsgi.py:12',
        djangoVersion: '5.2',
        djangoVersionSource: 'requirements.txt',
        envSet: ['DJANGO_SECRET_KEY', 'DATABASE_URL'],
        envUnsetWithDefault: ['DJANGO_DEBUG'],
      },
    ],
    history: {
      mode: 'range',
      base: OLD_COMMIT,
      head: COMMIT,
      commits: 4,
      blobs: 10,
      blobsFromCache: 0,
      shallow: false,
      warnings: [],
    },
    notes: ['mysite/broken.py: invalid Python at line 3; skipped'],
  };
}
