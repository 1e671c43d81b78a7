// Builds the committed bundles: dist/index.js (the action) and dist/cli/index.js (the CLI), each
// with history-worker.js beside it.
// Both must run with no node_modules present, so everything is bundled by ncc. Types are
// checked by `tsc --noEmit` (CI's types step); here ncc only transpiles.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';

const ncc = ['node_modules/@vercel/ncc/dist/ncc/cli.js'];
const build = (entry, out) =>
  execFileSync(
    process.execPath,
    [...ncc, 'build', entry, '-o', out, '--target', 'es2022', '--transpile-only', '-q'],
    { stdio: 'inherit' },
  );
rmSync('dist', { recursive: true, force: true });
build('src/action/index.ts', 'dist');
build('src/cli/index.ts', 'dist/cli');
// The history scan's worker threads load a bundle of their own, found beside the bundle that
// starts them (src/history/scan-workers.ts): one copy for the action, one for the CLI.
const worker = mkdtempSync(join(tmpdir(), 'ddg-history-worker-'));
try {
  build('src/history/scan-worker.ts', worker);
  for (const dir of ['dist', 'dist/cli'])
    copyFileSync(join(worker, 'index.js'), join(dir, 'history-worker.js'));
} finally {
  rmSync(worker, { recursive: true, force: true });
}
// The CLI is run as `django-deploy-guard` through package.json `bin`: it needs a shebang.
const cli = 'dist/cli/index.js';
const code = readFileSync(cli, 'utf8');
if (!code.startsWith('#!')) writeFileSync(cli, `#!/usr/bin/env node\n${code}`, { mode: 0o755 });
