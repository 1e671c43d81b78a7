import { ConfigurationError } from '../core/errors';
import type { RepoFiles } from '../core/repo-files';
import type { DjangoVersion } from './rule';

/**
 * Which Django the scanned project deploys, read from its dependency files (never by running
 * pip). Lock files pin an exact version and win; requirement specifiers are ranges, and for a
 * range we take the HIGHEST known feature release it allows: that is what `pip install` picks,
 * and the newer version's checks are the ones the deployment will meet.
 */

/** Feature releases whose check semantics we model (django-rules.md §1–2). */
export const KNOWN_DJANGO_VERSIONS: readonly DjangoVersion[] = [
  { major: 3, minor: 2 },
  { major: 4, minor: 0 },
  { major: 4, minor: 1 },
  { major: 4, minor: 2 },
  { major: 5, minor: 0 },
  { major: 5, minor: 1 },
  { major: 5, minor: 2 },
  { major: 6, minor: 0 },
];

/** Used when no dependency file names Django. */
export const DEFAULT_DJANGO_VERSION: DjangoVersion = { major: 5, minor: 2 };

export interface DetectedDjangoVersion {
  version: DjangoVersion;
  /** `requirements/base.txt:3 (Django==4.2.11)`, `option` or `default`. */
  source: string;
}

/** `4.2` or `4.2.11` → `{4, 2}`; undefined when malformed. */
export function parseDjangoVersion(text: string): DjangoVersion | undefined {
  const match = /^\s*(\d{1,2})\.(\d{1,2})(?:\.\d+)?(?:[a-z]+\d*)?\s*$/i.exec(text);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** The `--django-version` option, else detection from the repository's dependency files. */
export function resolveDjangoVersion(
  option: string | undefined,
  fileList: readonly string[],
  files: RepoFiles,
): DetectedDjangoVersion {
  if (option !== undefined && option.trim() !== '') {
    const version = parseDjangoVersion(option);
    if (!version)
      throw new ConfigurationError(`django-version '${option}' is not a version like 4.2 or 5.2.3`);
    return { version, source: 'option' };
  }
  return detectDjangoVersion(fileList, files);
}

type Triple = [number, number, number];
const INFINITE = 1e9;

function compare(a: Triple, b: Triple): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function toTriple(text: string): { triple: Triple; parts: number; wildcard: boolean } | undefined {
  const match = /^(\d+)(?:\.(\d+|\*))?(?:\.(\d+|\*))?/.exec(text.trim());
  if (!match) return undefined;
  const parts = [match[1], match[2], match[3]].filter((p) => p !== undefined);
  const wildcard = parts.includes('*');
  const nums = parts.filter((p) => p !== '*').map(Number);
  return {
    triple: [nums[0] ?? 0, nums[1] ?? 0, nums[2] ?? 0],
    parts: nums.length,
    wildcard,
  };
}

/** Next release after the prefix of `t` with `parts` components: 4.2 → 4.3.0, 4 → 5.0.0. */
function bump(t: Triple, parts: number): Triple {
  if (parts <= 1) return [t[0] + 1, 0, 0];
  if (parts === 2) return [t[0], t[1] + 1, 0];
  return [t[0], t[1], t[2] + 1];
}

/** A half-open interval [lo, hi) of versions. */
interface Interval {
  lo: Triple;
  hi: Triple;
}

/**
 * The interval a specifier list allows (`>=4.2,<5.0`, `~=4.2`, `==5.2.*`, poetry `^4.2`/`~4.2`).
 * `!=` is ignored except `!=X.Y.*`, returned separately. Undefined when unparseable.
 */
function parseSpecifiers(spec: string): { allowed: Interval; excluded: Interval[] } | undefined {
  let lo: Triple = [0, 0, 0];
  let hi: Triple = [INFINITE, 0, 0];
  const excluded: Interval[] = [];
  const clauses = spec
    .split(/,|\s+(?=[<>=!~^])/)
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== '*');
  for (const clause of clauses) {
    const match = /^(===|==|!=|~=|>=|<=|>|<|\^|~|=)?\s*(.+)$/.exec(clause);
    if (!match) return undefined;
    const op = match[1] ?? '==';
    const v = toTriple(match[2]!);
    if (!v) return undefined;
    const point = v.triple;
    const upper = bump(point, v.wildcard ? v.parts : Math.max(v.parts, 1));
    const raise = (t: Triple) => {
      if (compare(t, lo) > 0) lo = t;
    };
    const lower = (t: Triple) => {
      if (compare(t, hi) < 0) hi = t;
    };
    switch (op) {
      case '==':
      case '===':
      case '=':
        raise(point);
        lower(v.wildcard ? upper : bump(point, 3));
        break;
      case '!=':
        if (v.wildcard) excluded.push({ lo: point, hi: upper });
        break;
      case '>=':
        raise(point);
        break;
      case '>':
        raise(bump(point, 3));
        break;
      case '<=':
        lower(bump(point, 3));
        break;
      case '<':
        lower(point);
        break;
      case '~=':
        raise(point);
        lower(bump(point, Math.max(v.parts - 1, 1)));
        break;
      case '^': {
        // Poetry caret: up to the next change of the left-most non-zero component.
        raise(point);
        const index = point[0] !== 0 || v.parts === 1 ? 1 : point[1] !== 0 || v.parts === 2 ? 2 : 3;
        lower(bump(point, index));
        break;
      }
      case '~':
        raise(point);
        lower(bump(point, v.parts >= 2 ? 2 : 1));
        break;
    }
  }
  return { allowed: { lo, hi }, excluded };
}

