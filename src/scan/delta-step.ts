import { policyOf } from '../config/config';
import { runFileRules } from '../hardening/file-rule';
import { mergeFindings } from '../core/finding';
import { mergeSameProblemFindings } from '../core/same-problem';
import { applyConfigPolicy } from '../core/policy';
import { memoryRepoFiles } from '../core/repo-files';
import type { FixedFinding } from '../core/scan-result';
import { decodeBlob, DEFAULT_MAX_FILE_BYTES } from '../core/text-decode';
import type { Finding } from '../core/types';
import { isComposePath, productionEnvFilesOf } from '../hardening/deployment-files';
import { withProductionEnvFiles } from '../hardening/rules';
import { allRules, fileRules, secretRules, settingsRules } from '../registry';
import { runSecretRules, toSecretFinding, valuesToMask } from '../secrets/detect';
import { isVendoredPath } from '../secrets/path-context';
import { analyzeSettings } from '../settings/analyze';
import { describeUnlisted, lsTreeBounded } from '../history/bounded-log';
import type { ScanContext } from './scan-context';

/** Files never read for the comparison: images, fonts, archives, front-end assets, translations. */
const NOT_READ_AT_BASE =
  /\.(?:png|jpe?g|gif|ico|svg|webp|bmp|woff2?|ttf|eot|otf|pdf|zip|gz|tgz|bz2|xz|7z|jar|whl|egg|mp[34]|mov|avi|css|scss|less|js|mjs|map|po|mo|sqlite3?|db|pyc)$/i;

export interface DeltaOutcome {
  findings: Finding[];
  fixed: FixedFinding[];
  notes: string[];
}

/**
 * The verdict about the change: every finding is `new` or `existing` against the merge base of
 * the base branch and HEAD, and what the base had that HEAD no longer has is `fixed`.
 *
 * - Guard changes (DDG390) are new.
 * - A finding whose fingerprint the base also has is existing: the base's changed files are
 *   scanned again (secrets and file rules), its settings evaluated (same evaluator, same env).
 * - A finding seen in a file the change does not touch is existing; a history finding whose
 *   commits all precede the range is existing.
 * - Everything else is new.
 */
