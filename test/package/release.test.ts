/** The release checks the workflow runs (scripts/check-release.mjs) and what it relies on. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TOOL_VERSION } from '../../src/version';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const check = (tag: string) =>
  spawnSync(process.execPath, ['scripts/check-release.mjs', tag], { encoding: 'utf8' });

describe('release checks', () => {
  it('the current version has its CHANGELOG section, which becomes the release notes', () => {
    const run = check(`v${version}`);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^### Added$/m);
    expect(run.stdout).not.toMatch(/^## /m);
    expect(TOOL_VERSION).toBe(version);
  });

  it.each([
    ['v9.9.9', /package\.json says .*, the tag says 9\.9\.9/],
    [version, /is not a release tag like v1\.2\.3/],
    ['v1', /is not a release tag/],
  ])('rejects %s', (tag, message) => {
    const run = check(tag);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
  });

  it('the release workflow checks the tag, runs CI, then releases, moves the major tag and publishes', () => {
    const workflow = parse(readFileSync('.github/workflows/release.yml', 'utf8')) as {
      on: { push: { tags: string[] } };
      jobs: Record<string, { needs?: string; steps: { run?: string }[] }>;
    };
    expect(workflow.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+*']);
    const runs = (job: string) => workflow.jobs[job]!.steps.map((s) => s.run ?? '').join('\n');
    expect(runs('verify')).toContain('node scripts/check-release.mjs "$GITHUB_REF_NAME"');
    expect(runs('verify')).toContain('bash .ci/run');
    expect(workflow.jobs.publish?.needs).toBe('verify');
    expect(runs('publish')).toMatch(/gh release create "\$GITHUB_REF_NAME"/);
    expect(runs('publish')).toMatch(/git tag -f "\$major" "\$GITHUB_SHA"/);
    expect(runs('publish')).toMatch(/npm publish --provenance/);
  });
});
