import { parse as parseTomlText } from 'smol-toml';
import { ConfigurationError } from '../core/errors';
import type { RepoFiles } from '../core/repo-files';
import { decodeEscapes, splitStringLiteral } from './eval/strings';
import { parsePython } from './python/parse';
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

/** The repository's top, when the scan is of a folder inside it (`backend/`). */
export interface RepositoryTop {
  /** Files of the whole repository (a reader confined to its top). */
  files: RepoFiles;
  /** The scanned folder from the top, with a trailing slash (`backend/`). */
  prefix: string;
}

/**
 * The `--django-version` option, else detection from the dependency files of the scanned folder,
 * then of each folder above it up to the repository's top (a monorepo pins Django at the top).
 * The source names the deciding file from the repository's top.
 */
export function resolveDjangoVersion(
  option: string | undefined,
  fileList: readonly string[],
  files: RepoFiles,
  top?: RepositoryTop,
): DetectedDjangoVersion {
  if (option !== undefined && option.trim() !== '') {
    const version = parseDjangoVersion(option);
    if (!version)
      throw new ConfigurationError(`django-version '${option}' is not a version like 4.2 or 5.2.3`);
    return { version, source: 'option' };
  }
  const prefix = top?.prefix ?? '';
  const here = detectDjangoVersion(fileList, files);
  if (here.source !== 'default' || !top || prefix === '')
    return here.source === 'default' ? here : { ...here, source: `${prefix}${here.source}` };
  const parts = prefix.split('/').filter((p) => p !== '');
  for (let depth = parts.length - 1; depth >= 0; depth--) {
    const dir = parts.slice(0, depth).join('/');
    const found = detectDjangoVersion(
      dependencyFilesIn(top.files, dir),
      scopedFiles(top.files, dir),
    );
    if (found.source !== 'default')
      return { ...found, source: `${dir === '' ? '' : `${dir}/`}${found.source}` };
  }
  return here;
}

/** The names detection reads in one folder: its own files and its `requirements/` folder. */
function dependencyFilesIn(files: RepoFiles, dir: string): string[] {
  const join = (d: string, name: string) => (d === '' ? name : `${d}/${name}`);
  const own = files.list(dir).filter((name) => !files.isDirectory(join(dir, name)));
  const requirements = files.list(join(dir, 'requirements')).map((name) => `requirements/${name}`);
  return [...own, ...requirements];
}

/** `files` seen from `dir` (paths below it). */
function scopedFiles(files: RepoFiles, dir: string): RepoFiles {
  const at = (path: string) => (dir === '' ? path : path === '' ? dir : `${dir}/${path}`);
  return {
    read: (path) => files.read(at(path)),
    exists: (path) => files.exists(at(path)),
    isDirectory: (path) => files.isDirectory(at(path)),
    list: (path) => files.list(at(path)),
  };
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
  return highestSeriesAllowed(trimmed, KNOWN_DJANGO_VERSIONS);
}

/**
 * The newest of `series` (feature releases, any order) with a release the specifier allows:
 * what `pip install` picks among them. Undefined when none fits or the specifier is unreadable.
 */
