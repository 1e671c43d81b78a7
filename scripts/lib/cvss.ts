import type { Severity } from '../../src/core/types';

/**
 * CVSS v3.0/v3.1 base scores from a vector string, as the FIRST specification computes them
 * (https://www.first.org/cvss/v3.1/specification-document §7.1, Appendix A for Roundup), and the
 * qualitative rating scale (§5) mapped onto this tool's severities. Used by the advisory
 * generator only: the committed data holds the result.
 */

const WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

/** §Appendix A: the smallest one-decimal number ≥ the input, immune to floating-point noise. */
function roundUp(value: number): number {
  const scaled = Math.round(value * 100000);
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10;
}

/** The base score of a `CVSS:3.x/AV:…` vector; undefined when it is not a complete v3 vector. */
export function cvss3BaseScore(vector: string): number | undefined {
  const parts = vector.split('/');
  if (!/^CVSS:3\.[01]$/.test(parts[0] ?? '')) return undefined;
  const metric = new Map(parts.slice(1).map((part) => part.split(':') as [string, string]));
  const pick = <T extends Record<string, number>>(table: T, key: string): number | undefined =>
    table[metric.get(key) as keyof T];
  const scope = metric.get('S');
  const av = pick(WEIGHTS.AV, 'AV');
  const ac = pick(WEIGHTS.AC, 'AC');
  const ui = pick(WEIGHTS.UI, 'UI');
  const c = pick(WEIGHTS.CIA, 'C');
  const i = pick(WEIGHTS.CIA, 'I');
  const a = pick(WEIGHTS.CIA, 'A');
  const prLetter = metric.get('PR');
  const pr =
    prLetter === 'N'
      ? 0.85
      : prLetter === 'L'
        ? scope === 'C'
          ? 0.68
          : 0.62
        : prLetter === 'H'
          ? scope === 'C'
            ? 0.5
            : 0.27
          : undefined;
  if (
    (scope !== 'U' && scope !== 'C') ||
    [av, ac, ui, c, i, a, pr].some((weight) => weight === undefined)
  )
    return undefined;
  const iss = 1 - (1 - c!) * (1 - i!) * (1 - a!);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  const exploitability = 8.22 * av! * ac! * pr! * ui!;
  if (impact <= 0) return 0;
  return scope === 'U'
    ? roundUp(Math.min(impact + exploitability, 10))
    : roundUp(Math.min(1.08 * (impact + exploitability), 10));
}

/** CVSS's qualitative scale: 9.0+ critical, 7.0+ high, 4.0+ medium, 0.1+ low, 0 info. */
export function severityOfScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}
