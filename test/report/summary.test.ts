import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types';
import { selectAnnotations } from '../../src/report/annotations';
import {
  COMMENT_MARKER,
  COMMENT_MAX_CHARS,
  hasCommentWorthyFindings,
  renderComment,
} from '../../src/report/comment';
import type { RepositoryLinks } from '../../src/report/links';
import { computeOutputs } from '../../src/report/outputs';
import { SUMMARY_MAX_BYTES, renderSummary } from '../../src/report/summary';
import { summarizeFindings } from '../../src/core/summarize';
import { COMMIT, OLD_COMMIT, RULES, fixtureFindings, makeFinding, makeResult } from './fixtures';

const LINKS: RepositoryLinks = {
  serverUrl: 'https://github.com',
  repository: 'acme/shop',
  sha: COMMIT,
  runUrl: 'https://github.com/acme/shop/actions/runs/42',
};

function manyFindings(count: number): Finding[] {
  const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
  return Array.from({ length: count }, (_, i) =>
    makeFinding({
      ruleId: 'DDG-S001',
      severity: severities[i % 5] ?? 'info',
      source: i % 3 === 0 ? 'history' : i % 3 === 1 ? 'tree' : 'settings',
      commit: OLD_COMMIT,
      inHead: i % 2 === 0,
      file: `pkg/module_${i}/settings_with_a_fairly_long_name_${i}.py`,
      line: (i % 500) + 1,
      message: `Finding number ${i} with a message long enough to look like a real one | pipes included`,
      fingerprint: `fp${i}`,
    }),
  );
}

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

