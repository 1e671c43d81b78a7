import { PY_LINE_BREAK, isPySpace, pythonTextMode } from './python-text';
import type { DotenvEntry, DotenvParse } from './types';

// django-environ 0.12 (environ/environ.py, Env.read_env).

const ENVIRON_LINE = /^(?:export )?([A-Za-z_0-9]+)=([\s\S]*)$/;
const ENVIRON_SINGLE_QUOTED = /^'([\s\S]*)'$/;
const ENVIRON_DOUBLE_QUOTED = /^"([\s\S]*)"$/;
/**
 * `\A\s*'(.*)'\s*(#.*\s*)?\Z`: the text between the first quote and the LAST quote that only
 * blanks and a comment follow; undefined when there is none. A loop, for the reason above.
 */
function environCommentedSingle(value: string): string | undefined {
  let open = 0;
  while (isPySpace(value[open])) open += 1;
  if (value[open] !== "'") return undefined;
  // tailOk: from i + 1 on, blanks then the end or a `#`.
  let tailOk = true;
  for (let i = value.length - 1; i > open; i--) {
    if (value[i] === "'" && tailOk) return value.slice(open + 1, i);
    tailOk = value[i] === '#' || (isPySpace(value[i]) && tailOk);
  }
  return undefined;
}
const ENVIRON_COMMENT = /^([\s\S]*?)(#[\s\S]*)?$/;

export function parseDjangoEnviron(text: string, parseComments: boolean): DotenvParse {
  const entries: DotenvEntry[] = [];
  const invalidLines: number[] = [];
  // `content.splitlines()`; a final line break does not start another line.
  const lines = pythonTextMode(text).split(PY_LINE_BREAK);
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => {
    const match = ENVIRON_LINE.exec(line);
    if (!match) {
      if (line !== '' && !line.startsWith('#')) invalidLines.push(index + 1);
      return;
    }
    let value = match[2]!;
    if (!parseComments) {
      const single = ENVIRON_SINGLE_QUOTED.exec(value);
      if (single) value = single[1]!;
    } else {
      const single = environCommentedSingle(value);
      if (single !== undefined) value = single;
      else value = ENVIRON_COMMENT.exec(value)?.[1] ?? value;
    }
    const double = ENVIRON_DOUBLE_QUOTED.exec(value);
    // Escapes are undone, except \n, \r and \t, which stay escaped.
    if (double)
      value = double[1]!.replace(/\\([\s\S])/g, (_m, ch: string) =>
        'rnt'.includes(ch) ? `\\${ch}` : ch,
      );
    entries.push({ key: match[1]!, value, line: index + 1 });
  });
  return { entries, invalidLines };
}
