/** Parsers for the env files the settings libraries read (no I/O: text in, pairs out). */

/**
 * django-environ 0.11.2 `Env.read_env`: `[export ]KEY=value` lines; single quotes stripped;
 * double quotes stripped with `\x` unescaped (except \n \r \t kept as escapes); `#` comments are
 * not stripped unless parse_comments. Other lines are ignored.
 */
export function parseDjangoEnvironFile(
  content: string,
  parseComments: boolean,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of content.split(/\r\n|\r|\n/)) {
    const m1 = /^(?:export )?([A-Za-z_0-9]+)=(.*)$/s.exec(line);
    if (!m1) continue;
    const key = m1[1]!;
    let val = m1[2]!;
    if (parseComments) {
      const m = /^\s*('[^']*'|"[^"]*"|[^#]*?)\s*(?:#.*)?$/.exec(val);
      if (m) val = m[1]!;
    }
    const m2 = /^\s*'(.*)'\s*$/s.exec(val);
    if (m2) val = m2[1]!;
    const m3 = /^\s*"(.*)"\s*$/s.exec(val);
    if (m3)
      val = m3[1]!.replace(/\\(.)/g, (_m, ch: string) => ('rnt'.includes(ch) ? `\\${ch}` : ch));
    out.set(key, val);
  }
  return out;
}

/** python-decouple 3.8 RepositoryEnv: `k=v` trimmed, matching outer quotes stripped, `#` lines skipped. */
export function parseDecoupleEnvFile(content: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of content.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || !line.includes('=')) continue;
    const eq = line.indexOf('=');
    const k = line.slice(0, eq).trim();
    let v = line.slice(eq + 1).trim();
    if (
      v.length >= 2 &&
      ((v.startsWith("'") && v.endsWith("'")) || (v.startsWith('"') && v.endsWith('"')))
    )
      v = v.slice(1, -1);
    out.set(k, v);
  }
  return out;
}

/**
 * python-decouple RepositoryIni: the `[settings]` section of settings.ini via configparser
 * (keys are case-insensitive, stored lower-cased; `key = value` or `key: value`; continuation
 * lines; `#`/`;` full-line comments).
 */
export function parseDecoupleIni(content: string): Map<string, string> {
  const out = new Map<string, string>();
  let inSettings = false;
  let lastKey: string | undefined;
  for (const raw of content.split(/\r\n|\r|\n/)) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === '') {
      lastKey = undefined;
      continue;
    }
    const section = /^\s*\[([^\]]+)\]/.exec(raw);
    if (section) {
      inSettings = section[1]!.trim() === 'settings';
      lastKey = undefined;
      continue;
    }
    if (!inSettings) continue;
    if (/^\s/.test(raw) && lastKey !== undefined) {
      out.set(lastKey, `${out.get(lastKey)}\n${raw.trim()}`);
      continue;
    }
    const m = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!m) continue;
    lastKey = m[1]!.trim().toLowerCase();
    out.set(lastKey, m[2]!.trim());
  }
  return out;
}

/**
 * python-dotenv (1.x) `.env` syntax, simplified: `[export ]KEY=value`; single-quoted values are
 * literal; double-quoted values unescape `\n`, `\t`, `\"`, `\\`; unquoted values end at ` #`
 * and are trimmed. `${VAR}` / `${VAR:-default}` expand from `lookup` (interpolate=True), except
 * inside single quotes.
 */
export function parsePythonDotenv(
  content: string,
  lookup: (name: string) => string | undefined,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of content.split(/\r\n|\r|\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!m) continue;
    const key = m[1]!;
    let value = m[2]!;
    let expand = true;
    if (value.startsWith("'")) {
      const end = value.indexOf("'", 1);
      value = end === -1 ? value.slice(1) : value.slice(1, end);
      expand = false;
    } else if (value.startsWith('"')) {
      const body = /^"((?:[^"\\]|\\.)*)"/.exec(value)?.[1] ?? value.slice(1);
      value = body.replace(/\\([nt"\\])/g, (_m, ch: string) =>
        ch === 'n' ? '\n' : ch === 't' ? '\t' : ch,
      );
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    if (expand)
      value = value.replace(
        /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
        (_m, name: string, dflt?: string) => {
          return out.get(name) ?? lookup(name) ?? dflt ?? '';
        },
      );
    out.set(key, value);
  }
  return out;
}
