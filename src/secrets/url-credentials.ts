/**
 * `scheme://user:password@host` in any text, split the way Python's `urllib.parse.urlsplit` (and
 * so dj-database-url, django-environ and dj-email-url) splits it: the authority runs from `//` to
 * the first `/`, `?` or `#`; the userinfo is everything before the LAST `@` of the authority; the
 * user is the userinfo up to its first `:`, the password everything after it. So a raw `@` or
 * `:` belongs to the password (`app:Kx7f@Wd9p@db` is user `app`, password `Kx7f@Wd9p`, host
 * `db`), and a raw `#` ends the URL's authority before any `@`: Python then sees no password at
 * all. test/secrets/url-credentials.test.ts checks this against Debian's python3.
 * https://docs.python.org/3/library/urllib.parse.html#urllib.parse.urlsplit
 */

export interface UrlCredentials {
  /** Lower-cased. */
  scheme: string;
  user: string;
  /** As written (still percent-encoded). */
  password: string;
  /** Host without port or brackets, lower-cased, as `urlsplit(...).hostname` (may be empty). */
  host: string;
  /** The path after the authority without its leading `/` (the database name), up to `?`/`#`. */
  path: string;
  /** Offset of the scheme in the searched text. */
  index: number;
  /** Offset of the password. */
  passwordIndex: number;
  /** Offset just past the URL's authority. */
  end: number;
}

const isSchemeChar = (code: number) =>
  (code >= 97 && code <= 122) ||
  (code >= 65 && code <= 90) ||
  (code >= 48 && code <= 57) ||
  code === 43 ||
  code === 45 ||
  code === 46;
const isLetter = (code: number) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
const isWordChar = (code: number) => isSchemeChar(code) || code === 95;

/**
 * Characters that end a URL's authority: `/`, `?`, `#` (RFC 3986 and urlsplit) and, for a URL
 * embedded in text, whitespace, quotes, angle brackets (`"…"`, `<…>`) and a backslash (an escaped
 * quote in JSON or Python). A password may hold any other character, `)`, `,` and `;` included.
 */
const AUTHORITY_END = new Set([...'/?#\'"`<>\\'].map((char) => char.charCodeAt(0)));
const isAuthorityEnd = (code: number): boolean =>
  code <= 32 || AUTHORITY_END.has(code) || (code > 127 && /\s/.test(String.fromCharCode(code)));
/** The longest authority looked at; longer runs are not URLs a project writes. */
const MAX_AUTHORITY = 512;

/**
 * Every URL with an inline password. Finds each `://` first and takes the scheme before it: the
 * longest run of scheme characters (at most 21) that starts with a letter after a non-word
 * character, as `\b[a-z][a-z0-9+.-]{1,20}://` would.
 */
export function findUrlCredentials(text: string): UrlCredentials[] {
  const found: UrlCredentials[] = [];
  let from = 0;
  let nextAt = -2;
  for (let sep = text.indexOf('://', from); sep !== -1; sep = text.indexOf('://', from)) {
    from = sep + 3;
    let start = sep;
    while (start > 0 && sep - start < 21 && isSchemeChar(text.charCodeAt(start - 1))) start--;
    while (
      start <= sep - 2 &&
      (!isLetter(text.charCodeAt(start)) || (start > 0 && isWordChar(text.charCodeAt(start - 1))))
    )
      start++;
    if (start > sep - 2) continue;
    const authorityStart = sep + 3;
    let end = authorityStart;
    const limit = Math.min(text.length, authorityStart + MAX_AUTHORITY);
    // Userinfo needs an `@`: most URLs have none near, and a text with none left has no more.
    // The next `@` is remembered, so the text is searched for it once, not once per URL.
    if (nextAt < authorityStart) nextAt = text.indexOf('@', authorityStart);
    if (nextAt === -1) break;
    if (nextAt >= limit) continue;
    while (end < limit && !isAuthorityEnd(text.charCodeAt(end))) end++;
    const authority = text.slice(authorityStart, end);
    const at = authority.lastIndexOf('@');
    if (at === -1) continue;
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    if (colon === -1) continue;
    const password = userinfo.slice(colon + 1);
    if (password === '') continue;
    const hostPort = authority.slice(at + 1);
    const host = hostPort.startsWith('[')
      ? hostPort.slice(1, Math.max(1, hostPort.indexOf(']')))
      : (hostPort.split(':')[0] ?? '');
    // urlsplit lower-cases the host but keeps an IPv6 zone id (`%eth0`) as written.
    const zone = host.indexOf('%');
    const pathMatch =
      text[end] === '/' ? /^\/([^?#\s'"`<>\\]*)/.exec(text.slice(end, end + 256)) : null;
    found.push({
      scheme: text.slice(start, sep).toLowerCase(),
      user: userinfo.slice(0, colon),
      password,
      host: zone === -1 ? host.toLowerCase() : host.slice(0, zone).toLowerCase() + host.slice(zone),
      path: pathMatch?.[1] ?? '',
      index: start,
      passwordIndex: authorityStart + colon + 1,
      end,
    });
    from = Math.max(from, end);
  }
  return found;
}

/**
 * `urllib.parse.unquote`: each run of `%XX` escapes is decoded as UTF-8 with invalid bytes
 * replaced by U+FFFD (Python's `errors='replace'`); malformed escapes stay as they are (JavaScript's
 * `decodeURIComponent` would reject the whole string instead).
 */
export function unquoteUrlPart(value: string): string {
  if (!value.includes('%')) return value;
  const decoder = new TextDecoder('utf-8');
  return value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) =>
    decoder.decode(Uint8Array.from(run.slice(1).split('%'), (hex) => Number.parseInt(hex, 16))),
  );
}

/** The values a URL password must be masked as: decoded, and as written when that differs. */
export function passwordMaskValues(credentials: UrlCredentials): string[] {
  const decoded = unquoteUrlPart(credentials.password);
  return decoded === credentials.password ? [decoded] : [decoded, credentials.password];
}
