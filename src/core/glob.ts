import picomatch from 'picomatch';

/**
 * `exclude` patterns, matched with picomatch (https://github.com/micromatch/picomatch): `*` and
 * `?` within a path segment, `**` across segments, `{a,b}` alternatives (nested too), `{1..3}`
 * ranges, `[abc]`, `[a-z]`, `[!a]` and `[[:alpha:]]` classes, `\` escapes, and extglobs such as
 * `@(a|b)` (so a literal `(` or `)` needs a `\`). On top of picomatch, the .gitignore-like rules
 * the README documents:
 * - a pattern without `/` matches at any depth (`*.env` is `**\/*.env`);
 * - a pattern with `/` is relative to the scanned path (a leading `/` or `./` changes nothing);
 * - a pattern ending in `/` is a directory, and a pattern that matches a directory excludes
 *   everything under it (`docs/` and `docs` both exclude `docs/a/b.md`);
 * - dotfiles match like any other file (`*` matches `.env`).
 * A pattern picomatch cannot compile (`[z-a]`), an unclosed `[`, `{` or `(`, and a leading `!`
 * (negation would exclude everything else; `!(…)` is an extglob and fine) are errors, reported as
 * configuration errors.
 */

export type GlobMatcher = (path: string) => boolean;

export type GlobCompilation = { ok: true; matches: GlobMatcher } | { ok: false; reason: string };

const OPTIONS: picomatch.PicomatchOptions = {
  dot: true,
  // `[!a]` and POSIX classes as in a shell; without it picomatch reads `[!a]` as `!` or `a`.
  posix: true,
  windows: false,
  // Unclosed brackets, braces and parentheses are errors, not literal characters.
  strictBrackets: true,
  // Throw when the pattern makes an invalid regular expression, instead of matching nothing.
  debug: true,
};

/** Compiles an `exclude` pattern; says what is wrong with it instead of throwing. */
export function tryCompileGlob(pattern: string): GlobCompilation {
  let p = pattern.trim();
  if (p === '') return { ok: false, reason: 'an empty pattern' };
  if (p.startsWith('!') && !p.startsWith('!(')) {
    return {
      ok: false,
      reason: "negation ('!…') is not supported: list only the paths to exclude",
    };
  }
  p = p.replace(/^\.\//, '');
  const anchored = p.includes('/');
  p = p.replace(/^\/+/, '');
  if (p.endsWith('/')) p = p.replace(/\/+$/, '');
  if (p === '') return { ok: false, reason: 'a pattern that names no path' };
  if (!anchored && !p.startsWith('**/')) p = `**/${p}`;
  let isMatch: (path: string) => boolean;
  try {
    isMatch = picomatch(p, OPTIONS);
  } catch (error) {
    return { ok: false, reason: (error as Error).message.split('\n')[0] ?? 'invalid pattern' };
  }
  return {
    ok: true,
    matches: (path) => isMatch(path) || ancestorsOf(path).some((dir) => isMatch(dir)),
  };
}

/** `a/b/c.py` → `a`, `a/b`. */
function ancestorsOf(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

export function matchesAnyGlob(path: string, matchers: readonly GlobMatcher[]): boolean {
  return matchers.some((matches) => matches(path));
}
