/**
 * Names that hold credentials: settings (`SECRET_KEY`, `EMAIL_HOST_PASSWORD`, `DATABASES[…]
 * ['PASSWORD']`), env variables (`DJANGO_SECRET_KEY`, `GITHUB_TOKEN`) and dict keys (`'secret'`).
 * Used to decide which values the redactor must know. Pure.
 *
 * The credential word must end the name: `EMAIL_HOST_PASSWORD` holds one, `PASSWORD_HASHERS`,
 * `AUTH_PASSWORD_VALIDATORS` and `PASSWORD_RESET_TIMEOUT` do not. `SECRET_KEY_FALLBACKS` is the
 * one Django setting that holds keys under another ending.
 */
const CREDENTIAL_NAME =
  /(^|[_.-])(SECRET|SECRETS|PASSWORD|PASSWD|PASS|PWD|TOKEN|KEY|API_?KEY|CREDENTIALS?|DSN)$|^SECRET_KEY_FALLBACKS$/i;

export function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAME.test(name);
}

/** `scheme://user:password@host` → the password (everything up to the last `@`, as urllib does). */
export function urlPasswordsIn(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#\s]*)/g)) {
    const authority = match[1] ?? '';
    const at = authority.lastIndexOf('@');
    if (at <= 0) continue;
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    if (colon === -1) continue;
    const password = userinfo.slice(colon + 1);
    if (password !== '') {
      out.push(password);
      try {
        const decoded = decodeURIComponent(password);
        if (decoded !== password) out.push(decoded);
      } catch {
        // Not valid percent-encoding: the raw form is what is written.
      }
    }
  }
  return out;
}

/**
 * The values of an environment (the production profile, or the runner's own) that the redactor
 * must know: every value under a credential name, the password of every URL, and any value that
 * is long and random enough to be a key whatever its name.
 */
export function secretValuesOfEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): { value: string; pieces: boolean }[] {
  const out: { value: string; pieces: boolean }[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value === '') continue;
    const passwords = urlPasswordsIn(value);
    for (const password of passwords) out.push({ value: password, pieces: true });
    if (passwords.length > 0) out.push({ value, pieces: false });
    else if (isCredentialName(name) || looksRandom(value)) out.push({ value, pieces: true });
  }
  return out;
}

/** Long, mixed and without spaces or path separators: a key or token, not a setting or a path. */
function looksRandom(value: string): boolean {
  if (value.length < 20 || /[\s/]/.test(value)) return false;
  let classes = 0;
  if (/[a-z]/.test(value)) classes++;
  if (/[A-Z]/.test(value)) classes++;
  if (/[0-9]/.test(value)) classes++;
  if (/[^A-Za-z0-9]/.test(value)) classes++;
  return classes >= 3;
}
