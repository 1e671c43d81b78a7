import { devNull } from 'node:os';

/**
 * What every git command of the scan runs with, so that nothing the scanned repository configures
 * can run a program, read the user's or the system's configuration, or hide history. The
 * repository's own `.git/config` is hostile input (an unpacked archive, a restored cache or a
 * reused self-hosted workspace can carry one); the environment the tool runs in is trusted.
 * docs/git-hardening.md explains each entry; a test keeps that page in step with this file.
 *
 * Pure apart from reading `env`: process.ts is the one place that spawns git, with these.
 */

/** Options before the subcommand. */
export const GLOBAL_OPTIONS = [
  // Never start a pager (`core.pager`, `pager.<cmd>` and $PAGER would run a program).
  '--no-pager',
  // Read the real objects: a `refs/replace/*` substitute must not hide a commit or a blob.
  '--no-replace-objects',
  // Read-only: no index refresh written back, no lock taken in the repository.
  '--no-optional-locks',
] as const;

/** A `-c key=value` every command gets, with the reason it is there. */
export interface ConfigOverride {
  key: string;
  value: string;
  why: string;
}

/**
 * `-c` settings override the repository's configuration (command-line configuration is read
 * last). Keys whose value runs a program are set to a value that runs nothing.
 */
export const CONFIG_OVERRIDES: readonly ConfigOverride[] = [
  {
    key: 'core.fsmonitor',
    value: 'false',
    why: 'a hook program (or the built-in daemon) that any command reading the index runs',
  },
  {
    key: 'core.hooksPath',
    value: devNull,
    why: 'hooks (e.g. reference-transaction, run by fetch) are looked up in an empty place',
  },
  { key: 'core.askPass', value: '', why: 'a program asked for credentials' },
  {
    key: 'credential.helper',
    value: '',
    why: 'the empty value clears every helper, URL-specific ones included',
  },
  { key: 'core.pager', value: 'cat', why: 'belt and braces with --no-pager' },
  {
    key: 'core.alternateRefsCommand',
    value: 'true',
    why: 'a shell command fetch runs for each alternate object store; `true` lists nothing',
  },
  {
    key: 'core.attributesFile',
    value: devNull,
    why: 'a file outside the repository; attributes select diff drivers and filters',
  },
  {
    key: 'core.commitGraph',
    value: 'false',
    why: 'parents come from the commit objects, not from a commit-graph file that could omit one',
  },
  {
    key: 'protocol.ext.allow',
    value: 'never',
    why: '`ext::` URLs run a command; GIT_ALLOW_PROTOCOL below also overrides protocol.*.allow',
  },
  {
    key: 'log.showSignature',
    value: 'false',
    why: 'verifying signatures runs gpg.program / gpg.ssh.program',
  },
  {
    key: 'advice.graftFileDeprecated',
    value: 'false',
    why: 'GIT_GRAFT_FILE points at an empty file; keep stderr free of the advice',
  },
  { key: 'gc.auto', value: '0', why: 'fetch must not start garbage collection in the repository' },
  { key: 'maintenance.auto', value: 'false', why: 'nor background maintenance' },
  {
    key: 'fetch.recurseSubmodules',
    value: 'false',
    why: "a submodule's own configuration is not neutralised: never enter one",
  },
  { key: 'submodule.recurse', value: 'false', why: 'same' },
  {
    key: 'fetch.writeCommitGraph',
    value: 'false',
    why: 'fetch writes nothing but objects and refs',
  },
  {
    key: 'http.sslVerify',
    value: 'true',
    why: 'the repository cannot turn off certificate checks for the tool\u2019s fetch',
  },
  // Memory: git maps pack files into its address space a window at a time, and every page it
  // reads stays resident until the window is dropped. With git's defaults (1 GiB windows, 8 GiB
  // in all) a history scan's cat-file held the whole pack: 553 MB on a 391 MB pack. These bound
  // it (250 MB there, in the same time), and stop a repository's configuration from raising them.
  {
    key: 'core.packedGitWindowSize',
    value: '32m',
    why: 'pack files are mapped 32 MiB at a time',
  },
  {
    key: 'core.packedGitLimit',
    value: '256m',
    why: 'at most 256 MiB of pack files mapped at once (git drops the least recently used window)',
  },
  {
    key: 'core.deltaBaseCacheLimit',
    value: '96m',
    why: "git's default cache of inflated delta bases, which the repository can't raise",
  },
  { key: 'core.quotePath', value: 'false', why: 'paths verbatim (not a safety setting)' },
  { key: 'color.ui', value: 'false', why: 'plain output to parse (not a safety setting)' },
];

/**
 * Keys of the repository's configuration that can run a program but can't be overridden by one
 * fixed key above (their names hold a driver, remote or URL), each with the neutral value
 * written over it. Matched on git's canonical form (section and key lower-cased).
 */
export const PATTERN_OVERRIDES: readonly { pattern: RegExp; value: string; why: string }[] = [
  {
    pattern: /^filter\..+\.(clean|smudge|process)$/,
    value: '',
    why: 'filter drivers run a program (git skips an empty one)',
  },
  {
    pattern: /^remote\..+\.uploadpack$/,
    value: 'git-upload-pack',
    why: 'run through the shell on the remote side, which is this machine for a local remote',
  },
  {
    pattern: /^remote\..+\.receivepack$/,
    value: 'git-receive-pack',
    why: 'the same for pushes (the tool never pushes)',
  },
  {
    pattern: /^http\..+\.sslverify$/,
    value: 'true',
    why: 'a URL-specific setting beats the plain http.sslVerify above',
  },
];