export function highestSeriesAllowed(
  spec: string,
  series: readonly DjangoVersion[],
): DjangoVersion | undefined {
  const trimmed = spec.trim();
  const parsed = parseSpecifiers(trimmed === '' ? '*' : trimmed);
  if (!parsed) return undefined;
  const { allowed, excluded } = parsed;
  const newestFirst = [...series].sort((a, b) => b.major - a.major || b.minor - a.minor);
  for (const candidate of newestFirst) {
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

/**
 * The version an exact pin names: `==5.2.1`, `===5.2.1`, Poetry's bare `5.2.1`. Undefined for a
 * range or a wildcard (`==5.2.*`).
 */
export function exactVersionOf(spec: string): string | undefined {
  // Trimmed first: surrounding `\s*` runs next to an optional operator backtrack quadratically.
  const match = /^(?:===?|=)?\s*(\d+(?:\.\d+){0,3}(?:(?:a|b|rc)\d+)?(?:\.post\d+)?)$/i.exec(
    spec.trim(),
  );
  return match?.[1];
}

/**
 * The lowest release a range allows, `X.Y.Z` (`>=4.2,<5` → `4.2.0`, `~=3.11.1` → `3.11.1`);
 * undefined when the range has no lower bound (`<5`, unconstrained) or cannot be read.
 */
export function lowestAllowedVersion(spec: string): string | undefined {
  const parsed = parseSpecifiers(spec.trim() === '' ? '*' : spec);
  if (!parsed || compare(parsed.allowed.lo, [0, 0, 0]) === 0) return undefined;
  if (compare(parsed.allowed.lo, parsed.allowed.hi) >= 0) return undefined;
  return parsed.allowed.lo.join('.');
}

/** A distribution name as PyPI compares them (PEP 503): `Django_CORS.headers` → `django-cors-headers`. */
export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * `Django[argon2]>=4.2,<5 ; python_version >= "3.10"` → `>=4.2,<5` for `django`; undefined when
 * the requirement names another package (or a direct URL).
 */
export function specifierOf(requirement: string, packageName: string): string | undefined {
  const text = requirement.split('#')[0]!.split(';')[0]!.trim();
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]{0,200})\s*(?:\[[^\]]*\])?\s*(.*)$/.exec(text);
  if (!match || normalizePackageName(match[1]!) !== normalizePackageName(packageName))
    return undefined;
  const spec = match[2]!.trim().replace(/^\(|\)$/g, '');
  return spec.startsWith('@') ? undefined : spec;
}

/** `Django[argon2]>=4.2,<5 ; python_version >= "3.10"` → `>=4.2,<5`; undefined if not Django. */
export function djangoSpecifierOf(requirement: string): string | undefined {
  return specifierOf(requirement, 'django');
}

/** One package's requirement as the deciding dependency file states it. */
export interface PackageRequirement {
  file: string;
  /** 1-based. */
  line: number;
  /** The entry as written, e.g. `Django>=4.2,<5` or `django 5.2.1` (a lock's resolved version). */
  text: string;
  /** The version specifier: `>=4.2,<5`, `==5.2.1` (locks), `''` when unconstrained. */
  spec: string;
  /** A lock file resolved it: `spec` is the exact installed version. */
  locked: boolean;
}

/** Which requirement counts: e.g. Django's detection skips a specifier no known release fits. */
type AcceptSpec = (spec: string) => boolean;

interface Wanted {
  /** PEP 503-normalised. */
  name: string;
  accept: AcceptSpec;
}

const isWanted = (wanted: Wanted, name: string) => normalizePackageName(name) === wanted.name;

type TomlTable = Record<string, unknown>;

const isTable = (value: unknown): value is TomlTable =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const tableAt = (root: unknown, ...keys: string[]): TomlTable | undefined => {
  let node = root;
  for (const key of keys) node = isTable(node) ? node[key] : undefined;
  return isTable(node) ? node : undefined;
};

/** A TOML document, or undefined when it is not valid TOML (then it says nothing). */
function parseToml(content: string): TomlTable | undefined {
  try {
    return parseTomlText(content);
  } catch {
    return undefined;
  }
}

/** A TOML line without its comment (a `#` outside a string). */
function tomlCode(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return line.slice(0, i);
  }
  return line;
}

/**
 * The line of a value the TOML parser returned (it gives no positions): the first line whose code,
 * comments left out, matches. A commented-out copy of the same text is never the one named.
 */
function lineWhere(content: string, test: (code: string) => boolean, after = 0): number {
  const lines = content.split(/\r?\n/);
  for (let i = after; i < lines.length; i++) if (test(tomlCode(lines[i]!))) return i + 1;
  return 1;
}

const quotedIn = (text: string) => (code: string) =>
  code.includes(`"${text}"`) || code.includes(`'${text}'`);

