import { execFileSync } from 'node:child_process';
import { format } from 'prettier';

/** The committed form of a data file: JSON as Prettier prints it (CI checks formatting). */
export async function formatDataFile(data: unknown): Promise<string> {
  return format(JSON.stringify(data), { parser: 'json', printWidth: 100 });
}

/** The commit a checkout is at and that commit's date (`git -C dir log -1`). */
export function checkoutCommit(dir: string): { commit: string; commitDate: string } {
  const out = execFileSync('git', ['-C', dir, 'log', '-1', '--format=%H %cI'], {
    encoding: 'utf8',
  }).trim();
  const [commit, date] = out.split(' ');
  if (!commit || !date) throw new Error(`${dir}: not a git checkout`);
  return { commit, commitDate: date.slice(0, 10) };
}

/** `--name value` from argv. */
export function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}
