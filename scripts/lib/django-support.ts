import { parse } from 'yaml';
import type { DataSource, DjangoSeries, SupportData } from '../../src/dependencies/data';
import { compareVersions } from '../../src/dependencies/versions';

/**
 * The pure half of scripts/generate-django-support.ts: endoflife.date's `products/django.md`
 * (YAML front matter with one entry per release series, dates from Django's own download page)
 * in, the committed series table out.
 */

interface EndOfLifeRelease {
  releaseCycle?: unknown;
  releaseDate?: unknown;
  eol?: unknown;
  lts?: unknown;
}

/** `2026-04-07`, whether YAML gave a string or a Date. */
function isoDate(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

export function buildSupportData(productPage: string, source: DataSource): SupportData {
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(productPage)?.[1];
  if (frontMatter === undefined) throw new Error('products/django.md has no front matter');
  const page = parse(frontMatter) as { releases?: EndOfLifeRelease[] };
  const series: DjangoSeries[] = [];
  for (const release of page.releases ?? []) {
    const cycle =
      typeof release.releaseCycle === 'string' || typeof release.releaseCycle === 'number'
        ? String(release.releaseCycle)
        : '';
    const released = isoDate(release.releaseDate);
    const ends = isoDate(release.eol);
    if (!/^\d+\.\d+$/.test(cycle) || released === undefined || ends === undefined) continue;
    series.push({ series: cycle, released, securitySupportEnds: ends, lts: release.lts === true });
  }
  series.sort((a, b) => compareVersions(b.series, a.series));
  return { source, series };
}