/** PEP 508 strings: the first that names the package with an accepted specifier. */
function fromRequirementStrings(
  wanted: Wanted,
  file: string,
  content: string,
  requirements: unknown,
): PackageRequirement | undefined {
  if (!Array.isArray(requirements)) return undefined;
  for (const requirement of requirements) {
    if (typeof requirement !== 'string') continue;
    const spec = specifierOf(requirement, wanted.name);
    if (spec !== undefined && wanted.accept(spec))
      return {
        file,
        line: lineWhere(content, quotedIn(requirement)),
        text: requirement,
        spec,
        locked: false,
      };
  }
  return undefined;
}

/** Poetry and Pipenv tables: `django = "^4.2"`, `{ version = "~5.0" }`, or a list of those. */
function fromDependencyTable(
  wanted: Wanted,
  file: string,
  content: string,
  doc: TomlTable,
  path: string[],
): PackageRequirement | undefined {
  const entry = Object.entries(tableAt(doc, ...path) ?? {}).find(([name]) =>
    isWanted(wanted, name),
  );
  if (!entry) return undefined;
  const [name, value] = entry;
  const constraints = Array.isArray(value) ? value : [value];
  for (const constraint of constraints) {
    const spec =
      typeof constraint === 'string'
        ? constraint
        : isTable(constraint) && typeof constraint.version === 'string'
          ? constraint.version
          : undefined;
    if (spec === undefined || !wanted.accept(spec)) continue;
    // The key's line, searched from the table's own header on (other tables may name Django).
    const header = new RegExp(`^\\s*\\[\\s*${path.join('\\s*\\.\\s*')}\\s*\\]`);
    const start = lineWhere(content, (code) => header.test(code)) - 1;
    const line = lineWhere(content, (code) => tomlKeyOf(code) === name.toLowerCase(), start);
    const text = tomlCode(content.split(/\r?\n/)[line - 1] ?? '').trim();
    return { file, line, text, spec: spec.trim() === '*' ? '' : spec, locked: false };
  }
  return undefined;
}

/**
 * pyproject.toml: the runtime dependencies only, `[project].dependencies` (PEP 621: uv, PDM,
 * Hatch, setuptools…) then `[tool.poetry.dependencies]`. Optional dependencies, dependency groups
 * (PEP 735), Poetry groups and dev-dependencies are not what production installs.
 */
function fromPyproject(
  wanted: Wanted,
  file: string,
  content: string,
): PackageRequirement | undefined {
  const doc = parseToml(content);
  if (!doc) return undefined;
  return (
    fromRequirementStrings(wanted, file, content, tableAt(doc, 'project')?.dependencies) ??
    fromDependencyTable(wanted, file, content, doc, ['tool', 'poetry', 'dependencies'])
  );
}

/** Pipfile: `[packages]`, not `[dev-packages]`. */
function fromPipfile(
  wanted: Wanted,
  file: string,
  content: string,
): PackageRequirement | undefined {
  const doc = parseToml(content);
  return doc && fromDependencyTable(wanted, file, content, doc, ['packages']);
}

/** The bare key of a `key = value` TOML line, lower-cased (quotes removed); undefined otherwise. */
function tomlKeyOf(code: string): string | undefined {
  const match = /^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_.-]+))\s*=/.exec(code);
  return match ? (match[1] ?? match[2] ?? match[3]!).toLowerCase() : undefined;
}

/**
 * The pinned Django of a TOML lock file, unless the lock says it is for development only:
 * poetry.lock and uv.lock (`[[package]]`; poetry's `category`/`groups`), pdm.lock (`groups`,
 * `default` is the runtime group) and PEP 751 pylock.toml (`[[packages]]`, whose `marker` names
 * dependency groups or extras when the package is not always installed).
 */