describe('renderSummary', () => {
  const result = makeResult();
  const summary = renderSummary(result, RULES, {
    links: LINKS,
    annotationsNotShown: selectAnnotations(result, RULES).notShown,
  });

  it('reads in the order a reviewer works: verdict, findings, then what was assumed, collapsed', () => {
    const lines = summary.split('\n');
    expect(lines[0]).toBe('## django-deploy-guard: ❌ failed');
    expect(lines[2]).toMatch(/^\*\*Threshold:\*\* fails on `high` or above\./);
    expect(lines[4]).toMatch(/^\*\*\d+\*\* findings \(1 critical/);
    const firstTable = summary.indexOf('### Settings (');
    const assumed = summary.indexOf('<details><summary>What was assumed</summary>');
    expect(firstTable).toBeGreaterThan(0);
    expect(assumed).toBeGreaterThan(firstTable);
    expect(summary.indexOf('### Secrets in git history (1)')).toBeLessThan(assumed);
  });

  it('shows new findings first, existing ones collapsed, then what the change fixed', () => {
    const [first, second, ...rest] = fixtureFindings();
    const findings = [
      { ...first!, delta: 'existing' as const },
      { ...second!, delta: 'new' as const },
      ...rest.map((f) => ({ ...f, delta: 'existing' as const })),
    ];
    const text = renderSummary(
      {
        ...makeResult(findings),
        fixed: [
          {
            ruleId: 'security.W008',
            name: 'ssl-redirect-off',
            severity: 'medium',
            file: 'mysite/settings.py',
            line: 4,
            message: 'SECURE_SSL_REDIRECT is False',
            fingerprint: '0123456789abcdef',
          },
        ],
      },
      RULES,
    );
    const fresh = text.indexOf('### New in this change (1)');
    const existing = text.indexOf('existing findings (already on the base branch)</summary>');
    const fixed = text.indexOf('### Fixed by this change (1)');
    expect(fresh).toBeGreaterThan(0);
    expect(existing).toBeGreaterThan(fresh);
    expect(fixed).toBeGreaterThan(existing);
    expect(text.slice(fresh, existing)).toContain(second!.fingerprint);
    expect(text.slice(fresh, existing)).not.toContain(first!.fingerprint);
  });

  it('groups undecided checks by cause, one line each, and says so in the title', () => {
    const undecided = ['security.W004', 'security.W008', 'security.W012'].map((ruleId, i) =>
      makeFinding({
        ruleId,
        source: 'settings',
        severity: 'info',
        undecided: true,
        ...(i < 2 ? { envVar: 'DJANGO_SECURE' } : {}),
        line: i + 1,
      }),
    );
    const result = { ...makeResult(undecided), summary: summarizeFindings(undecided, 'high') };
    const text = renderSummary(result, RULES);
    expect(text.split('\n')[0]).toBe(
      '## django-deploy-guard: ⚠️ passed — 3 settings checks could not be decided',
    );
    expect(text).toContain('### Settings checks that could not be decided (3)');
    expect(text).toContain('- env DJANGO\\_SECURE unset: 2 checks (security.W004, security.W008)');
    expect(text).toContain('- a value the evaluator cannot follow: 1 check (security.W012)');
    expect(text).not.toMatch(/^\| \[security\.W004\]/m);
  });

  it('summarises long lists of env variable names: the count and the first few', () => {
    const result = makeResult();
    const names = Array.from({ length: 60 }, (_, i) => `VAR_${i}`);
    const text = renderSummary(
      { ...result, settings: result.settings.map((s) => ({ ...s, envUnsetWithDefault: names })) },
      RULES,
    );
    expect(text).toContain(
      "Left unset (the code's defaults apply): 60 variables: VAR\\_0, VAR\\_1, VAR\\_2, VAR\\_3, VAR\\_4, and 55 more",
    );
  });

  it('lists distinct places only after "Also:"', () => {
    const [first] = fixtureFindings();
    const place = { ...first!.locations[0]!, file: 'config/settings.py', line: 491 };
    const finding = {
      ...first!,
      locations: [
        first!.locations[0]!,
        place,
        { ...place, ruleId: 'other' },
        { ...place, setting: 'SECRET_KEY' },
      ],
    };
    const text = renderSummary(makeResult([finding]), RULES);
    const also = text.split('\n').find((l) => l.includes('Also:')) ?? '';
    expect(also.match(/config\/settings\.py:491/g)).toHaveLength(1);
  });

  it('links rules to their docs and locations to the file at the scanned commit', () => {
    expect(summary).toContain(
      `[mysite/settings.py:12](https://github.com/acme/shop/blob/${COMMIT}/mysite/settings.py#L12)`,
    );
    expect(summary).toContain(
      '[security.W004](https://github.com/django-deploy-guard/django-deploy-guard/blob/main/docs/rules/hsts-not-set.md)',
    );
    expect(summary).toContain('Set SECURE\\_HSTS\\_SECONDS to at least 31536000.');
  });

  it('shows history findings with their commit link and rotate status', () => {
    expect(summary).toContain(
      `[deploy/old env.sh:3](https://github.com/acme/shop/blob/${OLD_COMMIT}/deploy/old%20env.sh#L3)`,
    );
    expect(summary).toContain(
      `[${OLD_COMMIT.slice(0, 12)}](https://github.com/acme/shop/commit/${OLD_COMMIT})`,
    );
    expect(summary).toContain('removed — rotate');
  });

  it('says what was assumed: settings module, Django version, env names', () => {
    expect(summary).toContain('Settings module mysite.settings.production');
    expect(summary).toContain('Django 5.2 (requirements.txt)');
    expect(summary).toContain('Env profile sets: DJANGO\\_SECRET\\_KEY, DATABASE\\_URL');
    expect(summary).toContain('1 suppressed');
  });

  it('matches the golden file', async () => {
    await expect(summary).toMatchFileSnapshot('./__golden__/summary.md.golden');
  });

  it('stays under 1 MiB with 20,000 findings, keeping the top part and saying so', () => {
    const big = makeResult(manyFindings(20_000));
    const { notShown } = selectAnnotations(big, RULES);
    const text = renderSummary(big, RULES, { links: LINKS, annotationsNotShown: notShown });
    expect(byteLength(text)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES);
    expect(byteLength(text)).toBeGreaterThan(SUMMARY_MAX_BYTES - 20_000);
    expect(text.startsWith('## django-deploy-guard: ❌ failed')).toBe(true);
    expect(text).toMatch(
      /Truncated to stay under GitHub's 1 MiB job summary limit: \d+ of 20000 findings/,
    );
    expect(text).toContain(
      `${notShown.error + notShown.warning + notShown.notice} annotations were not shown`,
    );
    // The most severe come first: the first table row is critical.
    expect(text.split('\n').find((l) => l.startsWith('| [DDG-S001]'))).toContain('critical');
  });

  it('counts annotations not shown in grammatical English (1 annotation, 1 error, 2 warnings)', () => {
    const result = makeResult(fixtureFindings());
    const one = renderSummary(result, RULES, {
      annotationsNotShown: { error: 1, warning: 0, notice: 0 },
    });
    expect(one).toContain(
      '1 annotation was not shown in the job log (GitHub shows at most 10 per level per step): 1 error, 0 warnings, 0 notices.',
    );
    const many = renderSummary(result, RULES, {
      annotationsNotShown: { error: 0, warning: 2, notice: 1 },
    });
    expect(many).toContain('3 annotations were not shown in the job log');
    expect(many).toContain(': 0 errors, 2 warnings, 1 notice.');
  });

  it('stays under the limit even with thousands of notes and settings modules', () => {
    const noisy = makeResult(manyFindings(2_000));
    noisy.notes = Array.from(
      { length: 10_000 },
      (_, i) => `broken/file_${i}.py: invalid Python ${'x'.repeat(300)}`,
    );
    noisy.settings = Array.from({ length: 500 }, (_, i) => ({
      ...makeResult().settings[0]!,
      module: `m${i}`,
    }));
    const text = renderSummary(noisy, RULES, { links: LINKS, maxBytes: 200_000 });
    expect(byteLength(text)).toBeLessThanOrEqual(200_000);
    expect(text).toContain('…and 9900 more notes');
    expect(text).toContain('…and 480 more settings modules.');
    expect(text).toMatch(/Truncated to stay under .*: \d+ of 2000 findings/);
  });

  it('cuts a runaway message so one row cannot use up the summary', () => {
    const long = makeResult([
      makeFinding({ ruleId: 'security.W004', message: 'm'.repeat(50_000) }),
    ]);
    const row = renderSummary(long, RULES)
      .split('\n')
      .find((l) => l.startsWith('| [security.W004]'));
    expect(row?.length).toBeLessThan(1_500);
    expect(row).toContain('m…');
  });

  it('lists suppressed findings in a collapsed section with the reason', () => {
    expect(summary).toContain('<details><summary>1 suppressed finding</summary>');
    expect(summary).toMatch(/\| inline: preload decided later \|/);
  });

  it('escapes scanned content so it cannot break the table or inject markup', () => {
    const hostile = makeResult([
      makeFinding({
        ruleId: 'security.W004',
        file: 'a|b`<img src=x>.py',
        message: 'x | y\n## heading @team ![i](https://e.example/i.png) <script>',
      }),
    ]);
    const text = renderSummary(hostile, RULES, { links: LINKS });
    const row = text.split('\n').find((l) => l.startsWith('| [security.W004]')) ?? '';
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(5); // exactly five cells
    expect(text).not.toMatch(/(?<!\\)<(img|script)/);
    expect(text).not.toContain('@team');
    expect(text).not.toMatch(/(?<!\\)!\[/);
    expect(text).not.toMatch(/^## heading/m);
  });
});

describe('renderComment', () => {
  it('is compact: marker, counts, top findings, link to the run', async () => {
    const body = renderComment(makeResult(), { links: LINKS });
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(body).toContain('**5** findings at 0123456789ab: 1 critical, 2 high, 1 medium, 1 info.');
    expect(body).toContain('[job summary](https://github.com/acme/shop/actions/runs/42)');
    await expect(body).toMatchFileSnapshot('./__golden__/comment.md.golden');
  });

  it('says all clear when nothing is left', () => {
    const clean = makeResult([]);
    expect(hasCommentWorthyFindings(clean)).toBe(false);
    const body = renderComment(clean, { links: LINKS });
    expect(body).toContain('all clear');
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
  });

  it('lists the top findings only and stays under 65536 characters', () => {
    const body = renderComment(makeResult(manyFindings(20_000)), {
      links: LINKS,
      topFindings: 5000,
    });
    expect(body.length).toBeLessThan(COMMENT_MAX_CHARS);
    expect(body).toMatch(/…and \d+ more\./);
    const compact = renderComment(makeResult(manyFindings(50)), { links: LINKS });
    expect(
      compact.split('\n').filter((l) => l.startsWith('| 🟥') || l.startsWith('| 🟧')).length,
    ).toBeLessThanOrEqual(10);
    expect(compact).toContain('…and 40 more.');
  });
});

describe('computeOutputs', () => {
  it('gives every output as a string', () => {
    expect(computeOutputs(makeResult(fixtureFindings()), { sarifFile: 'out.sarif' })).toEqual({
      findings: '5',
      critical: '1',
      high: '2',
      medium: '1',
      low: '0',
      info: '1',
      'highest-severity': 'critical',
      failed: 'true',
      'sarif-file': 'out.sarif',
      'report-json': '',
    });
    expect(computeOutputs(makeResult([]))).toMatchObject({
      findings: '0',
      'highest-severity': 'none',
      failed: 'false',
    });
  });
});
