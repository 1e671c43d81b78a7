import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAllAnnotations, selectAnnotations } from '../../src/report/annotations';
import { renderComment } from '../../src/report/comment';
import { computeOutputs } from '../../src/report/outputs';
import { renderSarif } from '../../src/report/sarif';
import { renderSummary } from '../../src/report/summary';
import { fitCheckOutput } from '../../src/github/check-run';
import type { Finding } from '../../src/core/types';
import { RULES, fixtureFindings, makeResult } from './fixtures';

/** A value generated at run time, so the repository never holds anything secret-looking. */
const planted = () => `PLANTED${randomBytes(12).toString('hex')}`;

function renderEverything(findings: Finding[]): string {
  const result = makeResult(findings);
  const links = { serverUrl: 'https://github.com', repository: 'acme/shop', sha: 'a'.repeat(40) };
  const summary = renderSummary(result, RULES, {
    links,
    annotationsNotShown: selectAnnotations(result, RULES).notShown,
  });
  return [
    summary,
    fitCheckOutput(summary),
    renderComment(result, { links }),
    renderSarif(result, RULES, { repositoryUri: 'https://github.com/acme/shop' }),
    JSON.stringify(buildAllAnnotations(result, RULES)),
    JSON.stringify(computeOutputs(result)),
  ].join('\n');
}

const envKey = 'DDG_TEST_PLANTED_VALUE';
afterEach(() => {
  delete process.env[envKey];
});

describe('renderers show only what a finding is meant to show', () => {
  it('never print the secret hash, unknown fields or the environment', () => {
    const hash = planted();
    const extra = planted();
    const fromEnv = planted();
    process.env[envKey] = fromEnv;
    const findings = fixtureFindings().map((finding) =>
      // A field a careless detector might add: it must not reach any report.
      Object.assign({ ...finding, secretHash: hash }, { rawValue: extra, match: extra }),
    );
    const output = renderEverything(findings);
    expect(output).not.toContain(hash);
    expect(output).not.toContain(extra);
    expect(output).not.toContain(fromEnv);
    expect(output).not.toContain('PLANTED');
    // ...while the redacted evidence is shown.
    expect(output).toContain('dj4n… (50 chars)');
  });
});