/**
 * The version a specifier resolves to: an exact pin gives its own minor; a range gives the highest
 * known feature release with a release inside it. Undefined when nothing known fits.
 */
export function versionForSpecifier(spec: string): DjangoVersion | undefined {
  const trimmed = spec.trim();
  const exact = /^(?:===?|=)?\s*(\d+\.\d+(?:\.\d+)?)\s*$/.exec(trimmed);
  if (exact) return parseDjangoVersion(exact[1]!);
  const parsed = parseSpecifiers(trimmed === '' ? '*' : trimmed);
  if (!parsed) return undefined;
  const { allowed, excluded } = parsed;
  for (const candidate of [...KNOWN_DJANGO_VERSIONS].reverse()) {
    const seriesLo: Triple = [candidate.major, candidate.minor, 0];
    const seriesHi: Triple = [candidate.major, candidate.minor + 1, 0];
    const lo = compare(seriesLo, allowed.lo) > 0 ? seriesLo : allowed.lo;
    const hi = compare(seriesHi, allowed.hi) < 0 ? seriesHi : allowed.hi;
    if (compare(lo, hi) >= 0) continue;
    if (excluded.some((e) => compare(e.lo, lo) <= 0 && compare(e.hi, hi) >= 0)) continue;
    return candidate;
  }
  return undefined;
}

/** `Django[argon2]>=4.2,<5 ; python_version >= "3.10"` → `>=4.2,<5`; undefined if not Django. */
export function djangoSpecifierOf(requirement: string): string | undefined {
  const text = requirement.split('#')[0]!.split(';')[0]!.trim();
  const match = /^django(?![\w.-])\s*(?:\[[^\]]*\])?\s*(.*)$/i.exec(text);
  if (!match) return undefined;
  const spec = match[1]!.trim().replace(/^\(|\)$/g, '');
  return spec.startsWith('@') ? undefined : spec;
}

interface Candidate {
  file: string;
  line: number;
  text: string;
  version: DjangoVersion;
}

function lineOf(content: string, index: number): number {
  return content.slice(0, index).split('\n').length;
}

/** `[[package]] name = "django" version = "4.2.11"` in poetry.lock / uv.lock. */
function fromTomlLock(file: string, content: string): Candidate | undefined {
  const match = /\[\[package\]\]\s*\n\s*name\s*=\s*"django"\s*\n\s*version\s*=\s*"([^"]+)"/i.exec(
    content,
  );
  if (!match) return undefined;
  const version = parseDjangoVersion(match[1]!);
  if (!version) return undefined;
  return { file, line: lineOf(content, match.index), text: `django ${match[1]!}`, version };
}

function fromPipfileLock(file: string, content: string): Candidate | undefined {
  try {
    const data = JSON.parse(content) as {
      default?: Record<string, { version?: string } | undefined>;
    };
    const entry = Object.entries(data.default ?? {}).find(([k]) => k.toLowerCase() === 'django');
    const pinned = entry?.[1]?.version;
    if (pinned === undefined) return undefined;
    const version = versionForSpecifier(pinned);
    if (!version) return undefined;
    const index = content.search(/"django"\s*:/i);
    return {
      file,
      line: index === -1 ? 1 : lineOf(content, index),
      text: `django${pinned}`,
      version,
    };
  } catch {
    return undefined;
  }
}

