import { beforeEach } from 'vitest';
import { runSecretRules, type RawSecret } from '../../../src/secrets/detect';
import type { SecretRule, TextFile } from '../../../src/secrets/rule';
import { mulberry32, testSeed } from '../../helpers/secret-generators';

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

/** The test file's random source for generated secrets, its seed printed when a test fails. */
export function seededRandom(): () => number {
  const seed = testSeed();
  reportSeedOnFailure(seed);
  return mulberry32(seed);
}

/**
 * Places that hold a generated value on line 3, where Django projects keep tokens: a settings
 * module, a `.env` file, a YAML values file (`name` is the variable or key).
 */
export const inSettings =
  (name: string) =>
  (value: string): TextFile => ({
    path: 'shop/settings.py',
    content: `import os\n\n${name} = "${value}"\n`,
  });
export const inDotenv =
  (name: string) =>
  (value: string): TextFile => ({
    path: '.env',
    content: `# production\nDEBUG=False\n${name}=${value}\n`,
  });
export const inYaml =
  (name: string) =>
  (value: string): TextFile => ({
    path: 'deploy/values.yaml',
    content: `app:\n  env:\n    ${name}: '${value}'\n`,
  });

/** Four surroundings of a token on line 3: Python, `.env`, YAML with a comment, JavaScript. */
export const TOKEN_SURROUNDINGS: readonly ((value: string) => TextFile)[] = [
  (secret) => ({ path: 'mysite/settings.py', content: `import os\n\nTOKEN = "${secret}"\n` }),
  (secret) => ({ path: '.env', content: `# tokens\nDEBUG=1\nTOKEN=${secret}\n` }),
  (secret) => ({
    path: 'deploy/values.yaml',
    content: `app:\n  env:\n    token: '${secret}' # prod\n`,
  }),
  (secret) => ({
    path: 'src/client.js',
    content: `// client\nconst headers = {\n  Authorization: \`Bearer ${secret}\`,\n};\n`,
  }),
];