/**
 * Keys that make the tool's own `git fetch` go somewhere else or trust another certificate: with
 * one of these in the repository's configuration the fetch is refused (its token could be sent
 * to whoever the configuration names). A proxy or CA from the environment is still used.
 */
export const FETCH_REFUSING_KEYS: readonly RegExp[] = [
  /^http\.(.+\.)?proxy$/,
  /^remote\..+\.proxy$/,
  /^http\.(.+\.)?curloptresolve$/,
  /^http\.(.+\.)?sslcainfo$/,
  /^http\.(.+\.)?sslcapath$/,
  /^url\..+\.insteadof$/,
  /^remote\..+\.vcs$/,
];

/** The environment of every git command: the trusted one, with the entries below set. */
export function hardenedEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const sshCommand =
    env.GIT_SSH_COMMAND ?? (env.GIT_SSH ? shellQuote(env.GIT_SSH) : undefined) ?? 'ssh';
  return {
    ...env,
    // No system or user configuration: only the repository's (neutralised) and ours.
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: devNull,
    // Fail instead of asking: nothing may prompt, and no askpass program runs.
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    // The environment's ssh command (or plain ssh) beats the repository's core.sshCommand.
    GIT_SSH_COMMAND: sshCommand,
    // Set (even empty) it makes git ignore core.gitProxy, which runs a program for git://.
    GIT_PROXY_COMMAND: env.GIT_PROXY_COMMAND ?? '',
    // Overrides every protocol.*.allow of the repository: no ext::, fd:: or remote helpers.
    GIT_ALLOW_PROTOCOL: env.GIT_ALLOW_PROTOCOL ?? 'file:git:http:https:ssh',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    GIT_EDITOR: ':',
    GIT_SEQUENCE_EDITOR: ':',
    GIT_NO_REPLACE_OBJECTS: '1',
    // .git/info/grafts can cut a commit out of history: read an empty graft file instead.
    GIT_GRAFT_FILE: devNull,
    // A partial clone must not fetch missing objects on its own (git 2.45+; older git is kept
    // from asking for them, see git-client.ts).
    GIT_NO_LAZY_FETCH: '1',
    GIT_OPTIONAL_LOCKS: '0',
  };
}

/**
 * `core.excludesFile` can point anywhere; pin it to git's default user file (which git reads
 * when the key is unset), so the repository can't make git read another file.
 */
export function defaultExcludesFile(env: NodeJS.ProcessEnv): string {
  if (env.XDG_CONFIG_HOME) return `${env.XDG_CONFIG_HOME}/git/ignore`;
  if (env.HOME) return `${env.HOME}/.config/git/ignore`;
  return devNull;
}

/** `-c` arguments for the fixed overrides. */
export function staticConfigArgs(env: NodeJS.ProcessEnv): string[] {
  const args: string[] = [];
  for (const { key, value } of CONFIG_OVERRIDES) args.push('-c', `${key}=${value}`);
  args.push('-c', `core.excludesFile=${defaultExcludesFile(env)}`);
  return args;
}

/**
 * `[key, value]` pairs neutralising the repository's keys that match PATTERN_OVERRIDES. Passed
 * through GIT_CONFIG_COUNT / GIT_CONFIG_KEY_<n> (see withConfigEntries), not `-c`: a subsection
 * may hold `=`, which `-c key=value` would split at.
 */
export function patternOverrides(keys: Iterable<string>): [string, string][] {
  const entries: [string, string][] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    const rule = PATTERN_OVERRIDES.find((entry) => entry.pattern.test(canonicalKey(key)));
    if (rule) entries.push([key, rule.value]);
  }
  return entries;
}

/** Adds configuration entries to an environment, after any it already carries. */
export function withConfigEntries(
  env: NodeJS.ProcessEnv,
  entries: readonly (readonly [string, string])[],
): NodeJS.ProcessEnv {
  if (entries.length === 0) return env;
  const start = Number(env.GIT_CONFIG_COUNT ?? 0) || 0;
  const out: NodeJS.ProcessEnv = { ...env, GIT_CONFIG_COUNT: String(start + entries.length) };
  entries.forEach(([key, value], i) => {
    out[`GIT_CONFIG_KEY_${start + i}`] = key;
    out[`GIT_CONFIG_VALUE_${start + i}`] = value;
  });
  return out;
}

/** The keys that make the tool refuse to fetch, as named in the configuration. */
export function fetchRefusingKeys(keys: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const key of keys) {
    const canonical = canonicalKey(key);
    if (FETCH_REFUSING_KEYS.some((pattern) => pattern.test(canonical))) found.add(key);
  }
  return [...found].sort();
}

/**
 * git lower-cases the section and the key name but keeps a subsection (`remote.Origin.url`)
 * as written; `git config --list` prints them that way already, this only guards the match.
 */
function canonicalKey(key: string): string {
  const first = key.indexOf('.');
  const last = key.lastIndexOf('.');
  if (first === -1 || first === last) return key.toLowerCase();
  return `${key.slice(0, first).toLowerCase()}${key.slice(first, last)}${key.slice(last).toLowerCase()}`;
}

/** Single-quotes a path for the shell git runs GIT_SSH_COMMAND through. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