export async function compareWithBase(
  context: ScanContext,
  findings: readonly Finding[],
): Promise<DeltaOutcome> {
  const { base, git, prefix } = context;
  if (!base) return { findings: [...findings], fixed: [], notes: [] };
  const comparison = (await git.mergeBase(base.commit, 'HEAD')) ?? base.commit;
  const listing: string[] = [];
  const baseBlobs = await blobsBelow(context, comparison, listing);
  const headCommit = await git.resolveCommit('HEAD');
  const headBlobs = headCommit
    ? await blobsBelow(context, headCommit, listing)
    : new Map<string, string>();
  const changed = new Set<string>();
  for (const [path, blob] of baseBlobs) if (headBlobs.get(path) !== blob) changed.add(path);
  for (const path of headBlobs.keys()) if (!baseBlobs.has(path)) changed.add(path);

  const texts = await readTexts(context, baseBlobs);
  const baseFindings: Finding[] = [];
  const composeEnvFiles = [...texts]
    .filter(([path]) => isComposePath(path))
    .flatMap(([path, content]) => productionEnvFilesOf({ path, content }));
  const activeFileRules = withProductionEnvFiles(fileRules, composeEnvFiles);
  for (const path of changed) {
    const content = texts.get(path);
    if (content === undefined || isVendoredPath(path)) continue;
    for (const raw of runSecretRules({ path, content }, secretRules)) {
      for (const value of valuesToMask(raw)) context.redactor.add(value);
      baseFindings.push(toSecretFinding(raw));
    }
    baseFindings.push(...runFileRules({ path, content }, activeFileRules));
  }
  const notes: string[] = [...listing];
  const { options } = context;
  if (options.settingsCheck && !options.staged) {
    const settings = analyzeSettings({
      files: memoryRepoFiles(Object.fromEntries(texts)),
      fileList: [...baseBlobs.keys()],
      env: context.env,
      rules: settingsRules,
      ...(options.settingsModule?.length ? { settingsModules: options.settingsModule } : {}),
      ...(options.pythonPath?.length ? { pythonPaths: options.pythonPath } : {}),
      ...(options.djangoVersion ? { djangoVersion: options.djangoVersion } : {}),
    });
    context.redactor.addAll(settings.secretValues);
    baseFindings.push(...settings.findings);
  }
  const baseFingerprints = new Set(baseFindings.map((finding) => finding.fingerprint));
  const rangeCommits = headCommit
    ? new Set(await git.listCommits([headCommit], [comparison]))
    : new Set<string>();
  const guardIds = new Set(allRules.filter((rule) => rule.kind === 'guard').map((r) => r.id));

  const isExisting = (finding: Finding): boolean => {
    if (guardIds.has(finding.ruleId)) return false;
    if (baseFingerprints.has(finding.fingerprint)) return true;
    if (
      finding.locations.some(
        (l) => l.current && l.source === 'tree' && baseBlobs.has(l.file) && !changed.has(l.file),
      )
    )
      return true;
    const commits = finding.locations.flatMap((l) => (l.commit ? [l.commit] : []));
    const onlyHistory = finding.locations.every((l) => l.source === 'history');
    return onlyHistory && commits.length > 0 && commits.every((c) => !rangeCommits.has(c));
  };
  const marked = findings.map((finding): Finding => ({
    ...finding,
    delta: isExisting(finding) ? 'existing' : 'new',
  }));

  // What the base had (by its own rules: the same config) that HEAD has no longer.
  const headFingerprints = new Set(findings.map((finding) => finding.fingerprint));
  const policy = policyOf(context.config.file, options);
  const fixed = applyConfigPolicy(
    mergeSameProblemFindings(mergeFindings(baseFindings)),
    policy,
    new Set(allRules.map((r) => r.id)),
  )
    .filter((finding) => !finding.suppressed && !headFingerprints.has(finding.fingerprint))
    .map((finding): FixedFinding => ({
      ruleId: finding.ruleId,
      name: finding.name,
      severity: finding.severity,
      file: `${prefix}${finding.file}`,
      line: finding.line,
      message: finding.message,
      fingerprint: finding.fingerprint,
    }));
  notes.push(
    `compared with ${comparison.slice(0, 12)} (the merge base of the base ${base.commit.slice(0, 12)} and HEAD): ${changed.size} file(s) changed`,
  );
  return { findings: marked, fixed, notes };
}

/**
 * `path → blob` of a commit's regular files below the scanned root (paths below it). A tree past
 * MAX_PATHS_PER_TREE entries (a git bomb) is listed that far, and said in `notes`: the files it
 * leaves out count as absent at the base, so what HEAD has there is `new`.
 */
async function blobsBelow(
  context: ScanContext,
  commit: string,
  notes: string[],
): Promise<Map<string, string>> {
  const blobs = new Map<string, string>();
  const bomb = await lsTreeBounded(context.git, commit, (path, blob) => {
    if (path.startsWith(context.prefix)) blobs.set(path.slice(context.prefix.length), blob);
  });
  if (bomb)
    notes.push(
      `the comparison base ${commit.slice(0, 12)} was listed only in part: ${describeUnlisted(bomb, [])}`,
    );
  return blobs;
}

/** The text of each base file worth reading (one `git cat-file --batch` for all of them). */
async function readTexts(
  context: ScanContext,
  blobs: ReadonlyMap<string, string>,
): Promise<Map<string, string>> {
  const wanted = [...blobs].filter(
    ([path]) => !NOT_READ_AT_BASE.test(path) && !isVendoredPath(path),
  );
  const byBlob = new Map<string, string>();
  const reader = context.git.openBlobReader(DEFAULT_MAX_FILE_BYTES);
  try {
    await reader.read([...new Set(wanted.map(([, blob]) => blob))], (blob) => {
      const text = blob.content ? decodeBlob(blob.content, blob.truncated) : undefined;
      if (text !== undefined) byBlob.set(blob.id, text);
    });
  } finally {
    await reader.close();
  }
  const texts = new Map<string, string>();
  for (const [path, blob] of wanted) {
    const text = byBlob.get(blob);
    if (text !== undefined) texts.set(path, text);
  }
  return texts;
}
