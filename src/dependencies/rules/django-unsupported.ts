import {
  exactVersionOf,
  highestSeriesAllowed,
  parseDjangoVersion,
} from '../../settings/django-version';
import type { DjangoSeries } from '../data';
import { daysBetween, staleDataNote, defineDependencyRule } from '../rule';
import { seriesOf } from '../versions';

/** A series this close to its end is reported (low) so the move can be planned. */
const WARNING_DAYS = 90;

const REFRESH = 'scripts/generate-django-support.ts (see the README)';

/** Series that get security fixes on `today`, newest first, e.g. `5.2 LTS (until 2028-04-30)`. */
function supportedSeries(series: readonly DjangoSeries[], today: string): DjangoSeries[] {
  return series.filter((s) => s.released <= today && today <= s.securitySupportEnds);
}

const describe = (s: DjangoSeries) =>
  `${s.series}${s.lts ? ' LTS' : ''} (security fixes until ${s.securitySupportEnds})`;

export const djangoUnsupported = defineDependencyRule({
  id: 'DDG401',
  name: 'django-unsupported',
  severity: 'high',
  fix: 'Upgrade Django to a series that still receives security fixes (the current LTS is the long-lived choice).',
  docs: {
    summary: 'The pinned Django series no longer receives security fixes, or stops within 90 days.',
    whatItDoes:
      "Reads the Django version the deployment installs from the same dependency files as the deploy check (lock files first, then requirement files, pyproject.toml, setup.cfg, Pipfile, setup.py). An exact pin or a lock file's resolved version names its series; a range is judged by the newest series it allows (what pip installs). The series' end of security support comes from committed data (Django's release roadmap, via endoflife.date). Past that date: high. Within 90 days of it: low, naming the date. Either way the message names the series to move to. A project that does not constrain Django, or whose range reaches a supported series, gives nothing. When the committed data is older than a Django release cycle (eight months), the run's notes say so.",
    whyBad:
      'Once a series is out of support, Django publishes no fixes for it: every advisory disclosed afterwards (several a year, some rated high or critical) stays open in the deployment, and the series is not even listed as affected. Severity high: a deployment running an unsupported framework accumulates known, public vulnerabilities with no patch to apply; low when the end is near, to plan the upgrade before it arrives.',
    badExample: {
      file: 'requirements.txt',
      content: 'Django==3.2.25\ngunicorn==23.0.0\n',
    },
    goodExample: {
      file: 'requirements.txt',
      content: 'Django>=5.2,<6.0\ngunicorn==23.0.0\n',
    },
    useInstead:
      'Pin a supported series and upgrade before its end date: the LTS release (x.2) is supported for about three years.',
    references: [
      'https://www.djangoproject.com/download/#supported-versions',
      'https://docs.djangoproject.com/en/stable/internals/release-process/',
      'https://endoflife.date/django',
    ],
  },
  messages: {
    unsupported:
      '{{pinned}} at {{where}}: the {{series}} series stopped receiving security fixes on {{ends}}; {{moveTo}}',
    endingSoon:
      '{{pinned}} at {{where}}: security fixes for the {{series}} series end on {{ends}}, in {{days}} days; {{moveTo}}',
  },
  check(ctx) {
    const requirement = ctx.requirement('django');
    if (!requirement) return [];
    const stale = staleDataNote('Django support', ctx.support.source, ctx.today, REFRESH);
    if (stale) ctx.note(stale);
    const exact = requirement.locked
      ? requirement.spec.replace(/^==/, '')
      : exactVersionOf(requirement.spec);
    const known = ctx.support.series.flatMap((s) => {
      const version = parseDjangoVersion(s.series);
      return version ? [version] : [];
    });
    const judged =
      exact !== undefined
        ? seriesOf(exact)
        : (() => {
            const newest = highestSeriesAllowed(requirement.spec, known);
            return newest && `${newest.major}.${newest.minor}`;
          })();
    const series = ctx.support.series.find((s) => s.series === judged);
    if (!series) return [];
    const where = `${requirement.file}:${requirement.line} (${requirement.text})`;
    const pinned =
      exact !== undefined
        ? `Django ${exact}`
        : `Django ${series.series} (the newest series the range ${requirement.spec} allows)`;
    const daysLeft = daysBetween(ctx.today, series.securitySupportEnds);
    const targets = supportedSeries(ctx.support.series, ctx.today).filter(
      (s) => s.series !== series.series,
    );
    const moveTo =
      targets.length > 0
        ? `move to ${targets.map(describe).join(' or ')}`
        : 'no newer supported series is in the data';
    const data = { pinned, where, series: series.series, ends: series.securitySupportEnds, moveTo };
    if (daysLeft < 0) return [{ requirement, detail: 'django', messageId: 'unsupported', data }];
    if (daysLeft <= WARNING_DAYS)
      return [
        {
          requirement,
          detail: 'django',
          severity: 'low',
          messageId: 'endingSoon',
          data: { ...data, days: daysLeft },
        },
      ];
    return [];
  },
});
