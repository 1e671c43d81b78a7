/**
 * Minimal glob matching for `exclude` patterns: `**` (any depth, including none), `*` (within a
 * path segment), `?`, `{a,b}` alternatives and `[...]` classes. A pattern without `/` matches at
 * any depth (like .gitignore), and a pattern matching a directory excludes everything under it.
 */
export function globToRegExp(pattern: string): RegExp {
  let p = pattern.trim().replace(/^\.\//, '');
  const anchored = p.includes('/') && !p.startsWith('**/');
  if (p.startsWith('/')) p = p.slice(1);
  if (p.endsWith('/')) p += '**';
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (ch === '*') {
      if (p[i + 1] === '*') {
        const slashAfter = p[i + 2] === '/';
        re += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else {
        re += '[^/]*';
      }
    } else if (ch === '?') {
      re += '[^/]';
    } else if (ch === '{') {
      const close = p.indexOf('}', i);
      if (close === -1) {
        re += '\\{';
      } else {
        const alternatives = p
          .slice(i + 1, close)
          .split(',')
          .map(escapeRegExp);
        re += `(?:${alternatives.join('|')})`;
        i = close;
      }
    } else if (ch === '[') {
      const close = p.indexOf(']', i);
      if (close === -1) re += '\\[';
      else {
        re += `[${p
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else {
      re += escapeRegExp(ch);
    }
  }
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${re}(?:/.*)?$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function matchesAnyGlob(path: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((re) => re.test(path));
}
