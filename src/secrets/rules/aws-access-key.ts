import { isPlaceholderValue } from '../placeholders';
import { defineSecretRule, type SecretMatch, type TextFile } from '../rule';
import { createLineIndex } from '../text-lines';

/** Access key ids: `AKIA` (long-term) and `ASIA` (STS temporary), 20 characters. */
export const AWS_ACCESS_KEY_ID_PATTERN = /(?<![A-Z0-9])((?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Z0-9])/g;
/**
 * `aws_secret_access_key = …`, `AWS_SECRET_ACCESS_KEY: …`, `"SecretAccessKey": "…"`, and the
 * literal default of an env read of that name, on the same line or the next few
 * (`env("AWS_SECRET_ACCESS_KEY", default="…")`): the first 40-character base64 word after the
 * name, within 200 characters.
 */
const SECRET_ACCESS_KEY =
  /(?:aws_?secret_?access_?key|secret_?access_?key|aws_?secret_?key)(?:[^\n]|\n(?!\s*\n)){0,200}?(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;
/** The documented examples (https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html). */
const DOCUMENTED_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
]);

export function detectAwsAccessKeys(file: TextFile): SecretMatch[] {
  const index = createLineIndex(file.content);
  const secrets = Array.from(file.content.matchAll(SECRET_ACCESS_KEY), (match) => ({
    value: match[1] ?? '',
    line: index.lineAt(match.index),
  })).filter(
    ({ value }) =>
      // Base64 of random bytes mixes cases; a 40-character hex digest (a git sha) does not.
      /[A-Z]/.test(value) &&
      /[a-z]/.test(value) &&
      !DOCUMENTED_EXAMPLES.has(value) &&
      !isPlaceholderValue(value),
  );
  const matches: SecretMatch[] = [];
  for (const match of file.content.matchAll(AWS_ACCESS_KEY_ID_PATTERN)) {
    const id = match[1] ?? '';
    if (DOCUMENTED_EXAMPLES.has(id) || id.endsWith('EXAMPLE') || isPlaceholderValue(id.slice(4)))
      continue;
    const line = index.lineAt(match.index);
    // Pair with the nearest secret access key in the same file (credentials files list them together).
    const paired = secrets.reduce<(typeof secrets)[number] | undefined>(
      (best, candidate) =>
        !best || Math.abs(candidate.line - line) < Math.abs(best.line - line) ? candidate : best,
      undefined,
    );
    matches.push({
      line,
      column: index.columnAt(match.index),
      secret: paired ? `${id}:${paired.value}` : id,
      // The pair is the identity; each half is what a log could show.
      maskValues: paired ? [id, paired.value] : [id],
      // An id with its secret next to it is a usable credential pair, wherever it sits.
      ...(paired ? { validated: true } : {}),
      message: paired
        ? `AWS ${id.startsWith('ASIA') ? 'temporary ' : ''}access key id with its secret access key (line ${paired.line}) in the same file`
        : `AWS ${id.startsWith('ASIA') ? 'temporary ' : ''}access key id`,
    });
  }
  return matches;
}

export const awsAccessKey = defineSecretRule({
  id: 'DDG105',
  name: 'aws-access-key',
  severity: 'critical',
  fix: 'Deactivate the key in IAM, rotate it, and let the workload get credentials from its role (or the environment) instead of the code.',
  keywords: ['akia', 'asia'],
  detect: detectAwsAccessKeys,
  // A hit is an id (on a line holding `AKIA`/`ASIA`), kept or dropped by itself; the secret paired
  // with it is the nearest in the whole file.
  scope: () => ({ kind: 'keyword-hits' }),
  docs: {
    summary: 'An AWS access key id (and possibly its secret) is committed.',
    whatItDoes:
      'Finds AWS access key ids (`AKIA…` long-term and `ASIA…` temporary, 20 characters) ' +
      'anywhere in a file. When the same file also holds a 40-character ' +
      '`aws_secret_access_key` / `AWS_SECRET_ACCESS_KEY` (assigned, or the literal default of an ' +
      'env read of that name), the finding says so and covers both ' +
      '(the pair is what grants access). The documented example `AKIAIOSFODNN7EXAMPLE` is ignored.',
    whyBad:
      'With the key id and secret, anyone can call AWS as that IAM user: read S3 buckets (often ' +
      'the media and backups of a Django site), run up compute bills or delete resources. ' +
      'Automated scanners harvest keys from public repositories within minutes.',
    badExample: {
      file: 'config/settings/production.py',
      content: [
        'AWS_ACCESS_KEY_ID = "{{secret:aws-access-key-id}}"',
        'AWS_SECRET_ACCESS_KEY = "{{secret:aws-secret-access-key}}"',
        'AWS_STORAGE_BUCKET_NAME = "media"',
        '',
      ].join('\n'),
    },
    goodExample: {
      file: 'config/settings/production.py',
      content: [
        'import environ',
        '',
        'env = environ.Env()',
        '',
        '# Credentials come from the instance role; only the bucket is configured here.',
        'AWS_STORAGE_BUCKET_NAME = env("DJANGO_AWS_STORAGE_BUCKET_NAME")',
        '',
      ].join('\n'),
    },
    useInstead:
      'Use IAM roles (instance profiles, ECS task roles, IRSA, GitHub OIDC) so no long-term key ' +
      'exists; otherwise pass `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` through the environment ' +
      'from a secret store. Deactivate and delete any key that was committed.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
      'https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html',
    ],
  },
});
