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

/** The same pattern, anchored where a candidate scheme starts (see findUrlCredentials). */
const URL_WITH_PASSWORD_AT = new RegExp(URL_WITH_PASSWORD.source, 'iy');

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
 * Every URL with an inline password. Finds each `://` first and tries the pattern only at the
 * scheme before it: running the pattern from every word boundary of a large file cost more than
 * all the other detectors together.
 */
function* matchUrls(text: string): Generator<RegExpExecArray> {
  let from = 0;
  for (let sep = text.indexOf('://', from); sep !== -1; sep = text.indexOf('://', from)) {
    from = sep + 3;
    // Longest run of scheme characters before `://` (at most 21), starting on a letter after a
    // non-word character: the same candidates `\b[a-z][a-z0-9+.-]{1,20}` gives.
    let start = sep;
    while (start > 0 && sep - start < 21 && isSchemeChar(text.charCodeAt(start - 1))) start--;
    for (; start <= sep - 2; start++) {
      if (!isLetter(text.charCodeAt(start))) continue;
      if (start > 0 && isWordChar(text.charCodeAt(start - 1))) continue;
      URL_WITH_PASSWORD_AT.lastIndex = start;
      const match = URL_WITH_PASSWORD_AT.exec(text);
      if (match) {
        yield match;
        from = Math.max(from, URL_WITH_PASSWORD_AT.lastIndex);
      }
      break;
    }
  }
}

export function findUrlCredentials(text: string): UrlCredentials[] {
  const found: UrlCredentials[] = [];
  for (const match of matchUrls(text)) {
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
