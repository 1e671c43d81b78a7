import { exactVersionOf, lowestAllowedVersion } from '../../settings/django-version';
import {
  advisoriesAffecting,
  advisoryName,
  highestSeverity,
  type AdvisoryHit,
} from '../advisories';
import { staleDataNote, type DependencyMatch, defineDependencyRule } from '../rule';
import { compareVersions } from '../versions';

/** Summaries shown in one finding; every advisory's id and fix are always listed. */
const SUMMARIES_SHOWN = 5;

const REFRESH = 'scripts/generate-advisories.ts (see the README)';

function describeHit(hit: AdvisoryHit, withSummary: boolean): string {
  const fixed = hit.fixedIn !== undefined ? `fixed in ${hit.fixedIn}` : 'no fixed release';
  const summary = withSummary ? `: ${hit.advisory.summary}` : '';
  return `${advisoryName(hit.advisory)} [${hit.advisory.severity}, ${fixed}]${summary}`;
}

export const vulnerableVersionPinned = defineDependencyRule({
  id: 'DDG402',
  name: 'vulnerable-version-pinned',
  severity: 'medium',
  fix: 'Upgrade the package to the fixed release the finding names (the same series when there is one).',
  docs: {
    summary:
      'A pinned version of Django, Django REST framework, Simple JWT, django-cors-headers or django-allauth has known advisories.',
    whatItDoes:
      "Reads the version the deployment installs of Django, djangorestframework, djangorestframework-simplejwt, django-cors-headers and django-allauth from the same dependency files as the deploy check (a lock file's resolved version first, then `==` pins). Each is compared with the committed advisory data (generated from the PyPA advisory database, OSV format). One finding per package lists every advisory affecting that version by id (CVE, GHSA, PYSEC), its severity and the first release that fixes it, with the summaries of the most severe. A range is judged by the lowest version it allows, and the message says so; a package without a lower bound gives nothing. Severity: the highest of the advisories' own ratings (their CVSS v3 base score), medium for an advisory without one. When the data is older than a Django release cycle, the run's notes say so.",
    whyBad:
      'A published advisory comes with a description of the flaw and often a proof of concept: the deployment is exposed to whoever reads it, and the fix is a version bump away. Severity medium by default, raised to the advisory’s own rating (high or critical for the worst ones).',
    badExample: {
      file: 'requirements.txt',
      content: 'Django==5.2.1\ndjangorestframework==3.11.0\n',
    },
    goodExample: {
      file: 'requirements.txt',
      content: 'Django==5.2.17\ndjangorestframework==3.16.1\n',
    },
    useInstead:
      'Upgrade to the fixed release in the same series, and keep the pins current (Dependabot or Renovate open the pull requests).',
    references: [
      'https://github.com/pypa/advisory-database',
      'https://ossf.github.io/osv-schema/',
      'https://docs.djangoproject.com/en/dev/releases/security/',
    ],
  },
  messages: {
    oneAdvisory: '{{pinned}} at {{where}} has 1 known advisory: {{advisories}}',
    advisories: '{{pinned}} at {{where}} has {{count}} known advisories: {{advisories}}',
  },
  check(ctx) {
    const matches: DependencyMatch<'oneAdvisory' | 'advisories'>[] = [];
    const stale = staleDataNote('advisory', ctx.advisories.source, ctx.today, REFRESH);
    for (const [packageName, advisories] of Object.entries(ctx.advisories.packages)) {
      const requirement = ctx.requirement(packageName);
      if (!requirement || advisories.length === 0) continue;
      if (stale) ctx.note(stale);
      const exact = exactVersionOf(requirement.spec);
      const version = exact ?? lowestAllowedVersion(requirement.spec);
      if (version === undefined) continue;
      const hits = advisoriesAffecting(version, advisories);
      if (hits.length === 0) continue;
      const fixes = hits.flatMap((hit) => (hit.fixedIn !== undefined ? [hit.fixedIn] : []));
      const upgradeTo = fixes.sort(compareVersions).at(-1);
      const pinned =
        exact !== undefined
          ? `${packageName} ${version}`
          : `${packageName} ${requirement.spec} (a range, judged by the lowest version it allows, ${version})`;
      const listed = hits.map((hit, index) => describeHit(hit, index < SUMMARIES_SHOWN));
      matches.push({
        requirement,
        detail: packageName,
        severity: highestSeverity(hits),
        messageId: hits.length === 1 ? 'oneAdvisory' : 'advisories',
        data: {
          pinned,
          where: `${requirement.file}:${requirement.line}`,
          count: hits.length,
          advisories: listed.join('; '),
        },
        ...(upgradeTo !== undefined
          ? {
              fix: `Upgrade ${packageName} to ${upgradeTo} or later (fixes every advisory listed).`,
            }
          : {}),
      });
    }
    return matches;
  },
});
