import { uniqueCharCount } from '../entropy';
import { defineSecretRule, type SecretMatch, type TextFile } from '../rule';
import { createLineIndex } from '../text-lines';

const BEGIN = /-----BEGIN ((?:RSA |EC |DSA |ENCRYPTED |OPENSSH )?)PRIVATE KEY-----/g;
/** How far an END marker is looked for; a 16384-bit RSA key in PEM is about 13 KB. */
const MAX_BLOCK = 64 * 1024;
const MIN_BODY = 64;

/**
 * The base64 body of a block: whitespace, escaped newlines (`\n` inside JSON or Python strings),
 * string quoting and RFC 1421 headers (`Proc-Type:`, `DEK-Info:`) removed.
 */
function bodyOf(block: string): string {
  return block
    .replace(/\\[nr]/g, '\n')
    .split(/\r\n|\r|\n/)
    .filter((line) => !line.includes(':'))
    .join('')
    .replace(/["'+,\s]/g, '');
}

export function detectPrivateKeys(file: TextFile): SecretMatch[] {
  const { content } = file;
  const index = createLineIndex(content);
  const matches: SecretMatch[] = [];
  // Next END marker per type, so many BEGIN markers without an END do not rescan the file.
  const nextEnd = new Map<string, number>();
  for (const begin of content.matchAll(BEGIN)) {
    const type = begin[1] ?? '';
    const bodyStart = begin.index + begin[0].length;
    const cached = nextEnd.get(type);
    const endIndex =
      cached !== undefined && (cached === -1 || cached >= bodyStart)
        ? cached
        : content.indexOf(`-----END ${type}PRIVATE KEY-----`, bodyStart);
    nextEnd.set(type, endIndex);
    if (endIndex === -1 || endIndex - bodyStart > MAX_BLOCK) continue;
    const body = bodyOf(content.slice(bodyStart, endIndex));
    // A documentation stub (`...`, `<key>`, `MIIE…`) is not a key: ask for a real base64 body.
    if (body.length < MIN_BODY || !/^[A-Za-z0-9+/=]+$/.test(body) || uniqueCharCount(body) < 16)
      continue;
    matches.push({
      line: index.lineAt(begin.index),
      endLine: index.lineAt(endIndex),
      column: index.columnAt(begin.index),
      secret: body,
      message: `${type.trim() === '' ? '' : `${type.trim()} `}private key block committed`,
    });
  }
  return matches;
}

export const privateKeyCommitted = defineSecretRule({
  id: 'DDG103',
  name: 'private-key-committed',
  severity: 'critical',
  fix: 'Remove the key from the repository, revoke it wherever it is trusted and load a new one from a secret store at runtime.',
  keywords: ['private key-----'],
  detect: detectPrivateKeys,
  docs: {
    summary: 'A PEM or OpenSSH private key is committed.',
    whatItDoes:
      'Finds `-----BEGIN PRIVATE KEY-----` blocks (also RSA, EC, DSA, ENCRYPTED and OPENSSH) that ' +
      'have a matching END marker and a base64 body of at least 64 characters, including keys ' +
      'embedded in JSON or Python strings with `\\n` escapes (e.g. a service-account file). It ' +
      'reports the BEGIN line and the END line. Stubs such as `...` or `<your key>` are ignored.',
    whyBad:
      'A private key proves identity: whoever holds it can sign JWTs, decrypt TLS traffic, log in ' +
      'over SSH, push to deploy targets or impersonate a service account. A key in git is readable ' +
      'by every clone and stays in history after deletion; an ENCRYPTED key is only as strong as ' +
      'its passphrase, which can be attacked offline.',
    badExample: {
      file: 'deploy/jwt-signing.pem',
      content: '{{secret:pem-private-key}}\n',
    },
    goodExample: {
      file: 'deploy/README.md',
      content: [
        'The signing key is mounted from the secret store at /run/secrets/jwt-signing.pem.',
        'It looks like:',
        '',
        '    -----BEGIN PRIVATE KEY-----',
        '    ...',
        '    -----END PRIVATE KEY-----',
        '',
      ].join('\n'),
    },
    useInstead:
      'Keep keys in a secret manager or the platform (Docker/Kubernetes secrets, GitHub Actions ' +
      'secrets, a KMS) and read them from a file path or environment variable at runtime. Revoke ' +
      'and replace a key that was committed.',
    references: [
      'https://datatracker.ietf.org/doc/html/rfc7468',
      'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/reviewing-your-ssh-keys',
      'https://docs.github.com/en/code-security/secret-scanning/working-with-secret-scanning-and-push-protection/remediating-a-leaked-secret',
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/',
    ],
  },
});
