// Regenerates src/dependencies/data/advisories.json from a checkout of the PyPA advisory database
// (https://github.com/pypa/advisory-database, OSV YAML under vulns/<package>/):
//
//   git clone https://github.com/pypa/advisory-database /tmp/advisory-database
//   npx tsx scripts/generate-advisories.ts --checkout /tmp/advisory-database
//
// Options: --repository owner/name (default pypa/advisory-database; name the mirror when you read
// one, with --mirror-of), --taken YYYY-MM-DD (default today). The data records the checkout's
// commit and date; the dependency rules say when that date is older than a Django release cycle.
import { writeFileSync } from 'node:fs';
import { buildAdvisoryData, readAdvisoryCheckout } from './lib/osv-advisories';
import { argument, checkoutCommit, formatDataFile } from './lib/data-files';

const ADVISORIES_FILE = 'src/dependencies/data/advisories.json';

const checkout = argument('checkout');
if (checkout === undefined) {
  console.error(
    'usage: tsx scripts/generate-advisories.ts --checkout DIR [--repository owner/name]',
  );
  process.exit(2);
}
const mirrorOf = argument('mirror-of');
const data = buildAdvisoryData(readAdvisoryCheckout(checkout), {
  repository: argument('repository') ?? 'pypa/advisory-database',
  ...(mirrorOf !== undefined ? { mirrorOf } : {}),
  path: 'vulns/',
  ...checkoutCommit(checkout),
  takenAt: argument('taken') ?? new Date().toISOString().slice(0, 10),
});
writeFileSync(ADVISORIES_FILE, await formatDataFile(data));
const counts = Object.entries(data.packages).map(([name, list]) => `${name} ${list.length}`);
console.log(`${ADVISORIES_FILE}: ${counts.join(', ')}`);