/** Requirement lines, following `-r other.txt` includes (bounded, cycle-safe). */
function fromRequirements(
  file: string,
  files: RepoFiles,
  seen: Set<string>,
): Candidate | undefined {
  if (seen.has(file) || seen.size > 50) return undefined;
  seen.add(file);
  const content = files.read(file);
  if (content === undefined) return undefined;
  const lines = content.split(/\r?\n/);
  const includes: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const include = /^(?:-r|--requirement|-c|--constraint)\s*=?\s*(\S+)/.exec(line);
    if (include) {
      const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
      includes.push(normalize(dir === '' ? include[1]! : `${dir}/${include[1]!}`));
      continue;
    }
    const spec = djangoSpecifierOf(line);
    if (spec === undefined) continue;
    const version = versionForSpecifier(spec);
    if (version) return { file, line: i + 1, text: line.split('#')[0]!.trim(), version };
  }
  for (const included of includes) {
    const found = fromRequirements(included, files, seen);
    if (found) return found;
  }
  return undefined;
}

/** Resolves `.` and `..` in a repo-relative path. */
function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** Quoted requirement strings (PEP 621 / setup.cfg) and poetry/Pipfile `django = ...` keys. */
function fromProjectFile(file: string, content: string): Candidate | undefined {
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const candidates: string[] = [];
    for (const quoted of line.matchAll(/["']([^"']+)["']/g)) candidates.push(quoted[1]!);
    // setup.cfg install_requires continuation lines are bare.
    if (file.endsWith('.cfg')) candidates.push(line.trim());
    for (const text of candidates) {
      const spec = djangoSpecifierOf(text);
      if (spec === undefined) continue;
      const version = versionForSpecifier(spec);
      if (version) return { file, line: i + 1, text, version };
    }
    const key = /^\s*django\s*=\s*(?:"([^"]*)"|'([^']*)'|\{[^}]*version\s*=\s*"([^"]*)")/i.exec(
      line,
    );
    if (key) {
      const spec = key[1] ?? key[2] ?? key[3] ?? '';
      const version = versionForSpecifier(spec);
      if (version) return { file, line: i + 1, text: line.trim(), version };
    }
  }
  return undefined;
}

/** Production requirement files first: they are what the deployment installs. */
function requirementFiles(fileList: readonly string[]): string[] {
  const reqs = fileList.filter(
    (f) => /^requirements[^/]*\.(txt|in)$/i.test(f) || /^requirements\/[^/]+\.(txt|in)$/i.test(f),
  );
  const rank = (f: string) =>
    /prod|production|deploy|live/i.test(f)
      ? 0
      : /base|common|main/i.test(f)
        ? 1
        : /^requirements\.txt$/i.test(f)
          ? 1
          : /dev|local|test|lint|doc/i.test(f)
            ? 3
            : 2;
  return [...reqs].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Reads the repository's dependency files; 5.2 (source `default`) when none names Django. */
export function detectDjangoVersion(
  fileList: readonly string[],
  files: RepoFiles,
): DetectedDjangoVersion {
  const present = new Set(fileList);
  const found = (c: Candidate | undefined): DetectedDjangoVersion | undefined =>
    c && { version: c.version, source: `${c.file}:${c.line} (${c.text})` };
  for (const lock of ['poetry.lock', 'uv.lock']) {
    const content = present.has(lock) ? files.read(lock) : undefined;
    const result = content !== undefined ? found(fromTomlLock(lock, content)) : undefined;
    if (result) return result;
  }
  const pipfileLock = present.has('Pipfile.lock') ? files.read('Pipfile.lock') : undefined;
  const fromLock = pipfileLock && found(fromPipfileLock('Pipfile.lock', pipfileLock));
  if (fromLock) return fromLock;
  const seen = new Set<string>();
  for (const file of requirementFiles(fileList)) {
    const result = found(fromRequirements(file, files, seen));
    if (result) return result;
  }
  for (const file of ['pyproject.toml', 'setup.cfg', 'Pipfile', 'setup.py']) {
    const content = present.has(file) ? files.read(file) : undefined;
    const result = content !== undefined ? found(fromProjectFile(file, content)) : undefined;
    if (result) return result;
  }
  return { version: DEFAULT_DJANGO_VERSION, source: 'default' };
}
