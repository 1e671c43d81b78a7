import { compareSeverity, type Severity } from '../core/types';
import { isDotenvPath } from './dotenv-files';
import { isCiPath, isDocsPath, isTestPath, isVendoredPath } from './path-context';
import type { HitContext, SecretMatch, SecretRule } from './rule';
import { baseNameOf } from './text-lines';

/**
 * The context that decides how much a detector hit matters, whatever the detector: a value on a
 * commented-out line, in test code or fixtures, in CI configuration, in documentation or in
 * committed third-party code is at most `low`, and its message says why. `runSecretRules` applies this to
 * every hit; the hit keeps both severities (`severity` capped, `uncappedSeverity` not) and the
 * contexts, so a later step can raise a value that is also found outside tests.
 */

/**
 * Contexts that cap every rule's hits, unless the value passes its format's own validation
 * (`SecretMatch.validated`): a real token does not become harmless because it sits in a test. An
 * example in documentation is `low` too, wherever the page sits (a page is docs by its extension);
 * the same value also found in code or config is raised back by the merge (`uncappedSeverity`).
 */
const ALWAYS_CAPPED: readonly HitContext[] = ['comment', 'test', 'vendored', 'docs', 'marked-fake'];

const CONTEXT_WORDS: Record<HitContext, string> = {
  comment: 'on a commented-out line',
  test: 'in test code or fixtures',
  ci: 'in CI configuration',
  docs: 'in documentation',
  vendored: 'in committed third-party code',
  'marked-fake': 'marked as fake or for testing by the comment above it',
};

/**
 * A comment saying the values below are made up: `# WARNING: FAKE credentials for testing
 * purposes only`, `// dummy key, not real`, `# example values`.
 */
const FAKE_MARKER =
  /^\s*(?:#|\/\/|;|--|\/?\*)[^\n]{0,200}?\b(?:fake|dummy|not real|for testing|testing purposes|test only|example values?|sample values?)\b/i;

/** How far above a hit a marker comment may sit: a comment block and a few values under it. */
export const FAKE_BLOCK_LINES = 8;

/**
 * Whether a comment that marks values as fake heads the block the hit is in: the marker sits
 * above it with no blank line between (saleor: the marker, a second comment line, then three
 * values). A blank line ends what the comment vouches for. `line` is 1-based.
 */
export function isMarkedFake(lines: readonly string[], line: number): boolean {
  for (let i = line - 2; i >= 0 && i >= line - 1 - FAKE_BLOCK_LINES; i--) {
    const text = lines[i] ?? '';
    if (text.trim() === '') return false;
    if (FAKE_MARKER.test(text)) return true;
  }
  return false;
}

/** The contexts a repository path gives every hit in it. */
export function pathContextsOf(path: string): HitContext[] {
  const contexts: HitContext[] = [];
  if (isVendoredPath(path)) contexts.push('vendored');
  if (isTestPath(path)) contexts.push('test');
  if (isCiPath(path)) contexts.push('ci');
  if (isDocsPath(path)) contexts.push('docs');
  return contexts;
}

type CommentSyntax = 'python' | 'hash' | 'ini' | 'slash' | 'none';

function commentSyntaxOf(path: string): CommentSyntax {
  const base = baseNameOf(path);
  if (/\.pyw?$/.test(base)) return 'python';
  if (/\.(ini|cfg)$/.test(base)) return 'ini';
  if (
    isDotenvPath(path) ||
    /\.(ya?ml|toml|conf|sh|bash|zsh|properties|rb|tf|tfvars|txt)$/.test(base) ||
    base.startsWith('dockerfile') ||
    base.endsWith('.dockerfile') ||
    base === 'procfile' ||
    base === 'makefile' ||
    !base.includes('.')
  )
    return 'hash';
  if (/\.(js|mjs|cjs|jsx|ts|tsx|java|kt|go|c|h|cc|cpp|cs|php|swift|scss|json5|jsonc)$/.test(base))
    return 'slash';
  return 'none';
}

/**
 * Whether the text at `index` of a line is inside a comment: a `#` outside quotes before it
 * (Python), a `#` at the line start or after whitespace (YAML, .env, shell, TOML: `KEY=ab#cd`
 * keeps its `#`), `#`/`;` at the line start (INI, where configparser has no inline comments), or
 * `//` outside quotes (JavaScript and friends).
 */
export function isInComment(path: string, line: string, index: number): boolean {
  const syntax = commentSyntaxOf(path);
  if (syntax === 'none') return false;
  if (syntax === 'ini') return /^\s*[#;]/.test(line);
  let quote: string | undefined;
  const end = Math.min(index, line.length - 1);
  for (let i = 0; i <= end; i++) {
    const char = line[i];
    if (quote !== undefined) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'" || (syntax === 'slash' && char === '`')) {
      // In YAML, .env and shell a quote inside an unquoted word is a literal character.
      if (syntax !== 'hash' || i === 0 || /[\s=:[{,]/.test(line[i - 1] ?? '')) quote = char;
      continue;
    }
    if (syntax === 'slash') {
      if (char === '/' && line[i + 1] === '/') return true;
      continue;
    }
    if (char === '#' && (syntax === 'python' || i === 0 || /\s/.test(line[i - 1] ?? '')))
      return true;
  }
  return false;
}

/** Contexts of one hit: its path's, plus `comment` when its line or column is commented out. */
export function hitContextsOf(
  path: string,
  line: string | undefined,
  column?: number,
): HitContext[] {
  const contexts = pathContextsOf(path);
  if (line !== undefined) {
    const index = column !== undefined ? column - 1 : (/\S/.exec(line)?.index ?? 0);
    if (isInComment(path, line, index)) contexts.unshift('comment');
  }
  return contexts;
}

/**
 * The hit with its contexts, its uncapped severity and, when a context lowers it, `low` and a
 * message that says why. `line` is the text of the hit's line (for comment detection), `fileLines`
 * the file's lines (for a marker comment heading its block).
 */
export function withHitContext(
  path: string,
  rule: SecretRule,
  match: SecretMatch,
  line: string | undefined,
  fileLines?: readonly string[],
): SecretMatch {
  // A path rule (DDG102) judges the whole file: its line is where a list starts, not a comment.
  const lineText = rule.appliesToPath ? undefined : line;
  const contexts = [
    ...new Set([...(match.contexts ?? []), ...hitContextsOf(path, lineText, match.column)]),
  ];
  if (!rule.appliesToPath && fileLines !== undefined && isMarkedFake(fileLines, match.line))
    contexts.push('marked-fake');
  const uncapped = match.uncappedSeverity ?? match.severity ?? rule.severity;
  const capping = match.validated
    ? []
    : contexts.filter(
        (context) => ALWAYS_CAPPED.includes(context) || (rule.lowIn ?? []).includes(context),
      );
  const capped: Severity =
    capping.length > 0 && compareSeverity(uncapped, 'low') < 0 ? 'low' : uncapped;
  const result: SecretMatch = { ...match, contexts, uncappedSeverity: uncapped, severity: capped };
  if (capped !== uncapped)
    result.message = `${match.message} (${capping.map((c) => CONTEXT_WORDS[c]).join(', ')}: at most low)`;
  else if (match.validated && contexts.includes('vendored'))
    result.message = `${match.message} (in vendored code; the value passes its format's validation)`;
  return result;
}
