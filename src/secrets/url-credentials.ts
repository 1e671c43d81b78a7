/**
 * `scheme://user:password@host` in any text. RFC 3986 keeps `/`, `?` and `#` out of the userinfo
 * (URL parsers such as dj-database-url's split there), so the password stops at them too. The
 * character classes are disjoint around each delimiter (`:` ends the user, `@` ends the
 * password), so matching stays linear.
 */
export const URL_WITH_PASSWORD =
  /\b([a-z][a-z0-9+.-]{1,20}):\/\/([^\s:/@'"`<>]*):([^\s@/?#'"`<>]+)@(\[[0-9a-f:.]+\]|[^\s/:'"`<>?#,;@)]+)/gi;

export interface UrlCredentials {
  scheme: string;
  user: string;
  password: string;
  host: string;
  /** Offset of the scheme in the searched text. */
  index: number;
  /** Offset of the password. */
  passwordIndex: number;
}

export function findUrlCredentials(text: string): UrlCredentials[] {
  const found: UrlCredentials[] = [];
  for (const match of text.matchAll(URL_WITH_PASSWORD)) {
    const scheme = match[1] ?? '';
    const user = match[2] ?? '';
    const password = match[3] ?? '';
    found.push({
      scheme: scheme.toLowerCase(),
      user,
      password,
      host: (match[4] ?? '').toLowerCase(),
      index: match.index,
      passwordIndex: match.index + scheme.length + 3 + user.length + 1,
    });
  }
  return found;
}

/** Percent-decoding that never throws on malformed escapes. */
export function tryDecodeUriComponent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
