/**
 * Python package versions compared as pip compares them (PEP 440), for the forms PyPI releases
 * and advisories use: `5.2.1`, `4.2rc1`, `3.11.0.post1`, `6.0.dev2`, `1!2.0`. Local labels
 * (`+ubuntu1`) are ignored. Pure: no I/O.
 */

interface ParsedVersion {
  epoch: number;
  release: number[];
  /** dev-only release < a < b < rc < final. */
  preRank: number;
  preNumber: number;
  /** -1 when not a post release. */
  post: number;
  /** Infinity when not a dev release. */
  dev: number;
}

const PRE_RANK: Record<string, number> = {
  a: -3,
  alpha: -3,
  b: -2,
  beta: -2,
  c: -1,
  rc: -1,
  pre: -1,
  preview: -1,
};

/** The parsed version, or undefined when the text is not a version pip would accept. */
export function parseVersion(text: string): ParsedVersion | undefined {
  let rest = text.trim().toLowerCase().replace(/^v/, '');
  const plus = rest.indexOf('+');
  if (plus !== -1) rest = rest.slice(0, plus);
  let epoch = 0;
  const bang = rest.indexOf('!');
  if (bang !== -1) {
    epoch = Number(rest.slice(0, bang));
    rest = rest.slice(bang + 1);
  }
  const release = /^\d{1,9}(?:\.\d{1,9}){0,9}/.exec(rest);
  if (!release || !Number.isFinite(epoch)) return undefined;
  rest = rest.slice(release[0].length);
  let preRank = 0;
  let preNumber = 0;
  let post = -1;
  let dev = Infinity;
  const pre = /^[-_.]?(alpha|beta|preview|pre|a|b|c|rc)[-_.]?(\d{0,9})/.exec(rest);
  if (pre) {
    preRank = PRE_RANK[pre[1]!]!;
    preNumber = Number(pre[2] || '0');
    rest = rest.slice(pre[0].length);
  }
  const postMatch = /^(?:-(\d{1,9})|[-_.]?(?:post|rev|r)[-_.]?(\d{0,9}))/.exec(rest);
  if (postMatch) {
    post = Number(postMatch[1] ?? (postMatch[2] || '0'));
    rest = rest.slice(postMatch[0].length);
  }
  const devMatch = /^[-_.]?dev[-_.]?(\d{0,9})/.exec(rest);
  if (devMatch) {
    dev = Number(devMatch[1] || '0');
    rest = rest.slice(devMatch[0].length);
  }
  if (rest !== '') return undefined;
  // `1.0.dev1` sorts before `1.0a1`: a dev release of the final, with no pre-release part.
  if (dev !== Infinity && preRank === 0 && post === -1) preRank = -4;
  return { epoch, release: release[0].split('.').map(Number), preRank, preNumber, post, dev };
}

/** Negative when `a` < `b`, 0 when equal, positive when `a` > `b`; unparseable sorts first. */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0);
  if (x.epoch !== y.epoch) return x.epoch - y.epoch;
  const length = Math.max(x.release.length, y.release.length);
  for (let i = 0; i < length; i++) {
    const diff = (x.release[i] ?? 0) - (y.release[i] ?? 0);
    if (diff !== 0) return diff;
  }
  for (const key of ['preRank', 'preNumber', 'post'] as const) {
    if (x[key] !== y[key]) return x[key] - y[key];
  }
  if (x.dev === y.dev) return 0;
  return x.dev < y.dev ? -1 : 1;
}

/** The feature series of a version: `5.2.1` → `5.2`, `3.11` → `3.11`, `4` → `4.0`. */
export function seriesOf(version: string): string | undefined {
  const parsed = parseVersion(version);
  if (!parsed) return undefined;
  return `${parsed.release[0] ?? 0}.${parsed.release[1] ?? 0}`;
}
