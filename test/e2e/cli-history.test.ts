import { afterAll, describe, expect, it } from 'vitest';
import { cleanupGitRepos, createGitRepo } from '../helpers/git-repo';
import { generateSecret } from '../helpers/secret-generators';
import { runBuiltCli } from './run-built';

interface HistoryFinding {
  ruleId: string;
  source: string;
  file: string;
  line: number;
  commit?: string;
  inHead?: boolean;
  refs?: string[];
  locations?: { commit: string; file: string; line: number }[];
  suppressed?: unknown;
}

function historyScan(dir: string, ...args: string[]) {
  const run = runBuiltCli(['scan', dir, '--format', 'json', '--fail-on', 'never', ...args]);
  expect(run.stderr).not.toMatch(/internal error/);
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as {
    findings: HistoryFinding[];
    history: { mode: string; shallow: boolean; deepened?: string };
  };
  // A secret history holds (a finding with a history facet, whether or not the tree holds it too).
  return { run, report, history: report.findings.filter((f) => f.commit !== undefined) };
}

afterAll(() => cleanupGitRepos());

describe('CLI history scanning (dist/cli/index.js --history full|range)', () => {
  it('reports keys removed from the tree, keys only in a merge resolution and keys only behind an annotated tag on an orphan commit', () => {
    const repo = createGitRepo();
    const removed = generateSecret('django-key');
    repo.write('app/settings.py', `SECRET_KEY = '${removed}'\n`);
    const introduced = repo.commit('add settings');
    repo.write('app/settings.py', "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n");
    repo.commit('read the key from the environment');

    // A merge whose resolution adds a key neither parent had.
    repo.branch('feature').checkout('feature');
    repo.write('app/feature.py', 'FEATURE = 1\n');
    repo.commit('feature');
    repo.checkout('main');
    repo.write('app/main.py', 'MAIN = 1\n');
    repo.commit('main work');
    const merged = generateSecret('django-insecure-key');
    const mergeCommit = repo.merge('feature', {
      resolve: { 'app/merged.py': `SECRET_KEY = "${merged}"\n` },
    });

    // An orphan commit reachable only from an annotated tag.
    const tagged = generateSecret('pem-private-key');
    repo.checkoutOrphan('orphan');
    repo.write('keys/old.pem', `${tagged}\n`);
    const orphan = repo.commit('orphan key');
    repo.tag('v0-keys', { annotated: true });
    repo.checkout('main');
    repo.git(['branch', '-D', 'orphan']);

    const { run, history } = historyScan(repo.dir, '--history', 'full');
    const byRule = (id: string, file: string) =>
      history.find((f) => f.ruleId === id && f.file === file);

    const old = byRule('DDG101', 'app/settings.py');
    expect(old).toMatchObject({ commit: introduced, inHead: false, line: 1 });
    const inMerge = byRule('DDG101', 'app/merged.py');
    expect(inMerge).toMatchObject({ commit: mergeCommit, inHead: true, line: 1 });
    const behindTag = byRule('DDG103', 'keys/old.pem');
    expect(behindTag).toMatchObject({ commit: orphan, inHead: false });
    expect(behindTag!.refs!.join(' ')).toContain('v0-keys');
    for (const secret of [removed, merged, tagged])
      expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('in range mode reports only what the range introduced', () => {
    const repo = createGitRepo();
    const old = generateSecret('django-key');
    repo.write('app/settings.py', `SECRET_KEY = '${old}'\n`);
    const base = repo.commit('old key, before the PR');
    repo.branch('pr').checkout('pr');
    const fresh = generateSecret('github-token');
    repo.write('deploy/ci.sh', `export GH_TOKEN=${fresh}\n`);
    const introduced = repo.commit('adds a token');
    repo.write('README.md', 'docs\n');
    const head = repo.commit('docs');

    const { history, report } = historyScan(
      repo.dir,
      '--history',
      'range',
      '--base',
      base,
      '--head',
      head,
    );
    expect(report.history.mode).toBe('range');
    expect(history.map((f) => `${f.ruleId} ${f.file} ${f.commit}`)).toEqual([
      `DDG106 deploy/ci.sh ${introduced}`,
    ]);
  });

  it('deepens a shallow clone for a range and says so', () => {
    const origin = createGitRepo();
    origin.write('README.md', 'one\n');
    const base = origin.commit('one');
    for (let i = 0; i < 5; i++) {
      origin.write('README.md', `change ${i}\n`);
      origin.commit(`change ${i}`);
    }
    const token = generateSecret('stripe-live-key');
    origin.write('billing/settings.py', `STRIPE_KEY = "${token}"\n`);
    const head = origin.commit('billing');
    const clone = origin.cloneShallow(1);

    const { history, report } = historyScan(
      clone.dir,
      '--history',
      'range',
      '--base',
      base,
      '--head',
      head,
    );
    expect(report.history.shallow).toBe(true);
    expect(report.history.deepened).toBeTruthy();
    expect(history.map((f) => f.ruleId)).toEqual(['DDG108']);

    // Full mode on a shallow clone warns that history is incomplete.
    const shallowAgain = origin.cloneShallow(1);
    const full = runBuiltCli([
      'scan',
      shallowAgain.dir,
      '--history',
      'full',
      '--format',
      'json',
      '--fail-on',
      'never',
    ]);
    expect(full.code).toBe(0);
    expect(full.stderr).toMatch(/shallow/i);
  });

  it('fails with fetch-depth: 0 in the message when a shallow range cannot be completed', () => {
    const origin = createGitRepo();
    origin.write('a.txt', '1\n');
    const base = origin.commit('1');
    origin.write('a.txt', '2\n');
    origin.commit('2');
    origin.write('a.txt', '3\n');
    const head = origin.commit('3');
    const clone = origin.cloneShallow(1);
    clone.git(['remote', 'remove', 'origin']);
    const run = runBuiltCli([
      'scan',
      clone.dir,
      '--history',
      'range',
      '--base',
      base,
      '--head',
      head,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('fetch-depth: 0');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a baseline makes known history findings stop failing the run; --update-baseline writes it', () => {
    const repo = createGitRepo();
    repo.write('app/keys.py', `SECRET_KEY = '${generateSecret('django-key')}'\n`);
    repo.commit('key');
    repo.write('app/keys.py', 'SECRET_KEY = None\n');
    repo.commit('removed');
    const failing = runBuiltCli(['scan', repo.dir, '--history', 'full']);
    expect(failing.code).toBe(1);
    const write = runBuiltCli([
      'scan',
      repo.dir,
      '--history',
      'full',
      '--baseline',
      'baseline.json',
      '--update-baseline',
    ]);
    expect(write.stderr).toContain('baseline written');
    const passing = runBuiltCli([
      'scan',
      repo.dir,
      '--history',
      'full',
      '--baseline',
      'baseline.json',
    ]);
    expect(passing.code).toBe(0);
  });
});
