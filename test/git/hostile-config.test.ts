import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors';
import { RecordingLogger } from '../../src/core/logger';
import { runScan } from '../../src/scan/run-scan';
import { cleanupGitRepos, createGitRepo, type GitRepo } from '../helpers/git-repo';

/**
 * The scanned repository's `.git/config` is hostile (an unpacked archive, a restored cache or a
 * reused self-hosted workspace can carry one). Every key below would run a program that writes a
 * marker file; after a scan in every mode (`--history off`, full, and range on a shallow clone
 * that must fetch) no marker may exist.
 */
afterAll(cleanupGitRepos);

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** A shell script that touches `marker`, for keys that take a program path. */
function markerScript(dir: string, markers: string, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\ntouch '${join(markers, name)}'\nexit 1\n`);
  chmodSync(path, 0o755);
  return path;
}

/** Upstream with six commits, and a depth-1 clone of it: a range over it needs a fetch. */
function shallowCloneOfUpstream(): { upstream: GitRepo; clone: GitRepo } {
  const upstream = createGitRepo();
  for (let i = 1; i <= 6; i++) {
    upstream.write('settings.py', `DEBUG = False\nVERSION = ${i}\n`).write('notes.md', `v${i}\n`);
    upstream.commit(`commit ${i}`);
  }
  return { upstream, clone: upstream.cloneShallow(1) };
}

type Plant = (clone: GitRepo, markers: string, tools: string, upstream: GitRepo) => void;

/** Keys that run a program on the commands the scan itself runs (or might run). */
const programs: Plant = (clone, markers, tools, upstream) => {
  // Committed before any key is set: the test's own git commands must not trip them.
  clone.write('.gitattributes', '* diff=evil filter=evil\n').commit('attributes');
  const touch = (name: string) => `touch '${join(markers, name)}'; false`;
  const set = (key: string, value: string) => clone.git(['config', key, value]);
  set('core.fsmonitor', touch('fsmonitor'));
  const hooks = join(tools, 'hooks');
  mkdirSync(hooks);
  for (const hook of ['reference-transaction', 'post-checkout', 'pre-auto-gc', 'post-merge']) {
    markerScript(hooks, markers, hook);
    // The default hooks folder too, in case core.hooksPath were dropped.
    writeFileSync(
      join(clone.dir, '.git', 'hooks', hook),
      `#!/bin/sh\ntouch '${join(markers, `default-${hook}`)}'\n`,
      { mode: 0o755 },
    );
  }
  set('core.hooksPath', hooks);
  set('core.pager', touch('pager'));
  set('pager.log', touch('pager-log'));
  set('core.askPass', markerScript(tools, markers, 'askpass'));
  set('credential.helper', `!${touch('credential')}`);
  set('diff.external', markerScript(tools, markers, 'diff-external'));
  set('diff.evil.textconv', touch('textconv'));
  set('diff.evil.command', touch('diff-command'));
  set('filter.evil.clean', touch('filter-clean'));
  set('filter.evil.smudge', touch('filter-smudge'));
  set('filter.evil.process', touch('filter-process'));
  set('filter.evil.required', 'true');
  set('gpg.program', markerScript(tools, markers, 'gpg'));
  set('log.showSignature', 'true');
  set('core.editor', touch('editor'));
  set('sequence.editor', touch('sequence-editor'));
  set('core.alternateRefsCommand', touch('alternate-refs'));
  // An alternate object store makes fetch consult core.alternateRefsCommand.
  const alternate = createGitRepo();
  alternate.write('x.txt', 'x\n').commit('alternate');
  writeFileSync(
    join(clone.dir, '.git', 'objects', 'info', 'alternates'),
    `${join(alternate.dir, '.git', 'objects')}\n`,
  );
  // A local remote runs remote.<name>.uploadpack through the shell.
  set('remote.origin.uploadpack', `${touch('uploadpack')}; exec git-upload-pack "$@"`);
  set('protocol.file.allow', 'always');
  set('gc.auto', '1');
  set('maintenance.auto', 'true');
  // An included file outside the repository is neutralised like the repository's own keys.
  const included = join(tools, 'included.cfg');
  writeFileSync(
    included,
    `[core]\n\tpager = ${touch('include-pager')}\n[filter "evil"]\n\tclean = ${touch('include-filter')}\n`,
  );
  set('include.path', included);
  void upstream;
};

