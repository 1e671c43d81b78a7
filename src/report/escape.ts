/**
 * Escaping for every place scanned content reaches a human: workflow-command annotations, plain
 * log lines, and GitHub-flavoured markdown (job summary, PR comment, check run).
 *
 * Scanned repositories are untrusted (a pull request from a stranger), so a file name or a
 * message must never become a workflow command, a mention, an image or a broken table.
 */

/** Line breaks the runner or a markdown renderer may honour, beyond `\n`. */
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;

// C0/C1 controls except \t and \n, bidi overrides and isolates that can disguise text ("Trojan
// Source"), the bidi marks (LRM, RLM, ALM) that reorder it too, and the BOM (zero-width).
const UNSAFE_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** U+200B is not whitespace to .NET's `Trim()`, so the runner can't strip it before matching `::`. */
const ZERO_WIDTH_SPACE = '\u200b';

/** Normalises line breaks to `\n` and drops control and bidi-override characters. */
export function stripUnsafeCharacters(text: string): string {
  return text.replace(LINE_BREAKS, '\n').replace(UNSAFE_CHARACTERS, '');
}

/**
 * Makes text safe to print on its own line of the job log (e.g. via `core.info`, which writes raw):
 * one line, and it can never start a workflow command (`::name::`) or a legacy `##[` command.
 * The runner only parses a command at the start of a line (after trimming whitespace):
 * https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs
 */
export function escapeLogLine(text: string): string {
  const oneLine = stripUnsafeCharacters(text).replace(/\n/g, ' ');
  return neutraliseCommandStart(oneLine);
}

/**
 * The message of an annotation printed through `core.error/warning/notice`. `@actions/core` already
 * percent-encodes `%`, `\r` and `\n` in the message (so `%0A::error::` stays literal text); we
 * additionally drop control characters and keep every line from looking like a command, so the
 * message is safe even if it is ever printed by something other than `@actions/core`.
 */
export function escapeAnnotationMessage(text: string): string {
  return stripUnsafeCharacters(text).split('\n').map(neutraliseCommandStart).join('\n');
}

/**
 * A property value (`file`, `title`) of an annotation. `@actions/core` percent-encodes `%`, `\r`,
 * `\n`, `:` and `,` in properties, which the runner decodes; here we only make sure the value is
 * one line without control characters and is never empty (core drops empty properties).
 */
export function escapeAnnotationProperty(text: string): string {
  const oneLine = stripUnsafeCharacters(text).replace(/\n/g, ' ').trim();
  return oneLine === '' ? '(unnamed)' : oneLine;
}

function neutraliseCommandStart(line: string): string {
  return /^\s*(::|##\[)/.test(line) ? ZERO_WIDTH_SPACE + line : line;
}

/**
 * Inline markdown text from scanned content: usable in a table cell, a list item or link text.
 * Backslash-escapes CommonMark punctuation that could start markup (links, images, emphasis,
 * code, HTML, table pipes), entity-encodes `@` so no user or team is mentioned, and joins lines.
 * https://spec.commonmark.org/0.31.2/#backslash-escapes
 * https://github.github.com/gfm/#tables-extension-
 */
export function escapeMarkdown(text: string): string {
  return stripUnsafeCharacters(text)
    .replace(/\n+/g, ' ')
    .replace(/[\\`*_[\]<>|!~#]/g, (character) => `\\${character}`)
    .replace(/&/g, '&amp;')
    .replace(/@/g, '&#64;')
    .replace(/:\/\//g, '&#58;//');
}

/**
 * A path inside the repository, whatever a tree entry was named: `.` and empty segments dropped,
 * `..` resolved and never above the top (git's trees accept `..` entries, so history can name
 * `x/../../../etc/passwd.env`; a report must not point a viewer outside the checkout).
 */
export function repositoryRelativePath(path: string): string {
  const kept: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') kept.pop();
    else kept.push(segment);
  }
  return kept.length > 0 ? kept.join('/') : '(repository root)';
}

/** Percent-encodes a repository path for use in a URL (and inside a markdown link destination). */
export function encodePathForUrl(path: string): string {
  return path
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
}

/** Cuts text to at most `max` code units without splitting a surrogate pair; adds `…` when cut. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