function fromTomlLock(
  wanted: Wanted,
  file: string,
  content: string,
): PackageRequirement | undefined {
  const doc = parseToml(content);
  if (!doc) return undefined;
  const listed = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const packages = [...listed(doc.package), ...listed(doc.packages)].filter(isTable);
  for (const pkg of packages) {
    if (typeof pkg.name !== 'string' || !isWanted(wanted, pkg.name)) continue;
    if (typeof pkg.version !== 'string' || isDevelopmentOnly(pkg)) continue;
    const spec = `==${pkg.version}`;
    if (!wanted.accept(spec)) continue;
    const name = pkg.name;
    const line = lineWhere(content, (code) => {
      const match = /^\s*name\s*=\s*["']([^"']*)["']/.exec(code);
      return match !== null && match[1] === name;
    });
    return { file, line, text: `${wanted.name} ${pkg.version}`, spec, locked: true };
  }
  return undefined;
}

/** The group names that mean "installed in production": Poetry's `main`, PDM's `default`. */
const RUNTIME_GROUPS = ['main', 'default'];

function isDevelopmentOnly(pkg: TomlTable): boolean {
  if (pkg.category === 'dev') return true; // poetry.lock before Poetry 2
  const groups = Array.isArray(pkg.groups) ? pkg.groups.map(String) : undefined;
  if (groups && !groups.some((group) => RUNTIME_GROUPS.includes(group))) return true;
  return typeof pkg.marker === 'string' && /\b(dependency_groups|extras)\b/.test(pkg.marker);
}

function fromPipfileLock(
  wanted: Wanted,
  file: string,
  content: string,
): PackageRequirement | undefined {
  try {
    const data = JSON.parse(content) as {
      default?: Record<string, { version?: string } | undefined>;
    };
    const entry = Object.entries(data.default ?? {}).find(([k]) => isWanted(wanted, k));
    const pinned = entry?.[1]?.version;
    if (entry === undefined || pinned === undefined || !wanted.accept(pinned)) return undefined;
    const index = content.indexOf(`${JSON.stringify(entry[0])}:`);
    const spaced = index === -1 ? content.indexOf(`${JSON.stringify(entry[0])} :`) : index;
    return {
      file,
      line: spaced === -1 ? 1 : lineOf(content, spaced),
      text: `${wanted.name}${pinned}`,
      spec: pinned,
      locked: true,
    };
  } catch {
    return undefined;
  }
}

function lineOf(content: string, index: number): number {
  return content.slice(0, index).split('\n').length;
}

