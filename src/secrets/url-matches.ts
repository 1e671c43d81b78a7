import { describeDefaultCredential, judgeUrlCredentials } from './default-credentials';
import type { SecretMatch, TextFile } from './rule';
import { createLineIndex } from './text-lines';
import { findUrlCredentials, passwordMaskValues, unquoteUrlPart } from './url-credentials';

/**
 * Matches for every URL with an inline password whose scheme is in `schemes`, judged by the one
 * default-credential judgement: stand-ins are skipped, defaults carry their own severity and say
 * so. The secret is the whole percent-decoded password; the message names the scheme and the host
 * (everything after the password's last `@`), never a part of the password.
 */
export function detectUrlPasswords(file: TextFile, schemes: ReadonlySet<string>): SecretMatch[] {
  const index = createLineIndex(file.content);
  const matches: SecretMatch[] = [];
  for (const credentials of findUrlCredentials(file.content)) {
    if (!schemes.has(credentials.scheme) && !schemes.has(withoutDriver(credentials.scheme)))
      continue;
    const verdict = judgeUrlCredentials(credentials);
    if (verdict.kind === 'placeholder') continue;
    const match: SecretMatch = {
      line: index.lineAt(credentials.passwordIndex),
      column: index.columnAt(credentials.index),
      secret: unquoteUrlPart(credentials.password),
      maskValues: passwordMaskValues(credentials),
      message: `${credentials.scheme} URL with an inline password${
        verdict.kind === 'default' ? ` (${describeDefaultCredential(verdict)})` : ''
      }${credentials.host === '' ? ' and no host' : ` for host ${credentials.host}`}`,
    };
    if (verdict.kind === 'default') {
      match.severity = verdict.severity;
      match.defaultCredential = true;
    }
    matches.push(match);
  }
  return matches;
}

/**
 * SQLAlchemy's `dialect+driver` schemes (`postgresql+psycopg2`, `mysql+pymysql`,
 * `mssql+pyodbc`): the dialect is the scheme. `redis+sentinel` and `mongodb+srv` are listed whole.
 * https://docs.sqlalchemy.org/en/20/core/engines.html#database-urls
 */
function withoutDriver(scheme: string): string {
  const plus = scheme.indexOf('+');
  return plus === -1 ? scheme : scheme.slice(0, plus);
}
