import { execFileSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  mkdtempSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const workDir = mkdtempSync(join(tmpdir(), 'ddg-multitool-'));

/**
 * The Multitool's own postinstall (`chmod u+x`) does not run under npm's allowScripts, so make the
 * binary executable here; this works the same on a fresh `npm ci`.
 */
function multitoolPath(): string {
  const require = createRequire(import.meta.url);
  const binary = join(
    require.resolve('@microsoft/sarif-multitool-linux/package.json'),
    '..',
    'Sarif.Multitool',
  );
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    chmodSync(binary, statSync(binary).mode | 0o100);
  }
  return binary;
}

export interface ValidationResult {
  ruleId: string;
  level: string;
  message: string;
}

/** Runs `Sarif.Multitool validate` with GitHub's and SARIF's rules; returns its results. */
export function validateWithMultitool(name: string, content: string): ValidationResult[] {
  const input = join(workDir, `${name}.sarif`);
  const output = join(workDir, `${name}.validation.sarif`);
  writeFileSync(input, content);
  execFileSync(
    multitoolPath(),
    ['validate', input, '--rule-kind', 'Gh;Sarif', '--output', output, '--log', 'ForceOverwrite'],
    {
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
      stdio: 'pipe',
      timeout: 120_000,
    },
  );
  const log = JSON.parse(readFileSync(output, 'utf8').replace(/^\uFEFF/, '')) as {
    runs: {
      results?: {
        ruleId: string;
        level?: string;
        message: { id?: string; arguments?: string[] };
      }[];
    }[];
  };
  return (log.runs[0]?.results ?? []).map((r) => ({
    ruleId: r.ruleId,
    // SARIF's default level is "warning".
    level: r.level ?? 'warning',
    message: `${r.message.id ?? ''} ${(r.message.arguments ?? []).join(' | ')}`,
  }));
}