/** Requirement lines, following `-r other.txt` includes (bounded, cycle-safe). */
function fromRequirements(
  wanted: Wanted,
  file: string,
  files: RepoFiles,
  seen: Set<string>,
): PackageRequirement | undefined {
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
    const spec = specifierOf(line, wanted.name);
    if (spec === undefined || !wanted.accept(spec)) continue;
    return { file, line: i + 1, text: line.split('#')[0]!.trim(), spec, locked: false };
  }
  for (const included of includes) {
    const found = fromRequirements(wanted, included, files, seen);
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

/**
 * setup.cfg: `install_requires` of `[options]` (continuation lines, `#`/`;` comments), not
 * `[options.extras_require]` or `[metadata]`.
 */
function fromSetupCfg(
  wanted: Wanted,
  file: string,
  content: string,
): PackageRequirement | undefined {
  let section = '';
  let inRequires = false;
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const header = /^\s*\[([^\]]+)\]/.exec(raw);
    if (header) {
      section = header[1]!.trim();
      inRequires = false;
      continue;
    }
    if (/^\s*([#;]|$)/.test(raw)) continue;
    const key = /^(\S[^=:]*?)\s*[=:]\s*(.*)$/.exec(raw);
    let value: string;
    if (key && !/^\s/.test(raw)) {
      inRequires = section === 'options' && key[1]!.trim() === 'install_requires';
      value = key[2]!;
    } else if (inRequires) value = raw;
    else continue;
    if (!inRequires) continue;
    const text = value.split(/\s[#;]/)[0]!.trim();
    const spec = specifierOf(text, wanted.name);
    if (spec !== undefined && wanted.accept(spec))
      return { file, line: i + 1, text, spec, locked: false };
  }
  return undefined;
}

/**
 * setup.py, parsed (never run): the string literals of an `install_requires=[…]` keyword
 * argument. Other strings (`description="Django>=3.2 compatible"`, comments) say nothing.
 */
function fromSetupPy(
  wanted: Wanted,
  file: string,
  content: string,
): PackageRequirement | undefined {
  const parsed = parsePython(content, file);
  let found: PackageRequirement | undefined;
  parsed.tree.iterate({
    enter: (node) => {
      if (found) return false;
      if (node.name !== 'VariableName') return undefined;
      if (content.slice(node.from, node.to) !== 'install_requires') return undefined;
      const assign = node.node.nextSibling;
      const value = assign?.name === 'AssignOp' ? assign.nextSibling : null;
      if (!value || !/^(ArrayExpression|TupleExpression)$/.test(value.name)) return undefined;
      for (let item = value.firstChild; item; item = item.nextSibling) {
        if (item.name !== 'String') continue;
        const literal = splitStringLiteral(content.slice(item.from, item.to));
        if (!literal || /[bf]/.test(literal.prefix)) continue;
        const text = literal.prefix.includes('r')
          ? literal.body
          : decodeEscapes(literal.body, false);
        const spec = specifierOf(text, wanted.name);
        if (spec !== undefined && wanted.accept(spec)) {
          found = { file, line: parsed.lineAt(item.from), text, spec, locked: false };
          return false;
        }
      }
      return undefined;
    },
  });
  return found;
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

/** Lock files pin exact versions: they win over every range. */
const TOML_LOCKS = /^(poetry\.lock|uv\.lock|pdm\.lock|pylock\.toml|pylock\.[^/.]+\.toml)$/;

type Reader = (wanted: Wanted, file: string, content: string) => PackageRequirement | undefined;

/**
 * The requirement on `packageName` that the deployment installs, from the repository's dependency
 * files in order of authority: lock files (exact versions) first, then Pipfile.lock, production
 * requirement files, then `pyproject.toml`, `setup.cfg`, Pipfile and `setup.py`. The first entry
 * `accept` takes wins; undefined when no file names the package.
 */
export function findPackageRequirement(
  fileList: readonly string[],
  files: RepoFiles,
  packageName: string,
  accept: AcceptSpec = () => true,
): PackageRequirement | undefined {
  const wanted: Wanted = { name: normalizePackageName(packageName), accept };
  const present = new Set(fileList);
  const read = (file: string, from: Reader) => {
    const content = present.has(file) ? files.read(file) : undefined;
    return content === undefined ? undefined : from(wanted, file, content);
  };
  const locks = [...fileList.filter((f) => TOML_LOCKS.test(f))].sort();
  for (const lock of locks) {
    const result = read(lock, fromTomlLock);
    if (result) return result;
  }
  const fromLock = read('Pipfile.lock', fromPipfileLock);
  if (fromLock) return fromLock;
  const seen = new Set<string>();
  for (const file of requirementFiles(fileList)) {
    const result = fromRequirements(wanted, file, files, seen);
    if (result) return result;
  }
  const projectFiles: [string, Reader][] = [
    ['pyproject.toml', fromPyproject],
    ['setup.cfg', fromSetupCfg],
    ['Pipfile', fromPipfile],
    ['setup.py', fromSetupPy],
  ];
  for (const [file, from] of projectFiles) {
    const result = read(file, from);
    if (result) return result;
  }
  return undefined;
}

/** Reads the repository's dependency files; 5.2 (source `default`) when none names Django. */
export function detectDjangoVersion(
  fileList: readonly string[],
  files: RepoFiles,
): DetectedDjangoVersion {
  const found = findPackageRequirement(
    fileList,
    files,
    'django',
    (spec) => versionForSpecifier(spec) !== undefined,
  );
  const version = found && versionForSpecifier(found.spec);
  if (found && version) return { version, source: `${found.file}:${found.line} (${found.text})` };
  return { version: DEFAULT_DJANGO_VERSION, source: 'default' };
}
