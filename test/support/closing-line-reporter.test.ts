/**
 * The closing line CI reads, from a real vitest run of a small suite: a file whose `beforeAll`
 * throws (as a missing oracle did) is a failure in the line, not a row of skipped tests, and the
 * exit code agrees with it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../parity/oracle';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function runSuite(files: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ddg-reporter-'));
  dirs.push(dir);
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  writeFileSync(
    path.join(dir, 'vitest.config.ts'),
    `import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { include: ['*.test.ts'], reporters: [${JSON.stringify(path.join(REPO_ROOT, 'test/support/closing-line-reporter.ts'))}] } });\n`,
  );
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const run = spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, 'node_modules/vitest/vitest.mjs'), 'run'],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env, CI: '1', NO_COLOR: '1' } },
  );
  const lines = run.stdout.trim().split('\n');
  return { code: run.status, lines, closing: lines.find((l) => /^\d+ passed, /.test(l)) };
}

const PASSING = `import { expect, it } from 'vitest';
it('passes', () => expect(1).toBe(1));
it.skip('is skipped on purpose', () => {});
`;

it('counts the tests of a file whose beforeAll threw as failed, and exits 1', () => {
  const run = runSuite({
    'a.test.ts': PASSING,
    'b.test.ts': `import { beforeAll, expect, it } from 'vitest';
beforeAll(() => { throw new Error('the oracle is not installed'); });
it('one', () => expect(1).toBe(1));
it('two', () => expect(1).toBe(1));
it.skip('skipped on purpose', () => {});
`,
  });
  expect(run.closing).toBe('1 passed, 2 failed, 2 skipped');
  expect(run.code).toBe(1);
});

it('says 0 failed and exits 0 when nothing failed, listing the oracle groups that were skipped', () => {
  const run = runSuite(
    { 'a.test.ts': PASSING },
    {
      DDG_ORACLES_UNAVAILABLE: JSON.stringify({
        'pre-commit': 'the Debian archive cannot be reached',
      }),
    },
  );
  expect(run.closing).toBe('1 passed, 0 failed, 1 skipped');
  expect(run.lines.at(-1)).toBe(
    'skipped: the pre-commit oracle tests (the Debian archive cannot be reached)',
  );
  expect(run.code).toBe(0);
});
