import type { FileFixProducer } from '../types';

/** POSIX shell single quotes: the path is the repository's, so it is never left unquoted. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A committed `.env` file (DDG102): no edit, since the fix is to stop tracking the file and to
 * rotate what it held, and history is not rewritten behind the user's back.
 */
export const fixDotenvFileCommitted: FileFixProducer = (finding) => ({
  description: `stop tracking ${finding.file} and ignore it`,
  edits: [],
  instructions: [
    `git rm --cached -- ${shellQuote(finding.file)}`,
    `add the line ${shellQuote(`/${finding.file}`)} to .gitignore, and commit a ${shellQuote(`${finding.file}.example`)} with placeholders instead`,
    'rotate every secret the file held: it stays in the git history',
  ],
});
