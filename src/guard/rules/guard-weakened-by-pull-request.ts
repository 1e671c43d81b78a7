import type { GuardConfig } from '../../config/config';
import { OPTIONS, type OptionId, type OptionValues } from '../../config/options';
import { inlineIgnoreIds } from '../../core/inline-ignore';
import { SEVERITY_RANK, type FailLevel, type Severity } from '../../core/types';
import { defineGuardRule, type GuardChange, type GuardMatch, type UnreadableConfig } from '../rule';

/** How strict each `fail-on` is: the higher, the more findings fail the run. */
const FAIL_ON_STRICTNESS: Record<FailLevel, number> = {
  never: 0,
  critical: 1,
  high: 2,
  medium: 3,
  low: 4,
  info: 5,
};
/** `history` unset means the event decides (range on a pull request). */
const HISTORY_STRICTNESS = { off: 0, range: 1, full: 2 } as const;

/** Options whose change cannot be judged stronger or weaker: any change is reported. */
const REDIRECTING: readonly OptionId[] = [
  'settingsModule',
  'pythonPath',
  'envFile',
  'djangoVersion',
  'baseline',
  'config',
];

const keyOf = (id: OptionId): string =>
  (OPTIONS[id] as { config?: { key: string } }).config?.key ?? id;

function show(value: unknown): string {
  if (value === undefined) return 'unset';
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function configMatches(
  base: GuardConfig,
  head: GuardConfig,
  ruleSeverities: ReadonlyMap<string, Severity>,
): GuardMatch[] {
  const out: GuardMatch[] = [];
  const b: OptionValues = base.values;
  const h: OptionValues = head.values;
  const lineOf = (id: OptionId) => head.keyLines[id] ?? head.line ?? 1;
  const add = (id: OptionId, message: string, detail: string = keyOf(id)) =>
    out.push({ line: lineOf(id), message, detail });

  const baseFailOn = b.failOn ?? 'high';
  const headFailOn = h.failOn ?? 'high';
  if (FAIL_ON_STRICTNESS[headFailOn] < FAIL_ON_STRICTNESS[baseFailOn])
    add('failOn', `fail-on ${baseFailOn} → ${headFailOn}`);
  const baseHistory = b.history === undefined ? 1 : HISTORY_STRICTNESS[b.history];
  if (h.history !== undefined && HISTORY_STRICTNESS[h.history] < baseHistory)
    add('history', `history ${b.history ?? 'from the event'} → ${h.history}`);
  for (const glob of h.exclude ?? [])
    if (!(b.exclude ?? []).includes(glob)) add('exclude', `excludes ${glob}`, `exclude ${glob}`);
  for (const [id, setting] of h.rules ?? []) {
    const before = b.rules?.get(id);
    const wasOn = before?.enabled !== false;
    if (!setting.enabled) {
      if (wasOn)
        out.push({ line: setting.line, message: `switches off ${id}`, detail: `rules ${id}` });
      continue;
    }
    const own = ruleSeverities.get(id);
    const was = before?.severity ?? own;
    if (setting.severity && was && SEVERITY_RANK[setting.severity] < SEVERITY_RANK[was])
      out.push({
        line: setting.line,
        message: `lowers ${id} ${was} → ${setting.severity}`,
        detail: `rules ${id}`,
      });
  }
  const allowed = new Set((b.allowlist ?? []).map((entry) => entry.fingerprint));
  for (const entry of h.allowlist ?? [])
    if (!allowed.has(entry.fingerprint))
      out.push({
        line: entry.line,
        message: `allowlists ${entry.fingerprint.slice(0, 8)}…`,
        detail: `allowlist ${entry.fingerprint}`,
      });
  if (h.settingsCheck === false && b.settingsCheck !== false)
    add('settingsCheck', 'switches off the settings deploy check (settings-check: false)');
  if ((b.failScope ?? 'new') === 'all' && h.failScope === 'new')
    add('failScope', 'fail-scope all → new');
  if (b.undecided === 'fail' && h.undecided !== 'fail')
    add('undecided', `undecided fail → ${h.undecided ?? 'warn'}`);
  for (const id of REDIRECTING) {
    if (JSON.stringify(b[id]) !== JSON.stringify(h[id]))
      add(id, `changes ${keyOf(id)} from ${show(b[id])} to ${show(h[id])}`);
  }
  return out;
}

function isUnreadable(config: GuardConfig | UnreadableConfig): config is UnreadableConfig {
  return 'error' in config;
}

/** Inline ignore comments of `headText` that `baseText` does not have (compared by line text). */
function addedIgnores(path: string, baseText: string | undefined, headText: string): GuardMatch[] {
  const before = new Map<string, number>();
  for (const line of (baseText ?? '').split(/\r\n|\r|\n/)) {
    if (inlineIgnoreIds(line)) before.set(line.trim(), (before.get(line.trim()) ?? 0) + 1);
  }
  const out: GuardMatch[] = [];
  headText.split(/\r\n|\r|\n/).forEach((line, index) => {
    const ids = inlineIgnoreIds(line);
    if (!ids) return;
    const left = before.get(line.trim()) ?? 0;
    if (left > 0) {
      before.set(line.trim(), left - 1);
      return;
    }
    const named = ids.length === 0 ? 'nothing' : ids.join(', ');
    out.push({
      line: index + 1,
      message: `adds an inline ignore for ${named} at ${path}:${index + 1}`,
      detail: `ignore ${ids.join(',')} ${line.trim()}`,
    });
  });
  return out;
}

export const guardWeakenedByPullRequest = defineGuardRule({
  id: 'DDG390',
  name: 'guard-weakened-by-pull-request',
  severity: 'high',
  fix: 'Make the change to the configuration, baseline or inline ignores on the base branch (a maintainer merges it on its own); the next pull request runs with it.',
  docs: {
    summary:
      "A pull request changes the guard's own rules: its configuration, baseline or inline ignores.",
    whatItDoes:
      "On a pull-request run (the action on pull_request, pull_request_target and merge_group events; the CLI with --base), compares the pull request's `.django-deploy-guard.yml` or `[tool.django-deploy-guard]`, the baseline file and the inline `deploy-guard: ignore[...]` comments with the base branch's, and reports each change that would weaken the check: a lower `fail-on`, `history: off`, an `exclude` glob, a rule switched off or lowered, an allowlisted or baselined fingerprint, `settings-check: false`, another settings module, env file, Python path, Django version or baseline path, and each inline ignore the pull request adds. The run itself uses the base branch's versions, so the change has no effect on this verdict.",
    whyBad:
      'The check exists to block merges. If the pull request it judges could relax its rules, any author could turn it green: a `fail-on: never`, an exclude glob or an ignore comment next to the committed key would hide exactly what the pull request adds. Severity high: it is an attempt, or an accident, that disables a required check.',
    badExample: {
      file: '.django-deploy-guard.yml',
      content: "fail-on: never\nexclude:\n  - 'proj/settings.py'\n",
    },
    goodExample: {
      file: '.django-deploy-guard.yml',
      content: 'fail-on: medium\n',
    },
    useInstead:
      'A separate pull request that only changes the guard, reviewed and merged by a maintainer; the pull requests after it run with the new rules.',
    references: [
      'https://docs.github.com/en/code-security/secret-scanning/introduction/about-push-protection',
      'https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#pull_request_target',
    ],
  },
  detect(change: GuardChange): GuardMatch[] {
    switch (change.kind) {
      case 'config':
        if (isUnreadable(change.head))
          return [
            {
              line: change.head.line ?? 1,
              message: `makes the configuration unreadable (${change.head.error})`,
              detail: 'unreadable',
            },
          ];
        return configMatches(change.base, change.head, change.ruleSeverities);
      case 'baseline': {
        const lines = change.headText.split('\n');
        return change.head
          .filter((entry) => !change.base.has(entry.fingerprint))
          .map((entry) => {
            const at = lines.findIndex((line) => line.includes(entry.fingerprint));
            return {
              line: at + 1 || 1,
              message: `adds ${entry.fingerprint.slice(0, 8)}… (${entry.ruleId} in ${entry.file}) to the baseline`,
              detail: `baseline ${entry.fingerprint}`,
            };
          });
      }
      case 'source':
        return addedIgnores(change.path, change.baseText, change.headText);
    }
  },
});
