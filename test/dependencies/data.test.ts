import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cvss3BaseScore, severityOfScore } from '../../scripts/lib/cvss';
import { formatDataFile } from '../../scripts/lib/data-files';
import { buildSupportData } from '../../scripts/lib/django-support';
import {
  buildAdvisoryData,
  readAdvisoryCheckout,
  type OsvDocument,
} from '../../scripts/lib/osv-advisories';
import { advisoryData, djangoSupportData } from '../../src/dependencies/data';

const SOURCE = {
  repository: 'example/advisories',
  path: 'vulns/',
  commit: 'a'.repeat(40),
  commitDate: '2026-01-02',
  takenAt: '2026-01-03',
};

describe('CVSS v3 base scores (the FIRST calculator’s values)', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5, 'high'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'medium'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', 5.3, 'medium'],
    ['CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:N/I:L/A:N', 2.7, 'low'],
    ['CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:H', 7.2, 'high'],
  ])('%s = %d (%s)', (vector, score, severity) => {
    expect(cvss3BaseScore(vector)).toBe(score);
    expect(severityOfScore(score)).toBe(severity);
  });

  it('refuses v4 and incomplete vectors', () => {
    expect(cvss3BaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toBe(
      undefined,
    );
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L')).toBeUndefined();
  });
});

describe('the advisory generator’s transform (OSV in, compact data out)', () => {
  // Written for this test, in the OSV schema's shape: no checkout, no network.
  const documents: { package: string; document: OsvDocument }[] = [
    {
      package: 'django',
      document: {
        id: 'PYSEC-2099-2',
        aliases: ['GHSA-xxxx-yyyy-zzzz', 'CVE-2099-0002', 'OTHER-1'],
        details:
          'An issue was discovered in Django 9.1 before 9.1.3 and 9.0 before 9.0.7. The thing fails to escape the other thing. More text.',
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }],
        affected: [
          {
            package: { name: 'Django', ecosystem: 'PyPI' },
            ranges: [
              { type: 'GIT', events: [{ introduced: '0' }, { fixed: 'abc123' }] },
              {
                type: 'ECOSYSTEM',
                events: [
                  { introduced: '9.1' },
                  { fixed: '9.1.3' },
                  { introduced: '9.0' },
                  { fixed: '9.0.7' },
                ],
              },
            ],
          },
        ],
      },
    },
    {
      package: 'django',
      document: {
        id: 'PYSEC-2099-1',
        summary: 'Open redirect in a view',
        database_specific: { severity: 'LOW' },
        affected: [
          {
            package: { name: 'django', ecosystem: 'PyPI' },
            ranges: [
              { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { last_affected: '8.0.1' }] },
            ],
          },
        ],
      },
    },
    {
      package: 'django',
      document: {
        id: 'PYSEC-2099-3',
        withdrawn: '2099-01-01T00:00:00Z',
        affected: [{ package: { name: 'django', ecosystem: 'PyPI' }, versions: ['9.0'] }],
      },
    },
    {
      package: 'djangorestframework',
      document: {
        id: 'PYSEC-2099-4',
        details: 'Something in DRF.',
        severity: [
          {
            type: 'CVSS_V4',
            score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N',
          },
        ],
        affected: [
          { package: { name: 'djangorestframework', ecosystem: 'PyPI' }, versions: ['3.1', '3.0'] },
        ],
      },
    },
  ];

  it('keeps ECOSYSTEM ranges, CVE/GHSA/PYSEC aliases, the telling sentence and the rating', () => {
    expect(buildAdvisoryData(documents, SOURCE)).toEqual({
      source: SOURCE,
      packages: {
        django: [
          {
            id: 'PYSEC-2099-1',
            aliases: [],
            summary: 'Open redirect in a view',
            severity: 'low',
            rating: 'GHSA LOW',
            ranges: [{ introduced: '0', lastAffected: '8.0.1' }],
          },
          {
            id: 'PYSEC-2099-2',
            aliases: ['CVE-2099-0002', 'GHSA-xxxx-yyyy-zzzz'],
            summary: 'The thing fails to escape the other thing.',
            severity: 'high',
            rating: 'CVSS:3.1 7.5',
            ranges: [
              { introduced: '9.1', fixed: '9.1.3' },
              { introduced: '9.0', fixed: '9.0.7' },
            ],
          },
        ],
        'django-allauth': [],
        'django-cors-headers': [],
        djangorestframework: [
          {
            id: 'PYSEC-2099-4',
            aliases: [],
            summary: 'Something in DRF.',
            severity: 'medium',
            rating: 'CVSS 4.0 vector (not scored)',
            ranges: [],
            versions: ['3.0', '3.1'],
          },
        ],
        'djangorestframework-simplejwt': [],
      },
    });
  });
});

describe('the support generator’s transform (endoflife.date page in, series table out)', () => {
  it('reads the front matter’s releases, newest first, with LTS marks', () => {
    const page = `---\ntitle: Django\nreleases:\n  - releaseCycle: "9.0"\n    releaseDate: 2099-12-01\n    eol: 2101-04-30\n    lts: true\n  - releaseCycle: "10.0"\n    releaseDate: 2101-12-01\n    eol: 2102-08-01\n  - releaseCycle: "8.2"\n    releaseDate: 2099-04-01\n---\n\nBody.\n`;
    expect(buildSupportData(page, SOURCE)).toEqual({
      source: SOURCE,
      series: [
        { series: '10.0', released: '2101-12-01', securitySupportEnds: '2102-08-01', lts: false },
        { series: '9.0', released: '2099-12-01', securitySupportEnds: '2101-04-30', lts: true },
      ],
    });
  });
});

describe('the committed data files', () => {
  it.each([
    ['src/dependencies/data/advisories.json'],
    ['src/dependencies/data/django-support.json'],
  ])('%s is exactly what the generator writes for its content', async (path) => {
    const committed = readFileSync(path, 'utf8');
    expect(await formatDataFile(JSON.parse(committed))).toBe(committed);
  });

  it('name their source commit and date', () => {
    for (const { source } of [advisoryData, djangoSupportData]) {
      expect(source.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(source.commitDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(source.takenAt >= source.commitDate).toBe(true);
    }
  });

  it('hold the dates of Django’s roadmap', () => {
    const ends = Object.fromEntries(
      djangoSupportData.series.map((s) => [s.series, s.securitySupportEnds]),
    );
    expect(ends).toMatchObject({
      '3.2': '2024-04-01',
      '4.2': '2026-04-07',
      '5.0': '2025-04-02',
      '5.1': '2025-12-03',
      '5.2': '2028-04-30',
    });
  });

  // Regenerating needs the checkout (the generator's input): point DDG_ADVISORY_CHECKOUT at one
  // to compare the whole file; CI has no network, so the transform is tested above instead.
  it.skipIf(process.env.DDG_ADVISORY_CHECKOUT === undefined)(
    'advisories.json regenerates identically from the recorded checkout',
    async () => {
      const checkout = process.env.DDG_ADVISORY_CHECKOUT!;
      const data = buildAdvisoryData(readAdvisoryCheckout(checkout), advisoryData.source);
      expect(await formatDataFile(data)).toBe(
        readFileSync('src/dependencies/data/advisories.json', 'utf8'),
      );
    },
  );
});
