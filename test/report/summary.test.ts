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

  it('puts pass/fail and the threshold first, then counts by severity and by source', () => {
    const lines = summary.split('\n');
    expect(lines[0]).toBe('## django-deploy-guard: ❌ failed');
    expect(lines[2]).toMatch(/^\*\*Threshold:\*\* fails on `high` or above\./);
    expect(summary).toContain('| 🟥 critical | 1 |');
    expect(summary).toContain('| Secrets in git history | 1 |');
    expect(summary).toContain('| Settings | 3 |');
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
