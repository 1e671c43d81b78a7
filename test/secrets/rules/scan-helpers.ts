import { beforeEach } from 'vitest';
import { runSecretRules, type RawSecret } from '../../../src/secrets/detect';
import type { SecretRule, TextFile } from '../../../src/secrets/rule';

/** Runs one rule the way the pipeline does (path filter, keyword prefilter, detector). */
export function scanWith(rule: SecretRule, file: TextFile): RawSecret[] {
  return runSecretRules(file, [rule]);
}

/** `[line, severity]` pairs, the shape most rule tests assert on. */
export function linesAndSeverities(rule: SecretRule, file: TextFile): [number, string][] {
  return scanWith(rule, file).map((raw) => [raw.match.line, raw.severity]);
}

export function toCrlf(content: string): string {
  return content.replace(/\r?\n/g, '\r\n');
}

/** Prints the secret seed when a test of this file fails, so the generated data can be replayed. */
export function reportSeedOnFailure(seed: number): void {
  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => console.log(`secret seed: ${seed} (set SECRET_SEED=${seed} to reproduce)`));
  });
}
