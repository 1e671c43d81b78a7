// Builds the two committed bundles: dist/index.js (the action) and dist/cli/index.js (the CLI).
// Both must run with no node_modules present, so everything is bundled by ncc. Types are
// checked by `tsc --noEmit` (CI's types step); here ncc only transpiles.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import process from 'node:process';

const ncc = ['node_modules/@vercel/ncc/dist/ncc/cli.js'];
rmSync('dist', { recursive: true, force: true });
for (const [entry, out] of [
  ['src/action/index.ts', 'dist'],
  ['src/cli/index.ts', 'dist/cli'],
]) {
  execFileSync(
    process.execPath,
    [...ncc, 'build', entry, '-o', out, '--target', 'es2022', '--transpile-only', '-q'],
    {
      stdio: 'inherit',
    },
  );
}
// The CLI is run as `django-deploy-guard` through package.json `bin`: it needs a shebang.
const cli = 'dist/cli/index.js';
const code = readFileSync(cli, 'utf8');
if (!code.startsWith('#!')) writeFileSync(cli, `#!/usr/bin/env node\n${code}`, { mode: 0o755 });
