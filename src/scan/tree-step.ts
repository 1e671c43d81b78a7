import { runFileRules } from '../hardening/file-rule';
import { decodeBlob, DEFAULT_MAX_FILE_BYTES } from '../core/text-decode';
import type { Finding } from '../core/types';
import type { GitClient } from '../git/git-client';
import { readStagedFiles, type StagedFile } from '../git/staged';
import { ConfigurationError } from '../core/errors';
import { isComposePath, productionEnvFilesOf } from '../hardening/deployment-files';
import { withProductionEnvFiles } from '../hardening/rules';
import type { ReadResult } from '../io/confined-reader';
import { fileRules, secretRules } from '../registry';
import {
  createHitOverflow,
  describeHitOverflow,
  runSecretRules,
  toSecretFinding,
  valuesToMask,
} from '../secrets/detect';
import { isVendoredPath } from '../secrets/path-context';
import { fileFixFor } from '../fix';
import { repositoryPath, type ScanContext, type StepResult } from './scan-context';

export interface TreeScan extends StepResult {
  /** Files the settings evaluation may read (regular files and symlinks that stay inside). */
  readable: string[];
  /** Files holding an inline ignore comment (`deploy-guard:`), with the text scanned. */
  withInlineIgnores: { path: string; content: string }[];
}

/**
 * Step 1: the files of the working tree (or, with `staged`, of the index): secrets and file rules.
 */
export async function scanTree(
  context: ScanContext,
  staged: StagedSelection | undefined,
): Promise<TreeScan> {
  const { reader, listing, options, redactor } = context;
  const files = reader.files;
  const findings: Finding[] = [];
  const notes: string[] = [];
  const withInlineIgnores: { path: string; content: string }[] = [];
  let skippedBinary = 0;
  let skippedSpecial = 0;
  const kinds = new Map(listing.files.map((path) => [path, reader.classify(path)]));
  for (const kind of kinds.values()) if (kind === 'special') skippedSpecial++;
  // A symlink inside the repository is scanned where it points (when that file is listed), but
  // settings discovery and imports may go through it.
  const scannable = listing.files.filter((path) => kinds.get(path) === 'file');
  const readable = listing.files.filter(
    (path) => kinds.get(path) === 'file' || kinds.get(path) === 'symlink-inside',
  );
  // Env files that a production compose file loads (`env_file:`) are production env files too,
  // whatever their name: the file rules need that list before they run.
  const composeEnvFiles = scannable.filter(isComposePath).flatMap((path) => {
    const content = files.read(path);
    return content === undefined ? [] : productionEnvFilesOf({ path, content });
  });
  const activeFileRules = withProductionEnvFiles(fileRules, composeEnvFiles);
  let vendored = 0;
  const hitOverflow = createHitOverflow();
  const { budget } = context;
  // Committed virtualenvs and node_modules hold the libraries' test keys, not the project's:
  // there only a token that passes its format's validation (a checksum, a live key) counts.
  const toScan = options.staged
    ? await readStagedTexts(context.git, staged)
    : scannable.map((path) => ({ path, read: reader.readText(path) }));
  for (const [position, { path, read }] of toScan.entries()) {
    if (budget.exceeded()) {
      for (const rest of toScan.slice(position)) budget.skip(repositoryPath(context, rest.path));
      break;
    }
    const isVendored = isVendoredPath(path);
    if (isVendored) vendored++;
    if (read.kind === 'binary') {
      skippedBinary++;
      continue;
    }
    if (read.kind !== 'text') continue;
    if (read.truncated)
      notes.push(
        `${repositoryPath(context, path)}: larger than 2 MiB; only the first 2 MiB were scanned`,
      );
    const file = { path, content: read.content };
    if (read.content.includes('deploy-guard:')) withInlineIgnores.push(file);
    for (const raw of runSecretRules(file, secretRules, undefined, hitOverflow)) {
      if (isVendored && !raw.match.validated) continue;
      for (const value of valuesToMask(raw)) redactor.add(value);
      const finding = toSecretFinding(raw);
      const autofix = fileFixFor(finding);
      findings.push(autofix ? { ...finding, autofix } : finding);
    }
    if (!isVendored) findings.push(...runFileRules(file, activeFileRules));
  }
  const skippedHits = describeHitOverflow({
    ...hitOverflow,
    paths: hitOverflow.paths.map((path) => repositoryPath(context, path)),
  });
  if (skippedHits !== undefined) notes.push(skippedHits);
  if (skippedSpecial > 0)
    notes.push(`${skippedSpecial} listed path(s) are not regular files (FIFO, device); not read`);
  context.logger.debug(`tree: ${listing.files.length} files, ${skippedBinary} binary skipped`);
  if (skippedBinary > 0)
    notes.push(
      `${skippedBinary} binary file(s) (not decodable as text) were not scanned for secrets`,
    );
  if (options.staged)
    notes.push(
      `--staged: ${toScan.length} staged file(s) scanned${toScan.length === 0 ? ' (nothing staged to commit there)' : ''}`,
    );
  if (vendored > 0)
    notes.push(
      `${vendored} committed third-party files (site-packages/, venv/, .venv/, env/lib/python*/, node_modules/) were scanned only for tokens that pass their format's validation`,
    );
  return { findings, notes, readable, withInlineIgnores };
}

/**
 * What `--staged` scans, as paths from the repository's top: the staged changes below `dirs`
 * ('' is the whole repository) and the index's version of `files` (changed or not: pre-commit's
 * `--all-files` passes every tracked file). Undefined: every staged change.
 */
export interface StagedSelection {
  dirs: string[];
  files: string[];
}

/** The index's version of the selected files, decoded as the tree scan decodes a file. */
async function readStagedTexts(
  git: GitClient,
  selection: StagedSelection | undefined,
): Promise<{ path: string; read: ReadResult }[]> {
  const staged: StagedFile[] = [];
  if (!selection || selection.dirs.length > 0) {
    const dirs = selection?.dirs ?? [''];
    staged.push(
      ...(await readStagedFiles(git, undefined, DEFAULT_MAX_FILE_BYTES)).filter(({ path }) =>
        dirs.some((dir) => dir === '' || path.startsWith(`${dir}/`)),
      ),
    );
  }
  if (selection && selection.files.length > 0) {
    const named = await readStagedFiles(git, selection.files, DEFAULT_MAX_FILE_BYTES);
    const found = new Set(named.map(({ path }) => path));
    const missing = selection.files.filter((path) => !found.has(path));
    if (missing.length > 0)
      throw new ConfigurationError(
        `--staged: not in the index (not staged, or misspelt): ${missing.join(', ')}`,
      );
    const listed = new Set(staged.map(({ path }) => path));
    staged.push(...named.filter(({ path }) => !listed.has(path)));
  }
  return staged.map(({ path, content, truncated }) => {
    const text = content === undefined ? undefined : decodeBlob(content, truncated);
    const read: ReadResult =
      content === undefined
        ? { kind: 'missing' }
        : text === undefined
          ? { kind: 'binary' }
          : { kind: 'text', content: text, truncated };
    return { path, read };
  });
}