/** `ext::` runs a command; the repository also allows every protocol. */
const extUrl: Plant = (clone, markers) => {
  clone.git(['config', 'protocol.ext.allow', 'always']);
  clone.git(['config', 'protocol.allow', 'always']);
  clone.git(['config', 'remote.origin.url', `ext::sh -c touch% ${join(markers, 'ext-url')}`]);
};

/** core.sshCommand for an ssh remote (nothing listens on 127.0.0.1:9). */
const sshCommand: Plant = (clone, markers) => {
  clone.git(['config', 'remote.origin.url', 'ssh://127.0.0.1:9/repo.git']);
  clone.git(['config', 'core.sshCommand', `touch '${join(markers, 'ssh-command')}'; false`]);
};

/** core.gitProxy for a git:// remote. */
const gitProxy: Plant = (clone, markers, tools) => {
  clone.git(['config', 'remote.origin.url', 'git://127.0.0.1:9/repo.git']);
  clone.git(['config', 'core.gitProxy', markerScript(tools, markers, 'git-proxy')]);
};

/** A remote helper chosen by `remote.<name>.vcs`. */
const vcsHelper: Plant = (clone, markers) => {
  clone.git(['config', 'protocol.allow', 'always']);
  clone.git(['config', 'remote.origin.vcs', 'ext']);
  clone.git(['config', 'remote.origin.url', `sh -c touch% ${join(markers, 'vcs-helper')}`]);
};

describe('a hostile .git/config runs nothing', () => {
  const cases: [string, Plant][] = [
    ['programs on local commands and a local fetch', programs],
    ['an ext:: remote', extUrl],
    ['core.sshCommand', sshCommand],
    ['core.gitProxy', gitProxy],
    ['remote.<name>.vcs', vcsHelper],
  ];
  for (const [name, plant] of cases) {
    it(`${name}: no marker after --history off, full and range (with a fetch)`, async () => {
      const { upstream, clone } = shallowCloneOfUpstream();
      const markers = tempDir('ddg-markers-');
      const tools = tempDir('ddg-tools-');
      plant(clone, markers, tools, upstream);
      const base = upstream.revParse('HEAD~3');
      const ran: Record<string, string[]> = {};
      for (const history of ['off', 'full', 'range'] as const) {
        const logger = new RecordingLogger();
        try {
          await runScan({
            root: clone.dir,
            given: { history, ...(history === 'range' ? { base, head: 'HEAD' } : {}) },
            logger,
          });
        } catch (error) {
          // A refused or failed fetch is the user's problem to fix, never an internal error.
          expect(error).toBeInstanceOf(ConfigurationError);
        }
        ran[history] = readdirSync(markers).sort();
      }
      expect(ran).toEqual({ off: [], full: [], range: [] });
    });
  }

  it('the local fetch still works: a range on a shallow clone is deepened', async () => {
    const { upstream, clone } = shallowCloneOfUpstream();
    const markers = tempDir('ddg-markers-');
    programs(clone, markers, tempDir('ddg-tools-'), upstream);
    const outcome = await runScan({
      root: clone.dir,
      given: { history: 'range', base: upstream.revParse('HEAD~3'), head: 'HEAD' },
      logger: new RecordingLogger(),
    });
    expect(outcome.result.history.deepened).toMatch(/deepened by 50 from origin/);
    expect(readdirSync(markers)).toEqual([]);
  });

  it('refuses to fetch through a proxy or a rewritten URL the repository configures', async () => {
    const { upstream, clone } = shallowCloneOfUpstream();
    clone.git(['config', 'http.proxy', 'http://127.0.0.1:9']);
    clone.git(['config', 'url.file:///nowhere/.insteadOf', 'file://']);
    await expect(
      runScan({
        root: clone.dir,
        given: { history: 'range', base: upstream.revParse('HEAD~3'), head: 'HEAD' },
        logger: new RecordingLogger(),
      }),
    ).rejects.toThrow(/sets http\.proxy, url\.file:\/\/\/nowhere\/\.insteadof/);
  });
});
